import { useEffect, useState } from 'react';
import { ROLES, type Role } from '../../../shared/api/contract';
import { AuditLog } from '../../components/AuditLog';
import { TeamDashboard } from '../../components/TeamDashboard';
import { NONE } from '../../format';
import { useAppStoreShallow } from '../../state/store';

/** The live dashboard (reviewers and leads): read once, then kept by `dashboard.changed`. */
export function DashboardPanel() {
  const s = useAppStoreShallow((st) => ({
    dashboard: st.dashboard,
    error: st.dashboardError,
    load: st.loadDashboard,
    me: st.labeller?.id,
  }));
  const { load } = s;
  useEffect(() => void load(), [load]);
  return (
    <section className="panel" aria-labelledby="dashboard-title">
      <h2 id="dashboard-title">Live dashboard</h2>
      {s.error ? (
        <p role="alert" className="error">
          {s.error}
        </p>
      ) : null}
      {s.dashboard ? (
        <TeamDashboard dashboard={s.dashboard} meId={s.me} />
      ) : (
        <p className="hint">Loading…</p>
      )}
    </section>
  );
}

/** A link as the person will open it: the host's address (this page's origin) and the path. */
function absoluteLink(url: string): string {
  return new URL(url, window.location.origin).href;
}

/**
 * The lead's people: invite someone (name, role) and hand them the link shown once, with a
 * Copy button; everyone invited, with their role and a Revoke button; the overlap of live
 * hand-out.
 */
export function PeoplePanel() {
  const s = useAppStoreShallow((st) => ({
    people: st.people,
    invitation: st.invitation,
    overlap: st.dashboard?.queue.overlap ?? null,
    mode: st.dashboard?.queue.mode ?? null,
    loadPeople: st.loadPeople,
    invite: st.invite,
    revoke: st.revoke,
    setOverlap: st.setOverlap,
    me: st.labeller?.id,
  }));
  const { loadPeople } = s;
  useEffect(() => void loadPeople(), [loadPeople]);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('labeller');
  const [overlap, setOverlap] = useState<number | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const link = s.invitation ? absoluteLink(s.invitation.url) : null;
  const run = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section className="panel" aria-labelledby="people-title">
      <h2 id="people-title">People and invitations</h2>
      <form
        className="form-row"
        data-testid="invite-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!name.trim()) return;
          void run(async () => {
            await s.invite(name.trim(), role);
            setName('');
            setCopied(false);
          });
        }}
      >
        <label>
          Name
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="Name"
            data-testid="invite-name"
          />
        </label>
        <label>
          Role
          <select
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
            data-testid="invite-role"
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" data-testid="invite-submit">
          Invite
        </button>
      </form>
      {s.invitation && link ? (
        <div
          className="invite-link"
          data-testid="invitation"
          data-name={s.invitation.labeller.name}
        >
          <p>
            {s.invitation.labeller.name}’s link ({s.invitation.role}). It is shown only now: send it
            to them privately. Whoever has it works as {s.invitation.labeller.name}.
          </p>
          <div className="form-row">
            <input
              readOnly
              value={link}
              size={Math.min(80, link.length)}
              aria-label={`${s.invitation.labeller.name}’s link`}
              data-testid="invite-link"
              onFocus={(e) => e.currentTarget.select()}
            />
            <button
              type="button"
              data-testid="invite-copy"
              onClick={() =>
                void navigator.clipboard
                  ?.writeText(link)
                  .then(() => setCopied(true))
                  .catch(() => setError('Copying was refused: select the link and copy it.'))
              }
            >
              {copied ? 'Copied' : 'Copy'}
            </button>
          </div>
        </div>
      ) : null}

      <table className="data" data-testid="people">
        <thead>
          <tr>
            <th>Person</th>
            <th>Role</th>
            <th>Invited</th>
            <th>Access</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(s.people ?? []).map((p) => (
            <tr
              key={p.labeller.id}
              data-person={p.labeller.name}
              data-revoked={p.revokedAt !== null}
            >
              <td>
                {p.labeller.name}{' '}
                {p.labeller.id === s.me ? <span className="chip">you</span> : null}
              </td>
              <td>{p.role}</td>
              <td>{new Date(p.invitedAt).toLocaleString()}</td>
              <td>
                {p.revokedAt === null
                  ? 'active'
                  : `revoked ${new Date(p.revokedAt).toLocaleString()}`}
              </td>
              <td>
                {p.revokedAt === null && p.labeller.id !== s.me ? (
                  <button
                    type="button"
                    onClick={() => void run(() => s.revoke(p.labeller.id))}
                    aria-label={`Revoke ${p.labeller.name}’s access`}
                    data-testid="revoke"
                  >
                    Revoke
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {s.people && s.people.length === 0 ? (
        <p className="hint">
          Nobody invited yet: invite each person above and send them their link.
        </p>
      ) : null}

      <h3>Overlap</h3>
      <form
        className="form-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (overlap !== null) void run(() => s.setOverlap(overlap));
        }}
      >
        <label>
          People per item
          <input
            type="number"
            min={1}
            max={100}
            value={overlap ?? s.overlap ?? 1}
            onChange={(e) => setOverlap(Number(e.target.value))}
            data-testid="overlap-input"
          />
        </label>
        <button type="submit" disabled={overlap === null || overlap === s.overlap}>
          Set overlap
        </button>
        <span className="hint" data-testid="overlap-now">
          Now {s.overlap ?? NONE}.{' '}
          {s.mode === 'plan'
            ? 'A plan (Assignment, below) decides who labels what; the overlap applies without one.'
            : 'At most this many people hold or have judged an item at once.'}
        </span>
      </form>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
    </section>
  );
}

/** The audit log (leads), newest first, growing with `audit.appended`. */
export function AuditPanel() {
  const s = useAppStoreShallow((st) => ({
    audit: st.audit,
    load: st.loadAudit,
    more: st.loadMoreAudit,
  }));
  const { load } = s;
  useEffect(() => void load(), [load]);
  return (
    <section className="panel" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      {s.audit ? (
        <AuditLog entries={s.audit.entries} more={s.audit.more} onMore={() => void s.more()} />
      ) : (
        <p className="hint">Loading…</p>
      )}
    </section>
  );
}
