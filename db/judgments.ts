import type { Progress } from '../shared/api/contract';
import type { JudgmentKind, Outcome, StoredVerdict } from '../shared/domain/judgment';
import type { Db } from './open';
import { uuidv7 } from './ids';
import { countLiveItems, hasAssignment } from './items';
import { stmt } from './statements';
import {
  decodeVerdict,
  encodeVerdict,
  VERDICT_COLUMN_NAMES,
  VERDICT_PLACEHOLDERS,
  verdictColumns,
} from './verdict-columns';
import type { ShownSuggestion } from '../shared/judges/judge';

export interface Head {
  judgment_id: string;
  revision: number;
  kind: JudgmentKind;
}

/** A judgment row as stored. */
export interface JudgmentRow {
  id: string;
  item_id: string;
  labeller_id: string;
  revision: number;
  supersedes: string | null;
  kind: JudgmentKind;
  outcome: Outcome | null;
  chosen_idx: number | null;
  rejected_idx: number | null;
  strength: number | null;
  payload_json: string | null;
  criteria_json: string | null;
  flags_json: string | null;
  rationale: string | null;
  displayed_order_json: string;
  time_ms: number;
  guideline_version: number;
  task_version: number;
  created_at: number;
  suggestion_json: string | null;
}

export interface NewRevision {
  itemId: string;
  labellerId: string;
  /** What was decided (response terms), or a retraction. */
  verdict: StoredVerdict | { kind: 'retract' };
  rationale: string | null;
  flags: readonly string[];
  displayedOrder: readonly number[];
  timeMs: number;
  guidelineVersion: number;
  taskVersion: number;
  /** Set by merges, which keep the ids and times a labeller's machine gave; fresh otherwise. */
  id?: string;
  createdAt?: number;
  /** A judge's suggestion that was on screen when the verdict was made. */
  suggestion?: ShownSuggestion | null;
}

export function getHead(db: Db, labellerId: string, itemId: string): Head | undefined {
  return stmt<[string, string], Head>(
    db,
    'SELECT judgment_id, revision, kind FROM judgment_heads WHERE labeller_id = ? AND item_id = ?',
  ).get(labellerId, itemId);
}

export function getJudgment(db: Db, id: string): JudgmentRow | undefined {
  return stmt<[string], JudgmentRow>(db, 'SELECT * FROM judgments WHERE id = ?').get(id);
}

/** The stored verdict of a row (null for a retraction). */
export function verdictOf(row: JudgmentRow): StoredVerdict | null {
  return decodeVerdict(row);
}

/**
 * Append a revision and move the head to it, in one IMMEDIATE transaction (committed with
 * synchronous=FULL before this returns). Nothing is updated in place: the previous revision
 * stays, linked by `supersedes`.
 */
export function appendRevision(db: Db, r: NewRevision): { id: string; revision: number } {
  return db
    .transaction(() => {
      const head = getHead(db, r.labellerId, r.itemId);
      const id = r.id ?? uuidv7();
      const revision = (head?.revision ?? 0) + 1;
      stmt(
        db,
        `INSERT INTO judgments (id, item_id, labeller_id, revision, supersedes, ${VERDICT_COLUMN_NAMES})
         VALUES (?, ?, ?, ?, ?, ${VERDICT_PLACEHOLDERS})`,
      ).run(
        id,
        r.itemId,
        r.labellerId,
        revision,
        head?.judgment_id ?? null,
        ...verdictColumns({
          kind: r.verdict.kind,
          ...encodeVerdict(r.verdict),
          flags: r.flags,
          rationale: r.rationale,
          displayedOrder: r.displayedOrder,
          timeMs: r.timeMs,
          guidelineVersion: r.guidelineVersion,
          taskVersion: r.taskVersion,
          createdAt: r.createdAt ?? Date.now(),
          suggestion: r.suggestion ?? null,
        }),
      );
      stmt(
        db,
        `INSERT INTO judgment_heads (item_id, labeller_id, judgment_id, revision, kind) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (labeller_id, item_id) DO UPDATE SET judgment_id = excluded.judgment_id,
           revision = excluded.revision, kind = excluded.kind`,
      ).run(r.itemId, r.labellerId, id, revision, r.verdict.kind);
      return { id, revision };
    })
    .immediate();
}

/**
 * The labeller's most recent verdict that is still current (not undone): what undo takes back.
 * Walks their revisions newest first (`judgments_by_labeller_time`) to the first that is
 * still their head, so it reads what they did lately, not every item they ever judged.
 */
export function latestUndoable(
  db: Db,
  labellerId: string,
): { itemId: string; id: string; createdAt: number; displayedOrder: number[] } | undefined {
  const row = stmt<
    [string],
    { item_id: string; id: string; created_at: number; displayed_order_json: string }
  >(
    db,
    `SELECT j.item_id, j.id, j.created_at, j.displayed_order_json FROM judgments j
      WHERE j.labeller_id = ? AND j.kind <> 'retract'
        AND EXISTS (SELECT 1 FROM judgment_heads h
                     WHERE h.labeller_id = j.labeller_id AND h.item_id = j.item_id AND h.judgment_id = j.id)
      ORDER BY j.created_at DESC, j.id DESC LIMIT 1`,
  ).get(labellerId);
  return (
    row && {
      itemId: row.item_id,
      id: row.id,
      createdAt: row.created_at,
      displayedOrder: JSON.parse(row.displayed_order_json) as number[],
    }
  );
}

/**
 * Items judged (a verdict, not a skip or a retraction) by this labeller, out of all live
 * items, or out of their assignment when they have one. Counters kept by triggers in the
 * transaction of every write (migration 008), so this costs two lookups at any size.
 */
export function progressOf(db: Db, labellerId: string): Progress {
  const c = stmt<[string], { judged: number; assigned: number; assigned_judged: number }>(
    db,
    'SELECT judged, assigned, assigned_judged FROM labeller_counts WHERE labeller_id = ?',
  ).get(labellerId);
  if (hasAssignment(db, labellerId))
    return { done: c?.assigned_judged ?? 0, total: c?.assigned ?? 0 };
  return { done: c?.judged ?? 0, total: countLiveItems(db) };
}

/** Every current revision (head) in the project: what exports and reviews read. */
export function allHeads(
  db: Db,
): Array<{ itemId: string; labellerId: string; judgmentId: string }> {
  return stmt<[], { itemId: string; labellerId: string; judgmentId: string }>(
    db,
    'SELECT item_id AS itemId, labeller_id AS labellerId, judgment_id AS judgmentId FROM judgment_heads ORDER BY item_id',
  ).all();
}
