import type { Dashboard } from '../../shared/api/contract';
import { count, figureValue, NONE, plural, seconds, taskName } from '../format';

/**
 * A team host's live dashboard, as `dashboard.get` and `dashboard.changed` carry it: the queue,
 * each person (connected, today, in all, pace, holding, their planned queue left), the
 * agreement so far, and the work done offline (labeller packages, merged files).
 */
export function TeamDashboard({ dashboard: d, meId }: { dashboard: Dashboard; meId?: string }) {
  const q = d.queue;
  const connected = d.people.filter((p) => p.connected).length;
  // Figures that exist yet: none before items have two verdicts each.
  const figures = (d.agreement?.tasks ?? []).flatMap((t) =>
    t.figures.filter((f) => f.value !== null).map((f, i) => ({ task: t.task, f, first: i === 0 })),
  );
  return (
    <div className="team-dashboard" data-testid="dashboard" data-at={d.at}>
      <dl className="dashboard-queue" data-testid="dashboard-queue">
        <div>
          <dt>Connected</dt>
          <dd data-testid="dashboard-connected">{count(connected)}</dd>
        </div>
        <div>
          <dt>Items</dt>
          <dd>{count(q.items)}</dd>
        </div>
        <div>
          <dt title="Verdicts still wanted before every item has its share">Judgments left</dt>
          <dd data-testid="dashboard-left">{count(q.judgmentsLeft)}</dd>
        </div>
        <div>
          <dt title={`Items with ${q.overlap} verdicts: nobody else is offered them`}>Complete</dt>
          <dd>{q.complete === null ? NONE : count(q.complete)}</dd>
        </div>
        <div>
          <dt title="Items shown to someone and not answered yet">Held now</dt>
          <dd>{count(q.held)}</dd>
        </div>
        <div>
          <dt>Hand-out</dt>
          <dd>
            {q.mode === 'plan' ? 'by plan (assigned queues)' : `live, overlap ${count(q.overlap)}`}
          </dd>
        </div>
      </dl>

      <table className="data" data-testid="dashboard-people">
        <thead>
          <tr>
            <th>Person</th>
            <th>Role</th>
            <th>Here</th>
            <th className="num" title="Verdicts given today (the host's day), revisions included">
              Today
            </th>
            <th className="num" title="Items with a current verdict of theirs">
              In all
            </th>
            <th className="num" title="Median active seconds per item over their latest 50">
              Pace
            </th>
            <th className="num" title="Items shown to them and not answered yet">
              Holding
            </th>
            <th className="num" title="Items of their assigned queue still to judge">
              Queue left
            </th>
          </tr>
        </thead>
        <tbody>
          {d.people.map((p) => (
            <tr key={p.id} data-person={p.name} data-connected={p.connected}>
              <td>
                {p.name} {p.id === meId ? <span className="chip">you</span> : null}
                {p.revoked ? <span className="chip">revoked</span> : null}
              </td>
              <td>{p.role ?? 'offline only'}</td>
              <td>
                {p.connected ? (
                  <span className="presence presence-on">connected</span>
                ) : p.lastSeenAt ? (
                  <span className="presence" title={new Date(p.lastSeenAt).toLocaleString()}>
                    seen {new Date(p.lastSeenAt).toLocaleTimeString()}
                  </span>
                ) : (
                  NONE
                )}
              </td>
              <td className="num" data-testid="person-today">
                {count(p.judgedToday)}
              </td>
              <td className="num" data-testid="person-total">
                {count(p.judgedTotal)}
              </td>
              <td className="num">
                {p.secondsPerItem === null ? NONE : `${seconds(p.secondsPerItem)}/item`}
              </td>
              <td className="num">{count(p.holding)}</td>
              <td className="num">{p.queueLeft === null ? NONE : count(p.queueLeft)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {d.people.length === 0 ? <p className="hint">Nobody has joined yet.</p> : null}

      <h3>Agreement so far</h3>
      {d.agreement && figures.length ? (
        <div data-testid="dashboard-agreement">
          <p className="hint">
            Over {plural(d.agreement.judgments, 'judgment')} and{' '}
            {plural(d.agreement.sharedItems, 'item')} judged by two or more; computed{' '}
            {new Date(d.agreement.computedAt).toLocaleTimeString()}.
          </p>
          <table className="data">
            <tbody>
              {figures.map(({ task, f, first }) => (
                <tr key={`${task}-${f.key}`}>
                  <th scope="row">{first ? taskName(task) : ''}</th>
                  <td>{f.label}</td>
                  <td className="num">{figureValue(f)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="hint" data-testid="dashboard-agreement">
          Not yet: it needs items judged by two or more people
          {d.agreement ? ` (${plural(d.agreement.sharedItems, 'item')} so far)` : ''}.
        </p>
      )}

      <h3>Offline work</h3>
      {d.offline.packages.length === 0 && d.offline.merges.length === 0 ? (
        <p className="hint">No labeller packages written or files merged yet.</p>
      ) : (
        <ul className="dashboard-offline" data-testid="dashboard-offline">
          {d.offline.packages.map((p) => (
            <li key={`p-${p.at}-${p.labeller.id}`}>
              {new Date(p.at).toLocaleString()}: package for {p.labeller.name} (
              {plural(p.items, 'item')}), by {p.by}
            </li>
          ))}
          {d.offline.merges.map((m) => (
            <li key={`m-${m.at}-${m.file}`}>
              {new Date(m.at).toLocaleString()}: {m.file}{' '}
              {m.status === 'merged'
                ? `merged, ${plural(m.added, 'judgment')} added${m.labellers.length ? ` (${m.labellers.join(', ')})` : ''}`
                : 'refused'}
              , by {m.by}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
