import { useState } from 'react';
import type { BackupInfo, BackupReason } from '../../../shared/api/contract';
import { count } from '../../format';

const REASONS: Record<BackupReason, string> = {
  scheduled: 'Scheduled',
  manual: 'Made by hand',
  'pre-migration': 'Before an upgrade',
  'pre-restore': 'Before a restore',
};

function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * The backups of a project, newest first, each restorable after a confirmation that says
 * what will happen to the project as it is now.
 */
export function BackupTable({
  backups,
  busy,
  currentIsDamaged,
  onRestore,
  emptyText = 'No backups yet.',
}: {
  backups: readonly BackupInfo[];
  /** What an empty list says, with the next step where there is one. */
  emptyText?: string;
  busy: boolean;
  /** A damaged project is moved aside rather than backed up: the confirmation says so. */
  currentIsDamaged: boolean;
  onRestore: (name: string) => void;
}) {
  const [confirming, setConfirming] = useState<string | null>(null);
  if (backups.length === 0)
    return (
      <p className="hint" data-testid="backups-empty">
        {emptyText}
      </p>
    );
  return (
    <table className="backups" data-testid="backups-table">
      <thead>
        <tr>
          <th scope="col">Taken</th>
          <th scope="col">Why</th>
          <th scope="col">Items</th>
          <th
            scope="col"
            title="Every answer ever saved, by every labeller: changed answers, skips and undos each count"
          >
            Judgment revisions
          </th>
          <th scope="col">Size</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {backups.map((b) => (
          <tr key={b.name} data-testid="backup-row" data-name={b.name} data-reason={b.reason}>
            <td title={b.name}>{new Date(b.createdAt).toLocaleString()}</td>
            <td>{REASONS[b.reason]}</td>
            <td>{b.items === null ? 'unreadable' : count(b.items)}</td>
            <td data-testid="backup-judgments">
              {b.judgments === null ? 'unreadable' : count(b.judgments)}
            </td>
            <td>{size(b.bytes)}</td>
            <td className="backup-actions">
              {confirming === b.name ? (
                <span role="group" aria-label="Confirm restore">
                  <span className="confirm-text">
                    {currentIsDamaged
                      ? 'The damaged file will be moved aside, unchanged.'
                      : 'The project as it is now is backed up first.'}
                  </span>
                  <button
                    type="button"
                    className="primary"
                    disabled={busy}
                    onClick={() => {
                      setConfirming(null);
                      onRestore(b.name);
                    }}
                    data-testid="backup-restore-confirm"
                  >
                    Restore
                  </button>
                  <button type="button" onClick={() => setConfirming(null)}>
                    Cancel
                  </button>
                </span>
              ) : (
                <button
                  type="button"
                  disabled={busy || b.judgments === null}
                  onClick={() => setConfirming(b.name)}
                  data-testid="backup-restore"
                >
                  Restore…
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
