import type { Prompt } from '../../shared/domain/item';
import type { Adjudication } from '../../shared/export/decide';
import type { ItemIn } from '../../shared/export/plan';
import type { RevisionIn } from '../../shared/export/raw';
import type { JudgmentIn } from '../../shared/export/votes';
import { verdictOf, type JudgmentRow } from '../judgments';
import type { Db } from '../open';
import { currentDecision } from '../reviews';
import { stmt } from '../statements';

/**
 * The export's reads, streamed item by item in queue order (items.seq), each item's
 * judgments by labeller. The loop order is pinned with CROSS JOIN: items by rowid, then the
 * judgments' (item_id, labeller_id, revision) index, then the heads' primary key — so SQLite
 * never sorts, and memory holds one item at a time.
 */

type JudgmentCols = Pick<
  JudgmentRow,
  | 'id'
  | 'labeller_id'
  | 'kind'
  | 'outcome'
  | 'chosen_idx'
  | 'rejected_idx'
  | 'strength'
  | 'payload_json'
  | 'criteria_json'
  | 'flags_json'
  | 'created_at'
>;

interface CurrentRow extends JudgmentCols {
  seq: number;
}

const CURRENT_SQL = `
  SELECT i.seq, j.id, j.labeller_id, j.kind, j.outcome, j.chosen_idx, j.rejected_idx, j.strength,
         j.payload_json, j.criteria_json, j.flags_json, j.created_at
    FROM items i
    CROSS JOIN judgments j ON j.item_id = i.id
    CROSS JOIN judgment_heads h
      ON h.labeller_id = j.labeller_id AND h.item_id = j.item_id AND h.judgment_id = j.id
   WHERE i.archived = 0 AND j.kind <> 'retract'
   ORDER BY i.seq, j.labeller_id`;

/** How many current judgments the export will read: the progress total. */
export function countCurrentJudgments(db: Db): number {
  return stmt<[], { n: number }>(
    db,
    `SELECT count(*) AS n FROM judgment_heads h JOIN items i ON i.id = h.item_id
      WHERE h.kind <> 'retract' AND i.archived = 0`,
  ).get()!.n;
}

export function countRevisions(db: Db): number {
  return stmt<[], { n: number }>(
    db,
    'SELECT count(*) AS n FROM judgments j JOIN items i ON i.id = j.item_id WHERE i.archived = 0',
  ).get()!.n;
}

/** Every live item that has current judgments, with them (retractions are not judgments). */
export function* itemsWithCurrentJudgments(
  db: Db,
): Generator<{ seq: number; judgments: JudgmentIn[] }> {
  for (const [seq, judgments] of bySeq(stmt<[], CurrentRow>(db, CURRENT_SQL).iterate(), judgmentIn))
    yield { seq, judgments };
}

/** Consecutive rows of one item (the queries order by seq) as one batch. */
function* bySeq<R extends { seq: number }, T>(
  rows: Iterable<R>,
  map: (row: R) => T,
): Generator<[number, T[]]> {
  let seq = -1;
  let batch: T[] = [];
  for (const row of rows) {
    if (row.seq !== seq) {
      if (batch.length) yield [seq, batch];
      seq = row.seq;
      batch = [];
    }
    batch.push(map(row));
  }
  if (batch.length) yield [seq, batch];
}

function judgmentIn(row: JudgmentCols): JudgmentIn {
  return {
    id: row.id,
    labellerId: row.labeller_id,
    // verdictOf only reads the verdict columns; the rest of JudgmentRow is not needed.
    verdict: verdictOf(row as JudgmentRow)!,
    flags: row.flags_json ? (JSON.parse(row.flags_json) as string[]) : [],
    createdAt: row.created_at,
  };
}

interface RevisionRow extends JudgmentRow {
  seq: number;
  labeller_name: string;
  current: number;
}

const REVISIONS_SQL = `
  SELECT i.seq, j.*, l.name AS labeller_name, (h.judgment_id IS NOT NULL) AS current
    FROM items i
    CROSS JOIN judgments j ON j.item_id = i.id
    LEFT JOIN judgment_heads h
      ON h.labeller_id = j.labeller_id AND h.item_id = j.item_id AND h.judgment_id = j.id
    JOIN labellers l ON l.id = j.labeller_id
   WHERE i.archived = 0
   ORDER BY i.seq, j.labeller_id, j.revision`;

/** Every revision of every judgment on live items, for the raw format. */
export function* itemsWithRevisions(db: Db): Generator<{ seq: number; revisions: RevisionIn[] }> {
  for (const [seq, revisions] of bySeq(
    stmt<[], RevisionRow>(db, REVISIONS_SQL).iterate(),
    revisionIn,
  ))
    yield { seq, revisions };
}

function revisionIn(row: RevisionRow): RevisionIn {
  return {
    id: row.id,
    itemId: row.item_id,
    labellerId: row.labeller_id,
    labellerName: row.labeller_name,
    revision: row.revision,
    supersedes: row.supersedes,
    current: row.current === 1,
    kind: row.kind,
    verdict: verdictOf(row),
    flags: row.flags_json ? (JSON.parse(row.flags_json) as string[]) : [],
    rationale: row.rationale,
    displayedOrder: JSON.parse(row.displayed_order_json) as number[],
    timeMs: row.time_ms,
    guidelineVersion: row.guideline_version,
    taskVersion: row.task_version,
    createdAt: row.created_at,
  };
}

export function itemAt(db: Db, seq: number): ItemIn {
  const row = stmt<
    [number],
    { id: string; prompt_json: string; metadata_json: string | null; gold: 0 | 1 }
  >(
    db,
    `SELECT i.id, i.prompt_json, i.metadata_json,
            EXISTS (SELECT 1 FROM gold g WHERE g.item_id = i.id) AS gold
       FROM items i WHERE i.seq = ?`,
  ).get(seq)!;
  return {
    id: row.id,
    prompt: JSON.parse(row.prompt_json) as Prompt,
    metadata:
      row.metadata_json === null ? null : (JSON.parse(row.metadata_json) as ItemIn['metadata']),
    gold: row.gold === 1,
  };
}

/** The reviewer's decision in force for an item, in the export's terms. */
export function adjudicationOf(db: Db, itemId: string): Adjudication | null {
  const d = currentDecision(db, itemId);
  if (!d || d.kind === 'retract') return null;
  return d;
}
