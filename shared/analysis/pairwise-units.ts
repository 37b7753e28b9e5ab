import { BOTH_BAD_OUTCOME, PAIRWISE, TIE_OUTCOME, type JudgmentTable } from './input';

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
  /** The judgment table the row indices below point into. */
  t: JudgmentTable;
  /** Row indices of pairwise judgments, sorted by unit. */
  order: Uint32Array;
  /** Unit u spans order[starts[u] .. starts[u + 1]). */
  starts: Uint32Array;
  count: number;
  unitItem: Int32Array;
  unitLo: Int32Array;
  unitHi: Int32Array;
  /** Per row: LO, HI, TIE or BOTH_BAD. */
  code: Uint8Array;
  /** Per row: position on the signed strength scale (−s lower-index preferred … +s), or OFF_SCALE. */
  sgn: Int8Array;
}

/** Group the pairwise rows of `t` into units; item keys must be below `items`. */
export function groupPairUnits(t: JudgmentTable, items: number): PairUnits {
  const n = t.length;
  const code = new Uint8Array(n);
  const sgn = new Int8Array(n);
  const pairOf = new Float64Array(n);
  // Counting sort by item (item keys are dense), then by pair within an item.
  const bucket = new Uint32Array(items + 1);
  let pairs = 0;
  for (let i = 0; i < n; i++) {
    if (t.kind[i] !== PAIRWISE) continue;
    pairs++;
    bucket[t.item[i]! + 1]!++;
    const chosen = t.chosen[i]!;
    const rejected = t.rejected[i]!;
    const lo = chosen < rejected ? chosen : rejected;
    const hi = chosen < rejected ? rejected : chosen;
    pairOf[i] = lo * 65536 + hi;
    const outcome = t.outcome[i]!;
    if (outcome === TIE_OUTCOME) {
      code[i] = TIE;
      sgn[i] = 0;
    } else if (outcome === BOTH_BAD_OUTCOME) {
      code[i] = BOTH_BAD;
      sgn[i] = OFF_SCALE;
    } else {
      const s = t.strength[i]! < 0 ? 1 : t.strength[i]!;
      code[i] = chosen === lo ? LO : HI;
      sgn[i] = chosen === lo ? -s : s;
    }
  }
  for (let b = 1; b <= items; b++) bucket[b]! += bucket[b - 1]!;
  const order = new Uint32Array(pairs);
  const fill = bucket.slice(0, items);
  for (let i = 0; i < n; i++) if (t.kind[i] === PAIRWISE) order[fill[t.item[i]!]!++] = i;
  const starts = new Uint32Array(pairs + 1);
  const unitItem = new Int32Array(pairs);
  const unitLo = new Int32Array(pairs);
  const unitHi = new Int32Array(pairs);
  let count = 0;
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
        const p = pairOf[order[x]!]!;
        starts[count] = x;
        unitItem[count] = item;
        unitLo[count] = Math.floor(p / 65536);
        unitHi[count] = p % 65536;
        count++;
      }
    }
  }
  starts[count] = pairs;
  return {
    t,
    order,
    starts: starts.subarray(0, count + 1),
    count,
    unitItem: unitItem.subarray(0, count),
    unitLo: unitLo.subarray(0, count),
    unitHi: unitHi.subarray(0, count),
    code,
    sgn,
  };
}
