import type { JudgmentRecord, PairwiseRecord } from './input';

/**
 * Judgments of one unit must be compared in the same terms whatever order each labeller saw
 * the responses in: labels are relative to the pair in source order (lo < hi index).
 */
export function pairKey(r: PairwiseRecord): string {
  return `${Math.min(r.chosen, r.rejected)}:${Math.max(r.chosen, r.rejected)}`;
}

/** Nominal label: "lo" or "hi" (which response of the pair won), "tie" or "both_bad". */
export function nominal(r: PairwiseRecord): string {
  if (r.outcome !== 'preferred') return r.outcome;
  return r.chosen < r.rejected ? 'lo' : 'hi';
}

/**
 * Position on the signed strength scale: −s when the lower-index response is preferred with
 * strength s, +s for the other, 0 for a tie; null for both-bad (not on the scale). Without a
 * strength (no scale, or a judgment made before one existed) s is 1.
 */
export function signed(r: PairwiseRecord): number | null {
  if (r.outcome === 'tie') return 0;
  if (r.outcome === 'both_bad') return null;
  const s = r.strength ?? 1;
  return r.chosen < r.rejected ? -s : s;
}

/** A human label for the queue: responses numbered from 1 in source order. */
export function describeNominal(label: string, pair: string): string {
  const [lo, hi] = pair.split(':').map((x) => Number(x) + 1);
  return label === 'lo' ? `Response ${lo}` : label === 'hi' ? `Response ${hi}` : label;
}

/** Response index → rank position (1 = best; tied responses share their average rank). */
export function ranksOf(tiers: number[][], count: number): Array<number | null> {
  const out: Array<number | null> = new Array<number | null>(count).fill(null);
  let next = 1;
  for (const tier of tiers) {
    const r = next + (tier.length - 1) / 2;
    for (const i of tier) if (i < count) out[i] = r;
    next += tier.length;
  }
  return out;
}

/** Do two judgments of the same item say the same thing (used for swapped repeats and gold)? */
export function sameVerdict(a: JudgmentRecord, b: JudgmentRecord): boolean {
  if (a.kind === 'pairwise' && b.kind === 'pairwise')
    return pairKey(a) === pairKey(b) && nominal(a) === nominal(b);
  if (a.kind === 'ranking' && b.kind === 'ranking')
    return (
      JSON.stringify(a.tiers.map((t) => [...t].sort())) ===
      JSON.stringify(b.tiers.map((t) => [...t].sort()))
    );
  return false;
}
