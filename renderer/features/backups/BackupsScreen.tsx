import { useEffect, useState, type FormEvent } from 'react';
import { count, plural } from '../../format';
import { useAppStoreShallow } from '../../state/store';
import { BackupTable } from './BackupTable';

/** The project's backups: make one now, change the schedule, restore one. */
export function BackupsScreen() {
  const s = useAppStoreShallow((st) => ({
    backups: st.backups,
    busy: st.backupsBusy,
    error: st.backupsError,
    lastRestore: st.lastRestore,
    readOnly: st.recovery?.state === 'open' ? st.recovery.readOnly : null,
    load: st.loadBackups,
    create: st.createBackup,
    restore: st.restoreBackup,
    saveSchedule: st.saveBackupSchedule,
  }));
  const { load } = s;
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <main className="backups-screen" data-testid="backups-screen">
      <header className="backups-head">
        <div>
          <h2>Backups</h2>
          {s.backups ? (
            <p className="hint">
              Kept in <code data-testid="backups-dir">{s.backups.dir}</code>, beside the project.
            </p>
          ) : null}
        </div>
        <button
          type="button"
          className="primary"
          disabled={s.busy !== null || s.readOnly !== null}
          onClick={() => void s.create()}
          data-testid="backup-now"
        >
          {s.busy === 'creating' ? 'Backing up…' : 'Back up now'}
        </button>
      </header>
      {s.error ? (
        <p role="alert" className="error" data-testid="backups-error">
          {s.error}
        </p>
      ) : null}
      {s.lastRestore ? (
        <p role="status" className="notice" data-testid="restore-result">
          Restored the backup from {new Date(s.lastRestore.restored.createdAt).toLocaleString()}.{' '}
          {s.lastRestore.safetyBackup
            ? 'The project as it was just before is kept as the backup “Before a restore”.'
            : `The damaged file was moved, unchanged, to ${s.lastRestore.preservedAs}.`}
        </p>
      ) : null}
      {s.backups?.lastError ? (
        <p role="alert" className="error" data-testid="backups-schedule-error">
          The last scheduled backup failed: {s.backups.lastError}
        </p>
      ) : null}
      {s.backups ? (
        <>
          <BackupTable
            backups={s.backups.backups}
            busy={s.busy !== null || s.readOnly !== null}
            currentIsDamaged={false}
            onRestore={(name) => void s.restore(name)}
            emptyText={`No backups yet. While the project is open, one is made every ${plural(s.backups.schedule.intervalMinutes, 'minute')} if something changed; “Back up now” makes one at once.`}
          />
          <ScheduleForm
            key={`${s.backups.schedule.intervalMinutes}/${s.backups.schedule.keep}`}
            intervalMinutes={s.backups.schedule.intervalMinutes}
            keep={s.backups.schedule.keep}
            disabled={s.busy !== null || s.readOnly !== null}
            onSave={(schedule) => void s.saveSchedule(schedule)}
          />
        </>
      ) : (
        <p className="loading">Loading backups…</p>
      )}
    </main>
  );
}

function ScheduleForm(props: {
  intervalMinutes: number;
  keep: number;
  disabled: boolean;
  onSave: (schedule: { intervalMinutes: number; keep: number }) => void;
}) {
  const [interval, setInterval] = useState(String(props.intervalMinutes));
  const [keep, setKeep] = useState(String(props.keep));
  const valid =
    Number.isInteger(Number(interval)) &&
    Number(interval) >= 1 &&
    Number(interval) <= 1440 &&
    Number.isInteger(Number(keep)) &&
    Number(keep) >= 1 &&
    Number(keep) <= 500;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (valid) props.onSave({ intervalMinutes: Number(interval), keep: Number(keep) });
  };
  return (
    <form className="schedule" onSubmit={submit} aria-label="Backup schedule">
      <h3>Schedule</h3>
      <p className="hint" data-testid="schedule-explained">
        While the project is open, it is backed up every {plural(props.intervalMinutes, 'minute')}{' '}
        if anything changed since the last backup. Of these scheduled backups, the newest{' '}
        {count(props.keep)} are kept and older ones are deleted. Backups made with “Back up now”,
        before an upgrade or before a restore are never deleted.
      </p>
      <label>
        Every
        <input
          type="number"
          min={1}
          max={1440}
          value={interval}
          onChange={(e) => setInterval(e.target.value)}
          data-testid="schedule-interval"
        />
        minutes
      </label>
      <label>
        keep the newest
        <input
          type="number"
          min={1}
          max={500}
          value={keep}
          onChange={(e) => setKeep(e.target.value)}
          data-testid="schedule-keep"
        />
      </label>
      <button type="submit" disabled={props.disabled || !valid} data-testid="schedule-save">
        Save schedule
      </button>
    </form>
  );
}
