import { recordAt, type AnalysisInput, type JudgmentRecord } from '../../shared/analysis/input';
import type { Db } from '../open';

interface HeadRow {
  seq: number;
  labeller_id: string;
  kind: 'pairwise' | 'ranking' | 'rating';
  outcome: 'preferred' | 'tie' | 'both_bad' | null;
  chosen_idx: number | null;
  rejected_idx: number | null;
  strength: number | null;
  criteria_json: string | null;
  payload_json: string | null;
  displayed_order_json: string;
  time_ms: number;
  created_at: number;
}

/**
 * Every labeller's current judgment as judgment_heads has them, read the plain way (the heads
 * join, JSON parsed per row), in the analysis loader's record terms: the reference the loader
 * is held to. Keyed `labeller/item`; labellers indexed as the loader does (by name, then id).
 */
export function currentVerdicts(db: Db): Map<string, JudgmentRecord> {
  const labellers = db
    .prepare(
      `SELECT id FROM labellers l WHERE EXISTS (SELECT 1 FROM judgment_heads h JOIN items i ON i.id = h.item_id
         WHERE h.labeller_id = l.id AND h.kind IN ('pairwise', 'ranking', 'rating') AND i.archived = 0)
       ORDER BY name, id`,
    )
    .pluck()
    .all() as string[];
  const rows = db
    .prepare(
      `SELECT i.seq, h.labeller_id, j.kind, j.outcome, j.chosen_idx, j.rejected_idx, j.strength,
              j.criteria_json, j.payload_json, j.displayed_order_json, j.time_ms, j.created_at
         FROM judgment_heads h JOIN judgments j ON j.id = h.judgment_id JOIN items i ON i.id = h.item_id
        WHERE h.kind IN ('pairwise', 'ranking', 'rating') AND i.archived = 0`,
    )
    .all() as HeadRow[];
  const out = new Map<string, JudgmentRecord>();
  for (const r of rows) {
    const labeller = labellers.indexOf(r.labeller_id);
    const item = r.seq;
    const base = { item, labeller, timeMs: r.time_ms, createdAt: r.created_at };
    const order = JSON.parse(r.displayed_order_json) as number[];
    const payload = JSON.parse(r.payload_json ?? '{}') as {
      tiers?: number[][];
      ratings?: Extract<JudgmentRecord, { kind: 'rating' }>['ratings'];
    };
    const rec: JudgmentRecord =
      r.kind === 'pairwise'
        ? {
            kind: 'pairwise',
            ...base,
            outcome: r.outcome!,
            chosen: r.chosen_idx!,
            rejected: r.rejected_idx!,
            strength: r.strength,
            criteria: r.criteria_json
              ? (JSON.parse(r.criteria_json) as Record<string, number | 'tie'>)
              : null,
            leftWon:
              r.outcome === 'preferred'
                ? order.indexOf(r.chosen_idx!) < order.indexOf(r.rejected_idx!)
                : null,
          }
        : r.kind === 'ranking'
          ? { kind: 'ranking', ...base, tiers: payload.tiers! }
          : { kind: 'rating', ...base, ratings: payload.ratings! };
    out.set(`${labeller}/${item}`, rec);
  }
  return out;
}

/** The loader's judgments, keyed as `currentVerdicts` keys them (a key twice is an error). */
export function loadedVerdicts(input: AnalysisInput): Map<string, JudgmentRecord> {
  const out = new Map<string, JudgmentRecord>();
  for (let r = 0; r < input.judgments.length; r++) {
    const rec = recordAt(input.judgments, r);
    const key = `${rec.labeller}/${rec.item}`;
    if (out.has(key)) throw new Error(`two current judgments for ${key}`);
    out.set(key, rec);
  }
  return out;
}
