import type { GoldAnswer } from '../../shared/analysis/input';
import { ApiError } from '../../shared/api/errors';
import { getItem, getResponses } from '../items';
import type { Db } from '../open';
import { stmt } from '../statements';

/**
 * Set an item's known answer (response indices). Hidden gold (the default) is never copied
 * into a labeller package, so the answer cannot be read out of the file a labeller holds.
 */
export function setGold(
  db: Db,
  itemId: string,
  answer: GoldAnswer,
  options: { hidden?: boolean; note?: string | null } = {},
): void {
  const item = getItem(db, itemId);
  if (!item) throw new ApiError('NOT_FOUND', `no item with id ${JSON.stringify(itemId)}`);
  const n = getResponses(db, item.seq).length;
  const indices =
    answer.kind === 'pairwise' ? [answer.chosen, answer.rejected] : answer.tiers.flat();
  if (indices.some((i) => !Number.isInteger(i) || i < 0 || i >= n))
    throw new ApiError(
      'INVALID_INPUT',
      `item ${JSON.stringify(itemId)} has ${n} responses; the answer names another`,
    );
  if (answer.kind === 'pairwise' && answer.chosen === answer.rejected)
    throw new ApiError('INVALID_INPUT', 'a pairwise answer compares two different responses');
  stmt(
    db,
    `INSERT INTO gold (item_id, kind, outcome, chosen_idx, rejected_idx, payload_json, hidden, note, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (item_id) DO UPDATE SET kind = excluded.kind, outcome = excluded.outcome,
       chosen_idx = excluded.chosen_idx, rejected_idx = excluded.rejected_idx, payload_json = excluded.payload_json,
       hidden = excluded.hidden, note = excluded.note, created_at = excluded.created_at`,
  ).run(
    itemId,
    answer.kind,
    answer.kind === 'pairwise' ? answer.outcome : null,
    answer.kind === 'pairwise' ? answer.chosen : null,
    answer.kind === 'pairwise' ? answer.rejected : null,
    answer.kind === 'ranking' ? JSON.stringify({ tiers: answer.tiers }) : null,
    options.hidden === false ? 0 : 1,
    options.note ?? null,
    Date.now(),
  );
}

export function getGold(db: Db, itemId: string): (GoldAnswer & { hidden: boolean }) | null {
  const g = stmt<
    [string],
    {
      kind: 'pairwise' | 'ranking';
      outcome: 'preferred' | 'tie' | 'both_bad' | null;
      chosen_idx: number | null;
      rejected_idx: number | null;
      payload_json: string | null;
      hidden: number;
    }
  >(
    db,
    'SELECT kind, outcome, chosen_idx, rejected_idx, payload_json, hidden FROM gold WHERE item_id = ?',
  ).get(itemId);
  if (!g) return null;
  return g.kind === 'pairwise'
    ? {
        kind: 'pairwise',
        outcome: g.outcome!,
        chosen: g.chosen_idx!,
        rejected: g.rejected_idx!,
        hidden: g.hidden === 1,
      }
    : {
        kind: 'ranking',
        tiers: (JSON.parse(g.payload_json!) as { tiers: number[][] }).tiers,
        hidden: g.hidden === 1,
      };
}

export function countGold(db: Db): number {
  return stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM gold').get()!.n;
}
