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
 * The first live item in this labeller's queue with no current verdict from them. The queue is
 * their assignment (`assignments`, in position order) when they have one, else every item in
 * item order.
 */
export function nextUnjudgedItemId(
  db: Db,
  labellerId: string,
  exclude: readonly string[] = [],
): string | undefined {
  if (hasAssignment(db, labellerId)) return nextAssignedItemId(db, labellerId, exclude);
  const row = stmt<[string, string], { id: string }>(
    db,
    `SELECT i.id FROM items i
      WHERE i.archived = 0
        AND NOT EXISTS (SELECT 1 FROM judgment_heads h
                         WHERE h.labeller_id = ? AND h.item_id = i.id AND h.kind <> 'retract')
        AND i.id NOT IN (SELECT value FROM json_each(?))
      ORDER BY i.seq LIMIT 1`,
  ).get(labellerId, JSON.stringify(exclude));
  return row?.id;
}

export function hasAssignment(db: Db, labellerId: string): boolean {
  return (
    stmt(db, 'SELECT 1 FROM assignments WHERE labeller_id = ? LIMIT 1').get(labellerId) !==
    undefined
  );
}

function nextAssignedItemId(
  db: Db,
  labellerId: string,
  exclude: readonly string[],
): string | undefined {
  const row = stmt<[{ labeller: string; exclude: string }], { item_id: string }>(
    db,
    `SELECT a.item_id FROM assignments a INDEXED BY assignments_queue JOIN items i ON i.id = a.item_id
      WHERE a.labeller_id = @labeller AND i.archived = 0
        AND NOT EXISTS (SELECT 1 FROM judgment_heads h
                         WHERE h.labeller_id = @labeller AND h.item_id = a.item_id AND h.kind <> 'retract')
        AND a.item_id NOT IN (SELECT value FROM json_each(@exclude))
      ORDER BY a.position LIMIT 1`,
  ).get({ labeller: labellerId, exclude: JSON.stringify(exclude) });
  return row?.item_id;
}

export function countLiveItems(db: Db): number {
  return (stmt(db, 'SELECT count(*) AS n FROM items WHERE archived = 0').get() as { n: number }).n;
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
