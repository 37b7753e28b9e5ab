import type { SessionSummary } from '../shared/api/contract';
import type { Db } from './open';
import { stmt } from './statements';

/**
 * What a labeller has done since `since`: current verdicts and skips made from then on. Reads
 * their revisions from `since` on (`judgments_by_labeller_time`) and keeps those still current,
 * so a session's summary costs what the session did, not what the labeller ever did.
 */
export function sessionSummary(db: Db, labellerId: string, since: number): SessionSummary {
  const rows = stmt<[string, number], { kind: string; time_ms: number }>(
    db,
    `SELECT j.kind, j.time_ms FROM judgments j
      WHERE j.labeller_id = ? AND j.created_at >= ? AND j.kind <> 'retract'
        AND EXISTS (SELECT 1 FROM judgment_heads h
                     WHERE h.labeller_id = j.labeller_id AND h.item_id = j.item_id AND h.judgment_id = j.id)`,
  ).all(labellerId, since);
  const judgedTimes = rows
    .filter((r) => r.kind !== 'skip')
    .map((r) => r.time_ms)
    .sort((a, b) => a - b);
  const mid = judgedTimes.length >> 1;
  return {
    judged: judgedTimes.length,
    skipped: rows.length - judgedTimes.length,
    activeMs: rows.reduce((s, r) => s + r.time_ms, 0),
    medianMs: judgedTimes.length
      ? judgedTimes.length % 2
        ? judgedTimes[mid]!
        : Math.round((judgedTimes[mid - 1]! + judgedTimes[mid]!) / 2)
      : null,
  };
}

/** Items this labeller judged or skipped most recently (still current), newest first. */
export function recentItemIds(db: Db, labellerId: string, limit: number): string[] {
  return stmt<[string, number], { item_id: string }>(
    db,
    `SELECT j.item_id FROM judgments j
       JOIN judgment_heads h ON h.labeller_id = j.labeller_id AND h.item_id = j.item_id AND h.judgment_id = j.id
      WHERE j.labeller_id = ? AND j.kind <> 'retract'
      ORDER BY j.created_at DESC, j.id DESC LIMIT ?`,
  )
    .all(labellerId, limit)
    .map((r) => r.item_id);
}
