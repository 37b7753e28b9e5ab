import type { Prompt } from '../shared/domain/item';
import type { Db } from './open';
import { stmt } from './statements';

export interface ItemRow {
  seq: number;
  id: string;
  prompt: Prompt;
  metadata: Record<string, unknown> | null;
}

export interface ResponseRow {
  idx: number;
  model: string | null;
  content: string;
}

interface RawItem {
  seq: number;
  id: string;
  prompt_json: string;
  metadata_json: string | null;
}

export function getItem(db: Db, id: string): ItemRow | undefined {
  const row = stmt<[string], RawItem>(
    db,
    'SELECT seq, id, prompt_json, metadata_json FROM items WHERE id = ?',
  ).get(id);
  return row && toItem(row);
}

export function getResponses(db: Db, seq: number): ResponseRow[] {
  return stmt<[number], ResponseRow>(
    db,
    'SELECT idx, model, content FROM responses WHERE item_seq = ? ORDER BY idx',
  ).all(seq);
}

/**
 * SQL: the item `id` (of the row aliased `i`) is live, not done by @labeller and not in
 * @exclude: what makes an item the next one, whichever queue it is in.
 */
const OPEN_ITEM = (id: string) => `i.archived = 0
  AND NOT EXISTS (SELECT 1 FROM judgment_heads h
                   WHERE h.labeller_id = @labeller AND h.item_id = ${id} AND h.kind <> 'retract')
  AND ${id} NOT IN (SELECT value FROM json_each(@exclude))`;

/**
 * The first live item in this labeller's queue with no current verdict from them (a current
 * head that is not a retraction), leaving out `exclude`. The queue is their assignment
 * (`assignments`, in position order) when they have one, else every item in item order.
 *
 * It never walks the queue from its start. The queue state (migration 008, kept by triggers in
 * the transaction of every judgment, merge, import and assignment) splits the queue at the
 * labeller's frontier: before it every live item is done except the few listed as holes
 * (retracted, or back from the archive); from it on, the first item not done is at or just
 * after the frontier. So the answer is the first of two short candidates: the first live,
 * not done, not excluded hole, and the first live, not done, not excluded item from the
 * frontier on. Each candidate is checked against the heads, so a stale hole or frontier can
 * cost a row, never a wrong answer. Rows read: the holes, plus the excluded or out-of-order
 * judged items right at the frontier.
 *
 * A caller that serves several labellers at once (leases for a live team host, say) would
 * exclude what is leased to others through `exclude`, or add its own condition to both
 * candidates: the two-candidate shape is what keeps it cheap.
 */
export function nextUnjudgedItemId(
  db: Db,
  labellerId: string,
  exclude: readonly string[] = [],
): string | undefined {
  if (hasAssignment(db, labellerId)) return nextAssignedItemId(db, labellerId, exclude);
  const row = stmt<[{ labeller: string; exclude: string }], { id: string }>(
    db,
    `SELECT id FROM (
       SELECT * FROM (
         SELECT i.seq, i.id FROM queue_holes q JOIN items i ON i.seq = q.key
          WHERE q.labeller_id = @labeller AND q.queue = 'items' AND ${OPEN_ITEM('i.id')}
          ORDER BY q.key LIMIT 1)
       UNION ALL
       SELECT * FROM (
         SELECT i.seq, i.id FROM items i
          WHERE i.seq >= coalesce((SELECT next_key FROM queue_frontier
                                    WHERE labeller_id = @labeller AND queue = 'items'), 0)
            AND ${OPEN_ITEM('i.id')}
          ORDER BY i.seq LIMIT 1))
     ORDER BY seq LIMIT 1`,
  ).get({ labeller: labellerId, exclude: JSON.stringify(exclude) });
  return row?.id;
}

export function hasAssignment(db: Db, labellerId: string): boolean {
  return (
    stmt(db, 'SELECT 1 FROM assignments WHERE labeller_id = ? LIMIT 1').get(labellerId) !==
    undefined
  );
}

/** The same over the labeller's assignment, by position (see nextUnjudgedItemId). */
function nextAssignedItemId(
  db: Db,
  labellerId: string,
  exclude: readonly string[],
): string | undefined {
  const row = stmt<[{ labeller: string; exclude: string }], { item_id: string }>(
    db,
    `SELECT item_id FROM (
       SELECT * FROM (
         SELECT a.position, a.item_id FROM queue_holes q
           JOIN assignments a INDEXED BY assignments_queue ON a.labeller_id = q.labeller_id AND a.position = q.key
           JOIN items i ON i.id = a.item_id
          WHERE q.labeller_id = @labeller AND q.queue = 'assigned' AND ${OPEN_ITEM('a.item_id')}
          ORDER BY q.key LIMIT 1)
       UNION ALL
       SELECT * FROM (
         SELECT a.position, a.item_id FROM assignments a INDEXED BY assignments_queue
           JOIN items i ON i.id = a.item_id
          WHERE a.labeller_id = @labeller
            AND a.position >= coalesce((SELECT next_key FROM queue_frontier
                                         WHERE labeller_id = @labeller AND queue = 'assigned'), 0)
            AND ${OPEN_ITEM('a.item_id')}
          ORDER BY a.position LIMIT 1))
     ORDER BY position LIMIT 1`,
  ).get({ labeller: labellerId, exclude: JSON.stringify(exclude) });
  return row?.item_id;
}

/** Live (not archived) items: a counter kept by triggers (migration 008), not a count. */
export function countLiveItems(db: Db): number {
  return (stmt(db, 'SELECT live_items AS n FROM project_counts').get() as { n: number }).n;
}

function toItem(row: RawItem): ItemRow {
  return {
    seq: row.seq,
    id: row.id,
    prompt: JSON.parse(row.prompt_json) as Prompt,
    metadata:
      row.metadata_json === null
        ? null
        : (JSON.parse(row.metadata_json) as Record<string, unknown>),
  };
}
