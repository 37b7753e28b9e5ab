import type { Dashboard, Role } from '../../shared/api/contract';
import type { AgreementReport } from '../../shared/analysis/report';
import type { Db } from '../open';
import { stmt } from '../statements';
import { latestOf } from './audit';
import { getOverlap, planExists } from './leases';
import type { Presence } from './presence';

/** How many verdicts the pace is the median of: recent work, a bounded read per person. */
const PACE_SAMPLE = 50;
/** Offline packages and merges shown. */
const OFFLINE_SHOWN = 20;

export type AgreementSummary = NonNullable<Dashboard['agreement']>;

/** What the dashboard keeps of an agreement report: the figures per task, not the queue. */
export function summariseAgreement(report: AgreementReport): AgreementSummary {
  return {
    computedAt: report.computedAt,
    judgments: report.counts.judgments,
    sharedItems: report.counts.sharedItems,
    tasks: report.tasks,
  };
}

/**
 * The dashboard, read from counters: per person, a few index lookups and their latest 50
 * verdicts (their pace); the queue from the verdict histogram (migration 011) or, with a
 * plan, the per-labeller counters (migration 008). Nothing grows with the project's size.
 */
export function computeDashboard(
  db: Db,
  {
    presence,
    agreement,
    now = Date.now(),
  }: { presence: Presence | null; agreement: AgreementSummary | null; now?: number },
): Dashboard {
  const today = stmt<[], { d: string }>(db, "SELECT date('now', 'localtime') AS d").get()!.d;
  const people = stmt<
    [string, number],
    {
      id: string;
      name: string;
      role: Role | null;
      revoked_at: number | null;
      judged: number | null;
      assigned: number | null;
      assigned_judged: number | null;
      today: number | null;
      holding: number;
      planned: number;
    }
  >(
    db,
    `SELECT l.id, l.name, m.role, m.revoked_at, c.judged, c.assigned, c.assigned_judged,
            (SELECT verdicts FROM judged_days d WHERE d.labeller_id = l.id AND d.day = ?) AS today,
            (SELECT count(*) FROM leases x WHERE x.labeller_id = l.id AND x.expires_at > ?) AS holding,
            coalesce(c.assigned, 0) > 0 AS planned
       FROM labellers l
       LEFT JOIN team_members m ON m.labeller_id = l.id
       LEFT JOIN labeller_counts c ON c.labeller_id = l.id
      ORDER BY l.name, l.id`,
  ).all(today, now);
  const pace = stmt<[string, number], { time_ms: number }>(
    db,
    `SELECT time_ms FROM judgments INDEXED BY judgments_by_labeller_time
      WHERE labeller_id = ? AND kind IN ('pairwise', 'ranking', 'rating')
      ORDER BY created_at DESC LIMIT ?`,
  );
  const plan = planExists(db);
  const overlap = getOverlap(db);
  const items = stmt<[], { n: number }>(db, 'SELECT live_items AS n FROM project_counts').get()!.n;
  const buckets = stmt<[], { judged: number; items: number }>(
    db,
    'SELECT judged, items FROM load_histogram WHERE items > 0',
  ).all();
  const held = stmt<[number], { n: number }>(
    db,
    'SELECT count(*) AS n FROM leases WHERE expires_at > ?',
  ).get(now)!.n;
  const personRows = people.map((p) => {
    const times = pace
      .all(p.id, PACE_SAMPLE)
      .map((r) => r.time_ms)
      .sort((a, b) => a - b);
    return {
      id: p.id,
      name: p.name,
      role: p.role,
      revoked: p.revoked_at !== null,
      connected: presence?.connected(p.id) ?? false,
      lastSeenAt: presence?.lastSeenAt(p.id) ?? null,
      judgedToday: p.today ?? 0,
      judgedTotal: p.judged ?? 0,
      secondsPerItem: times.length ? median(times) / 1000 : null,
      holding: p.holding,
      queueLeft: p.planned ? Math.max(0, (p.assigned ?? 0) - (p.assigned_judged ?? 0)) : null,
    };
  });
  const capped = buckets.reduce((s, b) => s + Math.min(b.judged, overlap) * b.items, 0);
  return {
    at: now,
    team: presence !== null,
    queue: plan
      ? {
          mode: 'plan',
          overlap,
          items,
          complete: null,
          judgmentsLeft: personRows.reduce((s, p) => s + (p.queueLeft ?? 0), 0),
          held,
        }
      : {
          mode: 'overlap',
          overlap,
          items,
          complete: buckets.filter((b) => b.judged >= overlap).reduce((s, b) => s + b.items, 0),
          judgmentsLeft: Math.max(0, overlap * items - capped),
          held,
        },
    people: personRows,
    agreement,
    offline: offlineWork(db),
  };
}

function median(sorted: number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Packages written and files merged back, from the audit log: recorded by a team host and by
 * `rankwise package` and `rankwise merge` alike (the detail of a finished job, or the command's).
 */
function offlineWork(db: Db): Dashboard['offline'] {
  const packages: Dashboard['offline']['packages'] = [];
  for (const e of latestOf(db, 'package', OFFLINE_SHOWN)) {
    const d = e.detail as {
      status?: string;
      labeller?: { id: string; name: string };
      items?: number;
    };
    if (d.status !== 'succeeded' || !d.labeller) continue;
    packages.push({ at: e.at, labeller: d.labeller, items: d.items ?? 0, by: e.actor.name });
  }
  const merges: Dashboard['offline']['merges'] = [];
  for (const e of latestOf(db, 'merge', OFFLINE_SHOWN)) {
    const d = e.detail as {
      status?: string;
      files?: Array<{
        file: string;
        status: 'merged' | 'refused';
        added?: number;
        labellers?: string[];
      }>;
    };
    if (d.status !== 'succeeded') continue;
    for (const f of d.files ?? [])
      merges.push({
        at: e.at,
        file: f.file,
        status: f.status,
        added: f.added ?? 0,
        labellers: f.labellers ?? [],
        by: e.actor.name,
      });
  }
  return { packages, merges: merges.slice(0, OFFLINE_SHOWN) };
}
