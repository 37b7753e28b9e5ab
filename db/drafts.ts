import { DraftSchema, type Draft } from '../shared/api/contract';
import type { Db } from './open';
import { stmt } from './statements';

export function getDraft(
  db: Db,
  labellerId: string,
  itemId: string,
): { draft: Draft; updatedAt: number } | null {
  const row = stmt<[string, string], { draft_json: string; updated_at: number }>(
    db,
    'SELECT draft_json, updated_at FROM drafts WHERE labeller_id = ? AND item_id = ?',
  ).get(labellerId, itemId);
  if (!row) return null;
  // A draft written by another version may not parse: it is only a convenience, so drop it.
  const parsed = DraftSchema.safeParse(safeJson(row.draft_json));
  return parsed.success ? { draft: parsed.data, updatedAt: row.updated_at } : null;
}

export function saveDraft(db: Db, labellerId: string, itemId: string, draft: Draft): number {
  const now = Date.now();
  stmt(
    db,
    `INSERT INTO drafts (labeller_id, item_id, draft_json, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (labeller_id, item_id) DO UPDATE SET draft_json = excluded.draft_json,
       updated_at = excluded.updated_at`,
  ).run(labellerId, itemId, JSON.stringify(draft), now);
  return now;
}

export function discardDraft(db: Db, labellerId: string, itemId: string): boolean {
  return (
    stmt(db, 'DELETE FROM drafts WHERE labeller_id = ? AND item_id = ?').run(labellerId, itemId)
      .changes > 0
  );
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
