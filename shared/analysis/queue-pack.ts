import { describeNominal } from './labels';
import { NOMINAL_NAMES } from './pairwise-units';
import type { QueueEntry } from './report';

/**
 * The disagreement queue in columns, sorted (most disputed first). Crossing from the worker
 * thread, 100k entries as a few typed arrays clone in milliseconds where 100k objects would
 * stall the backend's event loop; an entry's labels ("Response 1" ×2, "tie" ×1) are written
 * only when its page is shown. Item ids are not carried: the page looks them up by seq.
 */
export interface PackedQueue {
  seq: Int32Array;
  score: Float64Array;
  spread: Float64Array;
  judgments: Int32Array;
  /** Pairwise entries: the disputed pair (response indices) and its verdicts per nominal code. */
  pairLo: Int32Array;
  pairHi: Int32Array;
  /** Four counts per entry: lower-index response preferred, the other, tie, both bad. */
  tally: Int32Array;
  /** Labels of entries that are not pairwise (rankings), as JSON, by entry index. */
  otherLabels: Map<number, string>;
}

/** Collects candidate entries, at most one per item, then sorts and packs them. */
export class QueueBuilder {
  private at: Int32Array;
  private n = 0;
  private item: Int32Array;
  private score: Float64Array;
  private spread: Float64Array;
  private judgments: Int32Array;
  private lo: Int32Array;
  private hi: Int32Array;
  private tally: Int32Array;
  private other = new Map<number, string>();

  /** `items`: bound on item keys; `expected`: room to start with (entries grow past it). */
  constructor(items: number, expected = 16) {
    const n = Math.max(16, expected);
    this.at = new Int32Array(items).fill(-1);
    this.item = new Int32Array(n);
    this.score = new Float64Array(n);
    this.spread = new Float64Array(n);
    this.judgments = new Int32Array(n);
    this.lo = new Int32Array(n);
    this.hi = new Int32Array(n);
    this.tally = new Int32Array(4 * n);
  }

  private slot(item: number): number {
    let e = this.at[item]!;
    if (e >= 0) return e;
    if (this.n === this.item.length) this.grow();
    e = this.n++;
    this.at[item] = e;
    this.item[e] = item;
    return e;
  }

  private grow(): void {
    const g = <T extends Int32Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a);
      return b;
    };
    this.item = g(this.item);
    this.score = g(this.score);
    this.spread = g(this.spread);
    this.judgments = g(this.judgments);
    this.lo = g(this.lo);
    this.hi = g(this.hi);
    this.tally = g(this.tally);
  }

  /** A pairwise unit's entry; kept only if it is more disputed than the item's entry so far. */
  offer(
    item: number,
    score: number,
    spread: number,
    judgments: number,
    lo: number,
    hi: number,
    tally: ArrayLike<number>,
  ): void {
    const prev = this.at[item]!;
    if (
      prev >= 0 &&
      (score < this.score[prev]! || (score === this.score[prev]! && spread <= this.spread[prev]!))
    )
      return;
    const e = this.slot(item);
    this.score[e] = score;
    this.spread[e] = spread;
    this.judgments[e] = judgments;
    this.lo[e] = lo;
    this.hi[e] = hi;
    for (let c = 0; c < 4; c++) this.tally[e * 4 + c] = tally[c]!;
    this.other.delete(e);
  }

  /** An entry with labels of its own (a ranking), replacing the item's entry. */
  set(
    item: number,
    score: number,
    spread: number,
    judgments: number,
    labels: Record<string, number>,
  ): void {
    const e = this.slot(item);
    this.score[e] = score;
    this.spread[e] = spread;
    this.judgments[e] = judgments;
    this.other.set(e, JSON.stringify(labels));
  }

  /** Sorted by score, then spread, then judgments (all descending), then seq. */
  pack(seqOf: (item: number) => number): PackedQueue {
    const n = this.n;
    const seq = new Int32Array(n);
    for (let e = 0; e < n; e++) seq[e] = seqOf(this.item[e]!);
    const { score, spread, judgments } = this;
    // Least significant key first, each pass a stable counting sort over the key's ranks:
    // linear, where a comparison sort of 100k entries is most of the queue's cost.
    let order: Uint32Array = new Uint32Array(n);
    let bySeq = true;
    for (let e = 0; e < n; e++) {
      order[e] = e;
      if (e > 0 && seq[e]! < seq[e - 1]!) bySeq = false;
    }
    // Entries arrive in item order, which is seq order but for rankings.
    if (!bySeq) order.sort((a, b) => seq[a]! - seq[b]!);
    for (const key of [judgments, spread, score]) order = stableByRank(order, key, true);
    const out: PackedQueue = {
      seq: new Int32Array(n),
      score: new Float64Array(n),
      spread: new Float64Array(n),
      judgments: new Int32Array(n),
      pairLo: new Int32Array(n),
      pairHi: new Int32Array(n),
      tally: new Int32Array(n * 4),
      otherLabels: new Map(),
    };
    for (let x = 0; x < n; x++) {
      const e = order[x]!;
      out.seq[x] = seq[e]!;
      out.score[x] = score[e]!;
      out.spread[x] = spread[e]!;
      out.judgments[x] = judgments[e]!;
      out.pairLo[x] = this.lo[e]!;
      out.pairHi[x] = this.hi[e]!;
      for (let c = 0; c < 4; c++) out.tally[x * 4 + c] = this.tally[e * 4 + c]!;
      const other = this.other.get(e);
      if (other !== undefined) out.otherLabels.set(x, other);
    }
    return out;
  }
}

/**
 * `order` stably re-sorted by `key` (ascending, or descending), through the ranks of the
 * key's distinct values.
 */
function stableByRank(
  order: Uint32Array,
  key: ArrayLike<number>,
  descending: boolean,
): Uint32Array {
  const n = order.length;
  const seen = new Set<number>();
  for (let x = 0; x < n; x++) seen.add(key[order[x]!]!);
  const distinct = [...seen].sort((a, b) => (descending ? b - a : a - b));
  if (distinct.length <= 1) return order;
  const rank = new Map(distinct.map((v, i) => [v, i]));
  const start = new Uint32Array(distinct.length + 1);
  const r = new Uint32Array(n);
  for (let x = 0; x < n; x++) start[(r[x] = rank.get(key[order[x]!]!)!) + 1]!++;
  for (let k = 1; k < start.length; k++) start[k]! += start[k - 1]!;
  const out = new Uint32Array(n);
  for (let x = 0; x < n; x++) out[start[r[x]!]!++] = order[x]!;
  return out;
}

/** Entry i, with its labels written out; `itemId` comes from the caller (looked up by seq). */
export function queueEntry(p: PackedQueue, i: number, itemId: string): QueueEntry {
  const other = p.otherLabels.get(i);
  let labels: Record<string, number>;
  if (other !== undefined) labels = JSON.parse(other) as Record<string, number>;
  else {
    labels = {};
    const pair = `${p.pairLo[i]}:${p.pairHi[i]}`;
    for (let c = 0; c < 4; c++) {
      const n = p.tally[i * 4 + c]!;
      if (n) labels[describeNominal(NOMINAL_NAMES[c]!, pair)] = n;
    }
  }
  return {
    itemId,
    seq: p.seq[i]!,
    score: p.score[i]!,
    spread: p.spread[i]!,
    judgments: p.judgments[i]!,
    labels,
  };
}
