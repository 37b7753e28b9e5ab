import type { RankPairs } from './options';

/**
 * A ranking (tiers of response indices, best first; a tier holds tied responses) turned into
 * (better, worse) pairs. Responses in one tier are never paired: they are tied.
 *
 * - all: every pair across tiers, as InstructGPT used its K-way rankings (K choose 2 pairs);
 * - best-vs-each: the best tier against every other response;
 * - best-vs-worst: the best tier against the worst tier only (one clear pair per labeller);
 * - adjacent: each tier against the next one.
 *
 * Order is deterministic: by better tier, then worse tier, then index.
 */
export function pairsFromTiers(
  tiers: readonly (readonly number[])[],
  strategy: RankPairs,
): Array<[number, number]> {
  const sorted = tiers.map((t) => [...t].sort((x, y) => x - y));
  const out: Array<[number, number]> = [];
  const cross = (upper: number[], lower: number[]) => {
    for (const x of upper) for (const y of lower) out.push([x, y]);
  };
  const n = sorted.length;
  if (n < 2) return out;
  switch (strategy) {
    case 'all':
      for (let t = 0; t < n; t++) for (let u = t + 1; u < n; u++) cross(sorted[t]!, sorted[u]!);
      break;
    case 'best-vs-each':
      for (let u = 1; u < n; u++) cross(sorted[0]!, sorted[u]!);
      break;
    case 'best-vs-worst':
      cross(sorted[0]!, sorted[n - 1]!);
      break;
    case 'adjacent':
      for (let t = 0; t + 1 < n; t++) cross(sorted[t]!, sorted[t + 1]!);
      break;
  }
  return out;
}

/**
 * Several orders of the same responses combined into one by mean rank (a response's rank is
 * the mean position of its tier, 1-based); equal means share a tier. Used by the aggregating
 * policies to pick which pairs of a ranked item to consider.
 */
export function consensusTiers(orders: ReadonlyArray<readonly (readonly number[])[]>): number[][] {
  const sum = new Map<number, { total: number; n: number }>();
  for (const tiers of orders) {
    let position = 1;
    for (const tier of tiers) {
      const rank = position + (tier.length - 1) / 2;
      for (const idx of tier) {
        const s = sum.get(idx) ?? { total: 0, n: 0 };
        s.total += rank;
        s.n++;
        sum.set(idx, s);
      }
      position += tier.length;
    }
  }
  const means = [...sum].map(([idx, s]) => ({ idx, mean: s.total / s.n }));
  means.sort((x, y) => x.mean - y.mean || x.idx - y.idx);
  const tiers: number[][] = [];
  let last: number | null = null;
  for (const m of means) {
    // Means are sums of halves over small counts; compare with a tolerance all the same.
    if (last !== null && Math.abs(m.mean - last) < 1e-9) tiers[tiers.length - 1]!.push(m.idx);
    else tiers.push([m.idx]);
    last = m.mean;
  }
  return tiers;
}
