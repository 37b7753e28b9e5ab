import type { TriageEntry } from '../../shared/api/methods/judges';
import { triageOrder, triageScore, type TriageVerdict } from '../../shared/judges/triage';
import type { Db } from '../open';
import { stmt } from '../statements';

/**
 * Every live item in triage order (shared/judges/triage.ts), with why: one pass over the
 * judges' verdicts in item order, then a sort. What `judges.triage` pages and
 * `rankwise assign --order triage` hands out.
 */
export function triageQueue(db: Db): TriageEntry[] {
  const names = new Map(
    stmt<[], { id: number; name: string }>(db, 'SELECT id, name FROM judges')
      .all()
      .map((j) => [j.id, j.name]),
  );
  const items = stmt<[], { seq: number; id: string }>(
    db,
    'SELECT seq, id FROM items WHERE archived = 0 ORDER BY seq',
  ).all();
  const rows = stmt<[], [number, number, number, number, number, number, number | null]>(
    db,
    `SELECT item_seq, judge_id, pair_lo, pair_hi,
            CASE outcome WHEN 'preferred' THEN winner = pair_hi WHEN 'tie' THEN 2 WHEN 'both_bad' THEN 3 ELSE 4 END,
            CASE shown_first WHEN -1 THEN -1 WHEN pair_lo THEN 0 ELSE 1 END, margin
       FROM judge_verdicts INDEXED BY judge_verdicts_by_item ORDER BY item_seq`,
  )
    .raw()
    .iterate();
  const bySeq = new Map<number, TriageVerdict[]>();
  for (const [seq, judge, lo, hi, code, first, margin] of rows) {
    let list = bySeq.get(seq);
    if (!list) bySeq.set(seq, (list = []));
    list.push({ judge, lo, hi, code, first, margin });
  }
  const scored = items.map((it) => ({ ...it, ...triageScore(bySeq.get(it.seq) ?? []) }));
  return triageOrder(scored).map((s) => ({
    itemId: s.id,
    seq: s.seq,
    tier: s.tier,
    disagreement: s.disagreement,
    flipped: s.flipped.map((j) => names.get(j) ?? String(j)),
    margin: s.margin,
    judges: s.judges,
  }));
}
