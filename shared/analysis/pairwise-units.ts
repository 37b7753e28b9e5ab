import type { PairwiseRecord } from './input';

/** Nominal codes of a pairwise verdict, relative to the pair in source order. */
export const LO = 0;
export const HI = 1;
export const TIE = 2;
export const BOTH_BAD = 3;
export const NOMINAL_NAMES = ['lo', 'hi', 'tie', 'both_bad'] as const;
/** `sgn` of a verdict that is not on the strength scale (both-bad). */
export const OFF_SCALE = -128;

/**
 * Pairwise judgments grouped into units (one item's one pair of responses), as index ranges
 * over typed arrays: the review figures walk 100k units without allocating per unit.
 */
export interface PairUnits {
  recs: PairwiseRecord[];
  /** Record indices sorted by unit. */
  order: Uint32Array;
  /** Unit u spans order[starts[u] .. starts[u + 1]). */
  starts: Uint32Array;
  count: number;
  unitItem: Int32Array;
  unitLo: Int32Array;
  unitHi: Int32Array;
  /** Per record: LO, HI, TIE or BOTH_BAD. */
  code: Uint8Array;
  /** Per record: position on the signed strength scale (−s lower-index preferred … +s), or OFF_SCALE. */
  sgn: Int8Array;
}

export function groupPairUnits(recs: PairwiseRecord[]): PairUnits {
  const n = recs.length;
  const code = new Uint8Array(n);
  const sgn = new Int8Array(n);
  const pairOf = new Float64Array(n);
  let items = 0;
  for (let i = 0; i < n; i++) {
    const r = recs[i]!;
    const lo = Math.min(r.chosen, r.rejected);
    const hi = Math.max(r.chosen, r.rejected);
    pairOf[i] = lo * 65536 + hi;
    if (r.item + 1 > items) items = r.item + 1;
    if (r.outcome === 'tie') {
      code[i] = TIE;
      sgn[i] = 0;
    } else if (r.outcome === 'both_bad') {
      code[i] = BOTH_BAD;
      sgn[i] = OFF_SCALE;
    } else {
      const s = r.strength ?? 1;
      code[i] = r.chosen === lo ? LO : HI;
      sgn[i] = r.chosen === lo ? -s : s;
    }
  }
  // Counting sort by item (item indices are dense), then by pair within an item.
  const bucket = new Uint32Array(items + 1);
  for (let i = 0; i < n; i++) bucket[recs[i]!.item + 1]!++;
  for (let b = 1; b <= items; b++) bucket[b]! += bucket[b - 1]!;
  const order = new Uint32Array(n);
  const fill = bucket.slice(0, items);
  for (let i = 0; i < n; i++) order[fill[recs[i]!.item]!++] = i;
  const starts: number[] = [];
  const unitItem: number[] = [];
  const unitLo: number[] = [];
  const unitHi: number[] = [];
  for (let item = 0; item < items; item++) {
    const from = bucket[item]!;
    const to = bucket[item + 1]!;
    if (from === to) continue;
    let mixed = false;
    for (let x = from + 1; x < to; x++)
      if (pairOf[order[x]!] !== pairOf[order[from]!]) mixed = true;
    if (mixed) {
      const part = Array.from(order.subarray(from, to)).sort(
        (a, b) => pairOf[a]! - pairOf[b]! || a - b,
      );
      order.set(part, from);
    }
    for (let x = from; x < to; x++) {
      if (x === from || pairOf[order[x]!] !== pairOf[order[x - 1]!]) {
        const r = recs[order[x]!]!;
        starts.push(x);
        unitItem.push(item);
        unitLo.push(Math.min(r.chosen, r.rejected));
        unitHi.push(Math.max(r.chosen, r.rejected));
      }
    }
  }
  starts.push(n);
  return {
    recs,
    order,
    starts: Uint32Array.from(starts),
    count: unitItem.length,
    unitItem: Int32Array.from(unitItem),
    unitLo: Int32Array.from(unitLo),
    unitHi: Int32Array.from(unitHi),
    code,
    sgn,
  };
}
