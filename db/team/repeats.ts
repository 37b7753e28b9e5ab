import type { StoredVerdict } from '../../shared/domain/judgment';
import { ApiError } from '../../shared/api/errors';
import type { Db } from '../open';
import { uuidv7 } from '../ids';
import { stmt } from '../statements';
import { verdictColumns, type VerdictRow } from '../verdict-columns';

/**
 * A swapped repeat due for this labeller: the first judgment is in, the item it waits for
 * (`after_item_id`) is judged or the labeller has nothing else left, and it has no answer yet.
 */
export function nextDueRepeat(
  db: Db,
  labellerId: string,
  queueEmpty: boolean,
  exclude: readonly string[] = [],
): { id: string; itemId: string } | undefined {
  const row = stmt<
    [{ end: number; labeller: string; exclude: string }],
    { id: string; item_id: string }
  >(
    db,
    `SELECT r.id, r.item_id FROM repeats r JOIN items i ON i.id = r.item_id
      WHERE r.labeller_id = @labeller AND i.archived = 0
        AND NOT EXISTS (SELECT 1 FROM repeat_judgments rj WHERE rj.repeat_id = r.id)
        AND EXISTS (SELECT 1 FROM judgment_heads h WHERE h.labeller_id = r.labeller_id AND h.item_id = r.item_id
                     AND h.kind IN ('pairwise', 'ranking', 'rating'))
        AND (@end OR r.after_item_id IS NOT NULL AND EXISTS (
              SELECT 1 FROM judgment_heads h WHERE h.labeller_id = r.labeller_id AND h.item_id = r.after_item_id
                AND h.kind <> 'retract'))
        AND r.item_id NOT IN (SELECT value FROM json_each(@exclude))
      ORDER BY r.created_at, r.id LIMIT 1`,
  ).get({ end: queueEmpty ? 1 : 0, labeller: labellerId, exclude: JSON.stringify(exclude) });
  return row && { id: row.id, itemId: row.item_id };
}

/** The swapped order a repeat is shown in: the labeller's usual order, reversed. */
export function swappedOrder(order: readonly number[]): number[] {
  return [...order].reverse();
}

/** Record the answer to a repeat. One answer per repeat: a second is refused, not a revision. */
export function answerRepeat(
  db: Db,
  r: {
    repeatId: string;
    labellerId: string;
    itemId: string;
    verdict: StoredVerdict;
    rationale: string | null;
    flags: readonly string[];
    displayedOrder: readonly number[];
    timeMs: number;
    guidelineVersion: number;
    taskVersion: number;
  },
): { id: string } {
  const rep = stmt<[string], { labeller_id: string; item_id: string }>(
    db,
    'SELECT labeller_id, item_id FROM repeats WHERE id = ?',
  ).get(r.repeatId);
  if (!rep || rep.labeller_id !== r.labellerId || rep.item_id !== r.itemId)
    throw new ApiError(
      'NOT_FOUND',
      `no repeat ${r.repeatId} of item ${r.itemId} for this labeller`,
    );
  if (stmt(db, 'SELECT 1 FROM repeat_judgments WHERE repeat_id = ?').get(r.repeatId))
    throw new ApiError('CONFLICT', `repeat ${r.repeatId} is already answered`);
  const v = r.verdict;
  const id = uuidv7();
  insertRepeatAnswer(db, {
    id,
    repeatId: r.repeatId,
    kind: v.kind,
    outcome: v.kind === 'pairwise' ? v.outcome : null,
    chosenIdx: v.kind === 'pairwise' ? v.chosenIdx : null,
    rejectedIdx: v.kind === 'pairwise' ? v.rejectedIdx : null,
    strength: v.kind === 'pairwise' ? v.strength : null,
    payload: v.kind === 'pairwise' ? null : (({ kind: _k, ...rest }) => rest)(v),
    criteria: v.kind === 'pairwise' ? v.criteria : null,
    flags: r.flags,
    rationale: r.rationale,
    displayedOrder: r.displayedOrder,
    timeMs: r.timeMs,
    guidelineVersion: r.guidelineVersion,
    taskVersion: r.taskVersion,
    createdAt: Date.now(),
  });
  return { id };
}

/** A repeat answer as stored; merges insert the ones a labeller's file brings the same way. */
export interface RepeatAnswerRow extends VerdictRow {
  id: string;
  repeatId: string;
}

export function insertRepeatAnswer(db: Db, r: RepeatAnswerRow): void {
  stmt(
    db,
    `INSERT INTO repeat_judgments (id, repeat_id, kind, outcome, chosen_idx, rejected_idx, strength, payload_json,
       criteria_json, flags_json, rationale, displayed_order_json, time_ms, guideline_version, task_version, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(r.id, r.repeatId, ...verdictColumns(r));
}
