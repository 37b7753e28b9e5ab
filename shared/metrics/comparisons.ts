/**
 * Model comparisons as the leaderboard statistics take them: `[a, b, winner]` with the winner
 * `a`, `b` or `'tie'` (ties count as half a win for each side). Aggregated once into a pair
 * table that every statistic reads.
 */
export type Comparison = readonly [a: string, b: string, winner: string];

export interface PairTable {
  /** Model names, sorted, so results do not depend on input order. */
  models: string[];
  /** wins[i * k + j]: times i beat j (ties not included). */
  wins: Float64Array;
  /** ties[i * k + j] (symmetric). */
  ties: Float64Array;
}

export function pairTable(comparisons: Iterable<Comparison>): PairTable {
  const list = Array.isArray(comparisons) ? (comparisons as Comparison[]) : [...comparisons];
  const names = new Set<string>();
  for (const [a, b, w] of list) {
    if (a === b) throw new RangeError(`a comparison needs two different models, got ${a} twice`);
    if (w !== a && w !== b && w !== 'tie')
      throw new RangeError(`winner ${JSON.stringify(w)} is neither ${a}, ${b} nor 'tie'`);
    names.add(a);
    names.add(b);
  }
  const models = [...names].sort();
  const index = new Map(models.map((m, i) => [m, i]));
  const k = models.length;
  const wins = new Float64Array(k * k);
  const ties = new Float64Array(k * k);
  for (const [a, b, w] of list) {
    const i = index.get(a)!;
    const j = index.get(b)!;
    if (w === 'tie') {
      ties[i * k + j]!++;
      ties[j * k + i]!++;
    } else if (w === a) wins[i * k + j]!++;
    else wins[j * k + i]!++;
  }
  return { models, wins, ties };
}

export interface WinRateMatrix {
  models: string[];
  /** rate[i][j]: (wins + ties/2) / comparisons of i against j; null where they never met. */
  rate: Array<Array<number | null>>;
  /** count[i][j]: comparisons between i and j. */
  count: number[][];
}

/** Head-to-head win rates (ties as half a win) for every pair of models. */
export function winRateMatrix(comparisons: Iterable<Comparison>): WinRateMatrix {
  return winRateMatrixFromTable(pairTable(comparisons));
}

export function winRateMatrixFromTable({ models, wins, ties }: PairTable): WinRateMatrix {
  const k = models.length;
  const rate: Array<Array<number | null>> = [];
  const count: number[][] = [];
  for (let i = 0; i < k; i++) {
    rate.push([]);
    count.push([]);
    for (let j = 0; j < k; j++) {
      const n = wins[i * k + j]! + wins[j * k + i]! + ties[i * k + j]!;
      count[i]!.push(n);
      rate[i]!.push(i === j || n === 0 ? null : (wins[i * k + j]! + ties[i * k + j]! / 2) / n);
    }
  }
  return { models, rate, count };
}
