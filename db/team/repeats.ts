import type { StoredVerdict } from '../../shared/domain/judgment';
import type { ShownSuggestion } from '../../shared/judges/judge';
import { ApiError } from '../../shared/api/errors';
import type { Db } from '../open';
import { uuidv7 } from '../ids';
import { stmt } from '../statements';
import {
  encodeVerdict,
  VERDICT_COLUMN_NAMES,
  VERDICT_PLACEHOLDERS,
  verdictColumns,
  type VerdictRow,
} from '../verdict-columns';

/**
 * SQL: the repeat_judgments row `alias` is its repeat's current one, the latest by time, then
 * id (the order merges chain revisions in, so arrival order never matters). A repeat is
 * answered when its current row is not a `retract` (an undo, which makes it due again).
 */
export const CURRENT_REPEAT_ROW = (alias: string) =>
  `NOT EXISTS (SELECT 1 FROM repeat_judgments later WHERE later.repeat_id = ${alias}.repeat_id
     AND (later.created_at, later.id) > (${alias}.created_at, ${alias}.id))`;

/**
 * A swapped repeat due for this labeller: the first judgment is in, the item it waits for
 * (`after_item_id`) is judged or the labeller has nothing else left, and it has no current
 * answer (none yet, or the last one undone).
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
        AND NOT EXISTS (SELECT 1 FROM repeat_judgments rj WHERE rj.repeat_id = r.id AND rj.kind <> 'retract'
                          AND ${CURRENT_REPEAT_ROW('rj')})
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

/** A repeat of this labeller's, checked: `NOT_FOUND` when it is not theirs or not of this item. */
export function requireRepeat(db: Db, repeatId: string, labellerId: string, itemId: string): void {
  const rep = stmt<[string], { labeller_id: string; item_id: string }>(
    db,
    'SELECT labeller_id, item_id FROM repeats WHERE id = ?',
  ).get(repeatId);
  if (!rep || rep.labeller_id !== labellerId || rep.item_id !== itemId)
    throw new ApiError('NOT_FOUND', `no repeat ${repeatId} of item ${itemId} for this labeller`);
}

/** The latest row of a repeat (its current answer, or the retraction of the last one). */
function latestRow(db: Db, repeatId: string): { kind: string; created_at: number } | undefined {
  return stmt<[string], { kind: string; created_at: number }>(
    db,
    `SELECT rj.kind, rj.created_at FROM repeat_judgments rj
      WHERE rj.repeat_id = ? AND ${CURRENT_REPEAT_ROW('rj')}`,
  ).get(repeatId);
}

/**
 * Append a row to a repeat's chain: later than the row before it even within one
 * millisecond, so time then id always puts them in the order they were made.
 */
function appendRow(
  db: Db,
  repeatId: string,
  row: Omit<RepeatAnswerRow, 'id' | 'repeatId' | 'createdAt'>,
): { id: string; revision: number } {
  const before = latestRow(db, repeatId);
  const createdAt = Math.max(Date.now(), (before?.created_at ?? 0) + 1);
  const id = uuidv7(createdAt);
  insertRepeatAnswer(db, { ...row, id, repeatId, createdAt });
  const revision = stmt<[string], { n: number }>(
    db,
    'SELECT count(*) AS n FROM repeat_judgments WHERE repeat_id = ?',
  ).get(repeatId)!.n;
  return { id, revision };
}

/**
 * Record the answer to a repeat. One current answer per repeat: a second is refused, not a
 * revision; after an undo (`retractRepeatAnswer`) the next answer is appended as a new row.
 * `revision` is the answer's place in the repeat's chain, retractions included.
 */
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
    suggestion?: ShownSuggestion | null;
  },
): { id: string; revision: number } {
  requireRepeat(db, r.repeatId, r.labellerId, r.itemId);
  const before = latestRow(db, r.repeatId);
  if (before && before.kind !== 'retract')
    throw new ApiError('CONFLICT', `repeat ${r.repeatId} is already answered`);
  const v = r.verdict;
  return appendRow(db, r.repeatId, {
    kind: v.kind,
    ...encodeVerdict(v),
    flags: r.flags,
    rationale: r.rationale,
    displayedOrder: r.displayedOrder,
    timeMs: r.timeMs,
    guidelineVersion: r.guidelineVersion,
    taskVersion: r.taskVersion,
    suggestion: r.suggestion ?? null,
  });
}

/** The labeller's latest repeat answer that is still current (not undone): what undo may take back. */
export function latestUndoableRepeat(
  db: Db,
  labellerId: string,
):
  | { repeatId: string; itemId: string; id: string; createdAt: number; displayedOrder: number[] }
  | undefined {
  const row = stmt<
    [string],
    {
      repeat_id: string;
      item_id: string;
      id: string;
      created_at: number;
      displayed_order_json: string;
    }
  >(
    db,
    `SELECT rj.repeat_id, r.item_id, rj.id, rj.created_at, rj.displayed_order_json
       FROM repeats r JOIN repeat_judgments rj ON rj.repeat_id = r.id
      WHERE r.labeller_id = ? AND rj.kind <> 'retract'
        AND ${CURRENT_REPEAT_ROW('rj')}
      ORDER BY rj.created_at DESC, rj.id DESC LIMIT 1`,
  ).get(labellerId);
  return (
    row && {
      repeatId: row.repeat_id,
      itemId: row.item_id,
      id: row.id,
      createdAt: row.created_at,
      displayedOrder: JSON.parse(row.displayed_order_json) as number[],
    }
  );
}

/**
 * Take back a repeat's answer (an undo): a `retract` row is appended, nothing is deleted, and
 * the repeat is due again.
 */
export function retractRepeatAnswer(
  db: Db,
  r: {
    repeatId: string;
    displayedOrder: readonly number[];
    guidelineVersion: number;
    taskVersion: number;
  },
): { id: string } {
  return appendRow(db, r.repeatId, {
    kind: 'retract',
    ...encodeVerdict({ kind: 'retract' }),
    flags: [],
    rationale: null,
    displayedOrder: r.displayedOrder,
    timeMs: 0,
    guidelineVersion: r.guidelineVersion,
    taskVersion: r.taskVersion,
  });
}

/**
 * A repeat answer (or retraction) as stored; merges insert the ones a labeller's file brings
 * the same way, keeping their ids and times.
 */
export interface RepeatAnswerRow extends VerdictRow {
  id: string;
  repeatId: string;
}

export function insertRepeatAnswer(db: Db, r: RepeatAnswerRow): void {
  stmt(
    db,
    `INSERT INTO repeat_judgments (id, repeat_id, ${VERDICT_COLUMN_NAMES})
     VALUES (?, ?, ${VERDICT_PLACEHOLDERS})`,
  ).run(r.id, r.repeatId, ...verdictColumns(r));
}
