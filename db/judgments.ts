import type { Progress } from '../shared/api/contract';
import type { JudgmentKind, Outcome } from '../shared/domain/judgment';
import type { Db } from './open';
import { uuidv7 } from './ids';
import { countLiveItems } from './items';
import { stmt } from './statements';

export interface Head {
  judgment_id: string;
  revision: number;
  kind: JudgmentKind;
}

export interface StoredJudgment {
  id: string;
  kind: JudgmentKind;
  outcome: Outcome | null;
  chosen_idx: number | null;
  rejected_idx: number | null;
  strength: number | null;
}

export interface NewRevision {
  itemId: string;
  labellerId: string;
  kind: JudgmentKind;
  outcome: Outcome | null;
  chosenIdx: number | null;
  rejectedIdx: number | null;
  strength: number | null;
  rationale: string | null;
  displayedOrder: readonly number[];
  timeMs: number;
  guidelineVersion: number;
  /** Set by merges, which keep the ids and times a labeller's machine gave; fresh otherwise. */
  id?: string;
  createdAt?: number;
}

export function getHead(db: Db, labellerId: string, itemId: string): Head | undefined {
  return stmt<[string, string], Head>(
    db,
    'SELECT judgment_id, revision, kind FROM judgment_heads WHERE labeller_id = ? AND item_id = ?',
  ).get(labellerId, itemId);
}

export function getJudgment(db: Db, id: string): StoredJudgment | undefined {
  return stmt<[string], StoredJudgment>(
    db,
    'SELECT id, kind, outcome, chosen_idx, rejected_idx, strength FROM judgments WHERE id = ?',
  ).get(id);
}

/**
 * Append a revision and move the head to it, in one transaction. Nothing is updated in
 * place: the previous revision stays, linked by `supersedes`.
 */
export function appendRevision(db: Db, r: NewRevision): { id: string; revision: number } {
  return db
    .transaction(() => {
      const head = getHead(db, r.labellerId, r.itemId);
      const id = r.id ?? uuidv7();
      const revision = (head?.revision ?? 0) + 1;
      stmt(
        db,
        `INSERT INTO judgments (id, item_id, labeller_id, revision, supersedes, kind, outcome, chosen_idx,
         rejected_idx, strength, payload_json, rationale, displayed_order_json, time_ms, guideline_version, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        r.itemId,
        r.labellerId,
        revision,
        head?.judgment_id ?? null,
        r.kind,
        r.outcome,
        r.chosenIdx,
        r.rejectedIdx,
        r.strength,
        r.rationale,
        JSON.stringify(r.displayedOrder),
        r.timeMs,
        r.guidelineVersion,
        r.createdAt ?? Date.now(),
      );
      stmt(
        db,
        `INSERT INTO judgment_heads (item_id, labeller_id, judgment_id, revision, kind) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (labeller_id, item_id) DO UPDATE SET judgment_id = excluded.judgment_id,
         revision = excluded.revision, kind = excluded.kind`,
      ).run(r.itemId, r.labellerId, id, revision, r.kind);
      return { id, revision };
    })
    .immediate();
}

/** The labeller's most recent verdict that is still current (not undone): what undo takes back. */
export function latestUndoable(
  db: Db,
  labellerId: string,
): { itemId: string; displayedOrder: number[] } | undefined {
  const row = stmt<[string], { item_id: string; displayed_order_json: string }>(
    db,
    `SELECT h.item_id, j.displayed_order_json FROM judgment_heads h JOIN judgments j ON j.id = h.judgment_id
      WHERE h.labeller_id = ? AND h.kind <> 'retract'
      ORDER BY j.created_at DESC, j.id DESC LIMIT 1`,
  ).get(labellerId);
  return (
    row && { itemId: row.item_id, displayedOrder: JSON.parse(row.displayed_order_json) as number[] }
  );
}

export function progressOf(db: Db, labellerId: string): Progress {
  const done = stmt<[string], { n: number }>(
    db,
    `SELECT count(*) AS n FROM judgment_heads h JOIN items i ON i.id = h.item_id
      WHERE h.labeller_id = ? AND h.kind IN ('pairwise', 'ranking', 'rating') AND i.archived = 0`,
  ).get(labellerId)!.n;
  return { done, total: countLiveItems(db) };
}
