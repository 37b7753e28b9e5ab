import type { Comparison } from './comparisons';

export interface EloOptions {
  /** Defaults follow Chatbot Arena's online Elo: K = 4, scale 400, base 10, start 1000. */
  k?: number;
  scale?: number;
  base?: number;
  initial?: number;
}

/**
 * Online Elo over comparisons in the order given (callers pass them in time order): for each
 * comparison, E_a = 1 / (1 + base^((R_b − R_a) / scale)), S_a = 1, 0 or ½ (tie), and both
 * ratings move by K·(S − E). Order-dependent by design, which is why the leaderboard leads
 * with Bradley–Terry and shows Elo beside it.
 */
export function elo(
  comparisons: Iterable<Comparison>,
  options: EloOptions = {},
): Record<string, number> {
  const k = options.k ?? 4;
  const scale = options.scale ?? 400;
  const base = options.base ?? 10;
  const initial = options.initial ?? 1000;
  const r = new Map<string, number>();
  for (const [a, b, w] of comparisons) {
    if (a === b) throw new RangeError(`a comparison needs two different models, got ${a} twice`);
    if (w !== a && w !== b && w !== 'tie')
      throw new RangeError(`winner ${JSON.stringify(w)} is neither ${a}, ${b} nor 'tie'`);
    const ra = r.get(a) ?? initial;
    const rb = r.get(b) ?? initial;
    const ea = 1 / (1 + base ** ((rb - ra) / scale));
    const sa = w === 'tie' ? 0.5 : w === a ? 1 : 0;
    r.set(a, ra + k * (sa - ea));
    r.set(b, rb + k * (1 - sa - (1 - ea)));
  }
  return Object.fromEntries([...r.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
}
