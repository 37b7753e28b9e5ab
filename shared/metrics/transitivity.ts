import type { Comparison } from './comparisons';

export interface TransitivityResult {
  /** Triples of items where all three pairs have a strict preference. */
  triples: number;
  /** Of those, the circular ones (a > b > c > a): transitivity violations. */
  circular: number;
  /** Up to `maxExamples` circular triples, each as [a, b, c] with a > b > c > a. */
  examples: Array<[string, string, string]>;
}

/**
 * Circular triads in one judge's preferences (Kendall & Babington Smith 1940). Several
 * comparisons of one pair are netted (wins minus losses; ties and a net of zero leave the
 * pair undecided). Triples are enumerated directly, so incomplete designs work: a triple
 * counts only when all three of its pairs were decided. O(n³) in the number of items, meant
 * for the responses of one prompt or the models of one project.
 */
export function circularTriads(
  comparisons: Iterable<Comparison>,
  maxExamples = 5,
): TransitivityResult {
  const names: string[] = [];
  const index = new Map<string, number>();
  const id = (s: string) => {
    let i = index.get(s);
    if (i === undefined) index.set(s, (i = names.push(s) - 1));
    return i;
  };
  const net = new Map<number, number>();
  for (const [a, b, w] of comparisons) {
    const i = id(a);
    const j = id(b);
    if (i === j) continue;
    const lo = Math.min(i, j);
    const hi = Math.max(i, j);
    const key = lo * 1_000_003 + hi;
    const d = w === 'tie' ? 0 : (w === a) === (i === lo) ? 1 : -1;
    net.set(key, (net.get(key) ?? 0) + d);
  }
  const n = names.length;
  // beats(i, j): 1 if i is preferred to j, -1 if j to i, 0 if undecided.
  const beats = (i: number, j: number): number => {
    const lo = Math.min(i, j);
    const v = Math.sign(net.get(lo * 1_000_003 + Math.max(i, j)) ?? 0);
    return i === lo ? v : -v;
  };
  const result: TransitivityResult = { triples: 0, circular: 0, examples: [] };
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const ab = beats(a, b);
      if (ab === 0) continue;
      for (let c = b + 1; c < n; c++) {
        const bc = beats(b, c);
        const ca = beats(c, a);
        if (bc === 0 || ca === 0) continue;
        result.triples++;
        if (ab === bc && bc === ca) {
          result.circular++;
          if (result.examples.length < maxExamples) {
            const cycle: [string, string, string] =
              ab > 0 ? [names[a]!, names[b]!, names[c]!] : [names[a]!, names[c]!, names[b]!];
            result.examples.push(cycle);
          }
        }
      }
    }
  }
  return result;
}
