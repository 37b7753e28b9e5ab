import { useEffect, useState, type ReactNode } from 'react';
import { uploadFile } from '../../api/upload';
import { count, NONE } from '../../format';
import { useAppStore, useAppStoreShallow } from '../../state/store';
import { MergeOutcome } from './MergeOutcome';
import { AuditPanel, DashboardPanel, PeoplePanel } from './TeamHostPanels';

/**
 * The Team screen. On a team host: the live dashboard for reviewers and leads; a lead also has
 * the people and invitations, the audit log and the desk below. Elsewhere: the desk alone.
 */
export function TeamScreen() {
  const role = useAppStore((st) => st.access?.role ?? null);
  if (role === null) return <TeamDesk />;
  return (
    <main className="team" data-testid="team-screen" data-role={role}>
      <DashboardPanel />
      {role === 'lead' ? (
        <>
          <PeoplePanel />
          <TeamDesk embedded />
          <AuditPanel />
        </>
      ) : null}
    </main>
  );
}

/** The desk is the whole screen outside a team host, and sits among the panels on one. */
function DeskFrame({ embedded, children }: { embedded: boolean; children: ReactNode }) {
  return embedded ? (
    <>{children}</>
  ) : (
    <main className="team" data-testid="team-screen">
      {children}
    </main>
  );
}

/**
 * The lead's desk: who is on the team and how far they are, assignment (overlap, gold,
 * swapped repeats), hand-off (labeller packages, annotation files) and merging their work back.
 */
function TeamDesk({ embedded = false }: { embedded?: boolean }) {
  const s = useAppStoreShallow((st) => ({
    team: st.team,
    host: st.host,
    me: st.labeller,
    mergeJob: st.mergeJob,
    exports: st.handoffJobs,
    loadTeam: st.loadTeam,
    addMember: st.addMember,
    assign: st.assign,
    merge: st.merge,
    exportFor: st.exportFor,
  }));
  const { loadTeam } = s;
  useEffect(() => void loadTeam(), [loadTeam]);
  const [name, setName] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [overlap, setOverlap] = useState(2);
  const [repeatRate, setRepeatRate] = useState(0.05);
  const [repeatGap, setRepeatGap] = useState(20);
  const [planned, setPlanned] = useState<string | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [paths, setPaths] = useState('');
  const [allowOther, setAllowOther] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { mergeJob, exports } = s;
  const mergeResult = mergeJob?.result ?? null;

  async function runMerge() {
    setError(null);
    try {
      const sources =
        s.host === 'browser'
          ? await Promise.all(
              files.map(async (f) => ({ uploadId: (await uploadFile(f)).uploadId })),
            )
          : paths
              .split('\n')
              .map((p) => p.trim())
              .filter(Boolean)
              .map((path) => ({ path }));
      if (sources.length === 0) return setError('Choose at least one file.');
      await s.merge(sources, allowOther);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  async function runAssign() {
    setError(null);
    try {
      setPlanned(await s.assign({ labellerIds: picked, overlap, repeatRate, repeatGap }));
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <DeskFrame embedded={embedded}>
      <section className="panel">
        <h2>Team</h2>
        <table className="data" data-testid="team-members">
          <thead>
            <tr>
              <th>Assign</th>
              <th>Labeller</th>
              <th
                className="num"
                title="Items with this labeller’s current verdict; skipped and undone items are not counted"
              >
                Items judged
              </th>
              <th
                className="num"
                title="Every answer this labeller saved: changed answers, skips and undos each count (the Backups screen counts these, for everyone)"
              >
                Judgment revisions
              </th>
              <th className="num">Assigned</th>
              <th className="num">Repeats answered</th>
              <th>Last active</th>
              <th>Hand-off</th>
            </tr>
          </thead>
          <tbody>
            {(s.team?.members ?? []).map((m) => (
              <tr key={m.id} data-labeller={m.name}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Assign work to ${m.name}`}
                    checked={picked.includes(m.id)}
                    onChange={(e) =>
                      setPicked(
                        e.target.checked ? [...picked, m.id] : picked.filter((x) => x !== m.id),
                      )
                    }
                  />
                </td>
                <td>
                  {m.name} {m.id === s.me?.id ? <span className="chip">you</span> : null}
                  <div className="hint">{m.id}</div>
                </td>
                <td className="num">{count(m.judged)}</td>
                <td className="num">{count(m.revisions)}</td>
                <td className="num">{m.assigned ? count(m.assigned) : NONE}</td>
                <td className="num">
                  {m.repeats.planned
                    ? `${count(m.repeats.answered)} of ${count(m.repeats.planned)}`
                    : NONE}
                </td>
                <td>{m.lastActive ? new Date(m.lastActive).toLocaleString() : NONE}</td>
                <td>
                  <div className="choice-row">
                    <button
                      type="button"
                      onClick={() => void s.exportFor('package', m.id, m.name)}
                      title="A project file with their items, settings and guidelines"
                    >
                      Labeller package
                    </button>
                    <button
                      type="button"
                      onClick={() => void s.exportFor('annotations', m.id, m.name)}
                      title="Their judgments as an annotation file"
                    >
                      Annotation file
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {s.team && s.team.members.length === 0 ? (
          <p className="hint" data-testid="team-empty">
            No labellers yet. Add the people who will label below; each then gets a package of their
            items (Labeller package) or labels here under their own name.
          </p>
        ) : null}
        {s.team && s.team.members.length === 1 && s.team.members[0]!.id === s.me?.id ? (
          <p className="hint" data-testid="team-only-you">
            Only you so far. To measure agreement, add labellers below, tick them and assign work
            with an overlap of two or more, then send each their package and merge what they send
            back.
          </p>
        ) : null}
        {exports.length ? (
          <ul data-testid="handoff-exports">
            {exports.map((j) => {
              const path = j.result?.path;
              return (
                <li key={j.jobId}>
                  {j.kind === 'package' ? 'Package' : 'Annotation file'} for {j.label}: {j.status}
                  {j.error ? ` — ${j.error}` : ''}
                  {j.status === 'succeeded' && path ? (
                    s.host === 'browser' ? (
                      <>
                        {' '}
                        <a
                          className="button"
                          href={`/download/${encodeURIComponent(j.jobId)}`}
                          download
                        >
                          Download
                        </a>
                      </>
                    ) : (
                      <code> {path}</code>
                    )
                  ) : null}
                </li>
              );
            })}
          </ul>
        ) : null}
        {/* On a team host people join by invitation (above), each with a link of their own. */}
        {embedded ? null : (
          <form
            className="form-row"
            onSubmit={(e) => {
              e.preventDefault();
              if (name.trim()) void s.addMember(name.trim()).then(() => setName(''));
            }}
          >
            <label>
              Add a labeller
              <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Name" />
            </label>
            <button type="submit">Add</button>
          </form>
        )}
      </section>

      <section className="panel">
        <h2>Assignment</h2>
        <p className="hint">
          Each item goes to <em>overlap</em> of the ticked labellers (balanced); the project’s{' '}
          {s.team?.gold ?? 0} gold items go to all of them, spread through their queues; a share of
          each queue comes back later with the responses swapped. Replaces the previous plan; no
          judgment is lost.
        </p>
        <div className="form-row">
          <label>
            Overlap
            <input
              type="number"
              min={1}
              max={Math.max(1, picked.length)}
              value={overlap}
              onChange={(e) => setOverlap(Number(e.target.value))}
            />
          </label>
          <label>
            Swapped repeats (share)
            <input
              type="number"
              min={0}
              max={0.5}
              step={0.01}
              value={repeatRate}
              onChange={(e) => setRepeatRate(Number(e.target.value))}
            />
          </label>
          <label>
            …shown again after (items)
            <input
              type="number"
              min={1}
              value={repeatGap}
              onChange={(e) => setRepeatGap(Number(e.target.value))}
            />
          </label>
          <button
            type="button"
            className="primary"
            disabled={picked.length === 0}
            onClick={() => void runAssign()}
          >
            Assign to {picked.length} labeller{picked.length === 1 ? '' : 's'}
          </button>
        </div>
        {planned ? <p data-testid="assignment-summary">{planned}</p> : null}
      </section>

      <section className="panel">
        <h2>Merge labellers’ work</h2>
        <p className="hint">
          Annotation files (<code>.jsonl</code>) or whole project files. Each file merges completely
          or not at all; merging a file twice changes nothing.
        </p>
        <div className="form-row">
          {s.host === 'browser' ? (
            <label>
              Files
              <input
                type="file"
                multiple
                accept=".jsonl,.rankwise,application/json"
                onChange={(e) => setFiles([...(e.target.files ?? [])])}
                data-testid="merge-files"
              />
            </label>
          ) : (
            <label>
              File paths (one per line)
              <textarea
                rows={3}
                cols={60}
                value={paths}
                onChange={(e) => setPaths(e.target.value)}
                data-testid="merge-paths"
              />
            </label>
          )}
          <label>
            <span>
              <input
                type="checkbox"
                checked={allowOther}
                onChange={(e) => setAllowOther(e.target.checked)}
              />{' '}
              Files from another project
            </span>
          </label>
          <button
            type="button"
            className="primary"
            onClick={() => void runMerge()}
            disabled={mergeJob?.status === 'running'}
            data-testid="merge-start"
          >
            Merge
          </button>
        </div>
        {error ? (
          <p role="alert" className="error">
            {error}
          </p>
        ) : null}
        {mergeJob ? (
          <div data-testid="merge-status" data-status={mergeJob.status}>
            {mergeJob.status === 'running' ? <p>Merging…</p> : null}
            {mergeJob.error ? <p className="error">{mergeJob.error}</p> : null}
            {mergeResult ? (
              <ul data-testid="merge-outcome">
                {mergeResult.files.map((f, i) => (
                  <MergeOutcome key={`${i}-${f.file}`} outcome={f} />
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </section>
    </DeskFrame>
  );
}
