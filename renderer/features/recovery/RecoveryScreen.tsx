import { useEffect, useState } from 'react';
import type { OpenProblem, SalvageResult } from '../../../shared/api/contract';
import { CHOICE_LABELS, type RecoveryChoice } from '../../../shared/domain/open-problem';
import { useAppStoreShallow } from '../../state/store';
import { BackupTable } from '../backups/BackupTable';

const TITLES: Record<OpenProblem['kind'], string> = {
  corrupt: 'This project file is damaged',
  locked: 'Another program is writing to this project',
  'read-only': 'This project cannot be written',
  'newer-version': 'This project was made by a newer Rankwise',
  'not-a-project': 'This is not a Rankwise project',
  'no-permission': 'This project cannot be read',
  missing: 'This project file is missing',
};

/**
 * Shown when the project did not open: what is wrong, in plain words, and the choices that
 * make sense for it. Nothing happens to the file until the user picks one.
 */
export function RecoveryScreen({ fallback }: { fallback: string | null }) {
  const s = useAppStoreShallow((st) => ({
    recovery: st.recovery,
    loadRecovery: st.loadRecovery,
    reopen: st.reopenProject,
    salvage: st.salvageProject,
    backups: st.backups,
    loadBackups: st.loadBackups,
    restore: st.restoreBackup,
    busy: st.backupsBusy,
    backupsError: st.backupsError,
  }));
  const { loadRecovery } = s;
  const [working, setWorking] = useState<RecoveryChoice | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [salvaged, setSalvaged] = useState<SalvageResult | null>(null);
  const [showBackups, setShowBackups] = useState(false);
  useEffect(() => {
    void loadRecovery();
  }, [loadRecovery]);

  const problem = s.recovery?.state === 'failed' ? s.recovery.problem : null;
  if (!problem) {
    const readOnly = s.recovery?.state === 'open' && s.recovery.readOnly;
    return (
      <main className="fatal" role="alert" data-testid="open-error">
        <h2>Could not open the project</h2>
        <p>{fallback}</p>
        {readOnly ? (
          <p className="hint">
            It opened read-only, but the damaged part is needed to show it. Export what is readable
            instead: run <code>rankwise backups &lt;project&gt; salvage</code>, or restart Rankwise
            and choose “Export what is readable”.
          </p>
        ) : null}
      </main>
    );
  }

  const choose = async (choice: RecoveryChoice) => {
    setError(null);
    if (choice === 'restore-backup') {
      setShowBackups(true);
      await s.loadBackups();
      return;
    }
    setWorking(choice);
    try {
      if (choice === 'salvage') setSalvaged(await s.salvage());
      else await s.reopen(choice);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setWorking(null);
    }
  };

  return (
    <main className="recovery" data-testid="recovery-screen" data-kind={problem.kind}>
      <h2>{TITLES[problem.kind]}</h2>
      <p data-testid="recovery-message">{problem.message}</p>
      {problem.choices.length ? (
        <div className="dialog-actions" role="group" aria-label="What to do">
          {problem.choices.map((c, i) => (
            <button
              key={c}
              type="button"
              className={i === 0 ? 'primary' : undefined}
              disabled={working !== null}
              onClick={() => void choose(c)}
              data-testid={`recovery-${c}`}
            >
              {working === c ? `${CHOICE_LABELS[c]}…` : CHOICE_LABELS[c]}
            </button>
          ))}
        </div>
      ) : (
        <p className="hint">There is nothing this version of Rankwise can safely do with it.</p>
      )}
      {error || s.backupsError ? (
        <p role="alert" className="error" data-testid="recovery-error">
          {error ?? s.backupsError}
        </p>
      ) : null}
      {salvaged ? (
        <section className="notice" data-testid="salvage-result">
          <p>
            Every readable row was written to <code>{salvaged.path}</code>. The damaged file is
            unchanged. Open the new file to carry on.
          </p>
          <ul>
            {salvaged.tables
              .filter((t) => t.lost > 0 || !t.complete)
              .map((t) => (
                <li key={t.name}>
                  {t.name}: {t.copied} rows kept, {t.lost} could not be read or placed
                </li>
              ))}
          </ul>
          {salvaged.orphansPath ? (
            <p>
              Rows whose item could not be read are kept in <code>{salvaged.orphansPath}</code>.
            </p>
          ) : null}
        </section>
      ) : null}
      {showBackups && s.backups ? (
        <section aria-label="Backups">
          <h3>Backups</h3>
          <BackupTable
            backups={s.backups.backups}
            busy={s.busy !== null}
            currentIsDamaged
            onRestore={(name) => {
              void s.restore(name).then(() => loadRecovery());
            }}
          />
        </section>
      ) : null}
    </main>
  );
}
