import type { Judge, JudgeKind, JudgeOutcome, JudgeVerdict } from '../../shared/judges/judge';
import { scoreMargin } from '../../shared/judges/judge';
import type { Db } from '../open';
import { stmt } from '../statements';

/**
 * The judges of a project and their verdicts (migration 010). A judge is a source, never a
 * labeller: these tables are read only by what asks for judges by name (calibration, triage,
 * suggestions, an export's judge policy).
 */

export interface JudgeRow {
  id: number;
  name: string;
  kind: JudgeKind;
  model: string | null;
  template_version: number | null;
  created_at: number;
  updated_at: number;
}

export function findJudge(db: Db, name: string): JudgeRow | undefined {
  return stmt<[string], JudgeRow>(db, 'SELECT * FROM judges WHERE name = ?').get(name);
}

/** The judge named `name`, made now if the project has none (its kind, model and template as given). */
export function ensureJudge(
  db: Db,
  j: { name: string; kind: JudgeKind; model: string | null; templateVersion: number | null },
  now = Date.now(),
): JudgeRow {
  const found = findJudge(db, j.name);
  if (found) return found;
  stmt(
    db,
    `INSERT INTO judges (name, kind, model, template_version, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(j.name, j.kind, j.model, j.templateVersion, now, now);
  return findJudge(db, j.name)!;
}

export function touchJudge(db: Db, id: number, now = Date.now()): void {
  stmt(db, 'UPDATE judges SET updated_at = ? WHERE id = ?').run(now, id);
}

/** Every judge with what it has said about live items, by name. */
export function listJudges(db: Db): Judge[] {
  return stmt<
    [],
    JudgeRow & {
      verdicts: number;
      no_verdict: number;
      items: number;
      prompt_tokens: number;
      completion_tokens: number;
    }
  >(
    db,
    `SELECT j.*,
        coalesce(sum(v.outcome <> 'none'), 0) AS verdicts,
        coalesce(sum(v.outcome = 'none'), 0) AS no_verdict,
        count(DISTINCT v.item_seq) AS items,
        coalesce(sum(v.prompt_tokens), 0) AS prompt_tokens,
        coalesce(sum(v.completion_tokens), 0) AS completion_tokens
       FROM judges j
       LEFT JOIN (SELECT jv.* FROM judge_verdicts jv JOIN items i ON i.seq = jv.item_seq WHERE i.archived = 0) v
         ON v.judge_id = j.id
      GROUP BY j.id ORDER BY j.name`,
  )
    .all()
    .map((r) => ({
      name: r.name,
      kind: r.kind,
      model: r.model,
      templateVersion: r.template_version,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      verdicts: r.verdicts,
      noVerdict: r.no_verdict,
      items: r.items,
      promptTokens: r.prompt_tokens,
      completionTokens: r.completion_tokens,
    }));
}

export interface VerdictRow {
  judge_id: number;
  item_seq: number;
  pair_lo: number;
  pair_hi: number;
  shown_first: number;
  outcome: JudgeOutcome;
  winner: number | null;
  scores_json: string | null;
  margin: number | null;
  rationale: string | null;
  raw_reply: string | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  template_version: number | null;
  created_at: number;
}

export const INSERT_VERDICT = `INSERT INTO judge_verdicts (judge_id, item_seq, pair_lo, pair_hi, shown_first, outcome,
    winner, scores_json, margin, rationale, raw_reply, prompt_tokens, completion_tokens, template_version, created_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`;

/** The values of INSERT_VERDICT, in order. */
export function verdictValues(judgeId: number, itemSeq: number, v: JudgeVerdict) {
  return [
    judgeId,
    itemSeq,
    v.lo,
    v.hi,
    v.shownFirst ?? -1,
    v.outcome,
    v.winner,
    v.scores ? JSON.stringify(v.scores) : null,
    scoreMargin(v),
    v.rationale,
    v.rawReply,
    v.promptTokens,
    v.completionTokens,
    v.templateVersion,
    v.createdAt,
  ] as const;
}

/** Store one verdict; false when the judge already has one for that pair and order (nothing changed). */
export function insertVerdict(db: Db, judgeId: number, itemSeq: number, v: JudgeVerdict): boolean {
  return stmt(db, INSERT_VERDICT).run(...verdictValues(judgeId, itemSeq, v)).changes === 1;
}

export function verdictOfRow(r: VerdictRow): JudgeVerdict {
  return {
    lo: r.pair_lo,
    hi: r.pair_hi,
    shownFirst: r.shown_first < 0 ? null : r.shown_first,
    outcome: r.outcome,
    winner: r.winner,
    scores: r.scores_json ? (JSON.parse(r.scores_json) as Array<number | null>) : null,
    rationale: r.rationale,
    rawReply: r.raw_reply,
    promptTokens: r.prompt_tokens,
    completionTokens: r.completion_tokens,
    templateVersion: r.template_version,
    createdAt: r.created_at,
  };
}

/** The verdict a judge gave on one pair of an item in one order (shownFirst null: order not known). */
export function getVerdict(
  db: Db,
  judgeId: number,
  itemSeq: number,
  lo: number,
  hi: number,
  shownFirst: number | null,
): JudgeVerdict | undefined {
  const r = stmt<[number, number, number, number, number], VerdictRow>(
    db,
    `SELECT * FROM judge_verdicts
      WHERE judge_id = ? AND item_seq = ? AND pair_lo = ? AND pair_hi = ? AND shown_first = ?`,
  ).get(judgeId, itemSeq, lo, hi, shownFirst ?? -1);
  return r && verdictOfRow(r);
}

/** Every verdict of a judge on an item. */
export function verdictsOn(db: Db, judgeId: number, itemSeq: number): JudgeVerdict[] {
  return stmt<[number, number], VerdictRow>(
    db,
    'SELECT * FROM judge_verdicts WHERE judge_id = ? AND item_seq = ? ORDER BY pair_lo, pair_hi, shown_first',
  )
    .all(judgeId, itemSeq)
    .map(verdictOfRow);
}
