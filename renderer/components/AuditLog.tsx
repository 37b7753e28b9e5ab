import type { AuditEntry } from '../../shared/api/contract';

/** The detail of an entry in one line ("overlap: 2 · items: 300"). */
function detailLine(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' · ');
}

/** The audit log, newest first: when, who (and through what), what, to what. */
export function AuditLog({
  entries,
  more,
  onMore,
}: {
  entries: AuditEntry[];
  more: boolean;
  onMore: () => void;
}) {
  return (
    <>
      <table className="data audit-log" data-testid="audit-log">
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>What</th>
            <th>To</th>
            <th>Detail</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq} data-action={e.action}>
              <td>{new Date(e.at).toLocaleString()}</td>
              <td>
                {e.actor.name}{' '}
                <span className="hint">({e.via === 'cli' ? 'command line' : 'host'})</span>
              </td>
              <td>{e.action}</td>
              <td>{e.target ?? ''}</td>
              <td className="audit-detail">{detailLine(e.detail)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.length === 0 ? <p className="hint">Nothing recorded yet.</p> : null}
      {more ? (
        <button type="button" onClick={onMore}>
          Older entries
        </button>
      ) : null}
    </>
  );
}
