import { describe, expect, it } from 'vitest';
import { cohenKappa, fleissKappa, weightedKappa } from './index';

/** Expand a 2×2 (or k×k) contingency table into paired label arrays. */
function fromTable(labels: string[] | number[], table: number[][]): [unknown[], unknown[]] {
  const r1: unknown[] = [];
  const r2: unknown[] = [];
  table.forEach((row, i) =>
    row.forEach((n, j) => {
      for (let x = 0; x < n; x++) {
        r1.push(labels[i]);
        r2.push(labels[j]);
      }
    }),
  );
  return [r1, r2];
}

describe('cohenKappa', () => {
  it.each([
    // Wikipedia, "Cohen's kappa", worked example: 50 grant proposals, p_o 0.7, p_e 0.5.
    [
      [
        [20, 5],
        [10, 15],
      ],
      0.4,
    ],
    // Wikipedia: same agreement, different marginals.
    [
      [
        [45, 15],
        [25, 15],
      ],
      0.1304,
    ],
    [
      [
        [25, 35],
        [5, 35],
      ],
      0.2593,
    ],
  ])('matches the textbook example %j → %f', (table, expected) => {
    const [r1, r2] = fromTable(['yes', 'no'], table);
    expect(cohenKappa(r1 as string[], r2 as string[])).toBeCloseTo(expected, 4);
  });

  it('is −1 for complete disagreement with balanced marginals and skips missing pairs', () => {
    expect(cohenKappa(['a', 'b', null], ['b', 'a', 'a'])).toBeCloseTo(-1, 12);
  });

  it('is undefined (null) with one category only or no pairs, never 0 or 1', () => {
    expect(cohenKappa(['a', 'a'], ['a', 'a'])).toBeNull();
    expect(cohenKappa([null], ['a'])).toBeNull();
    expect(cohenKappa([], [])).toBeNull();
    expect(() => cohenKappa(['a'], [])).toThrow(RangeError);
  });
});

describe('weightedKappa', () => {
  const scale = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  it.each([
    // Maple EssayTools QuadraticWeightedKappa documentation, examples 1 and 2 (Min/Max from the data).
    [[9, 7, 8, 7, 6, 8, 3, 5, 10], [8, 8, 6, 6, 7, 6, 1, 4, 8], 0.758620689655172],
    [[9, 7, 8, 7, 6, 8, 3, 5, 10], [3, 5, 6, 6, 7, 6, 1, 4, 8], 0.438095238095238],
  ])('quadratic weights match the published example %#', (r1, r2, expected) => {
    expect(weightedKappa(r1, r2, { scale, weights: 'quadratic' })).toBeCloseTo(expected, 12);
  });

  it('agrees with the agreement-weight form (p_o(w) − p_e(w)) / (1 − p_e(w)) for linear weights', () => {
    const cats = [-2, -1, 0, 1, 2];
    const r1 = [-2, -1, 0, 1, 2, 2, 1, 0, -1, 0, 1, 2];
    const r2 = [-1, -1, 0, 2, 2, 1, 1, -1, -2, 0, 0, 2];
    const k = cats.length;
    const n = r1.length;
    const w = (a: number, b: number) => 1 - Math.abs(a - b) / (k - 1);
    let po = 0;
    for (let i = 0; i < n; i++) po += w(r1[i]!, r2[i]!) / n;
    let pe = 0;
    for (const a of cats)
      for (const b of cats)
        pe +=
          (w(a, b) * r1.filter((x) => x === a).length * r2.filter((x) => x === b).length) / (n * n);
    expect(weightedKappa(r1, r2, { scale: cats, weights: 'linear' })).toBeCloseTo(
      (po - pe) / (1 - pe),
      12,
    );
  });

  it('equals Cohen’s kappa on a two-category scale, for both weightings', () => {
    const [r1, r2] = fromTable(
      ['no', 'yes'],
      [
        [15, 10],
        [5, 20],
      ],
    );
    const kappa = cohenKappa(r1 as string[], r2 as string[])!;
    for (const weights of ['linear', 'quadratic'] as const)
      expect(
        weightedKappa(r1 as string[], r2 as string[], { scale: ['no', 'yes'], weights }),
      ).toBeCloseTo(kappa, 12);
  });

  it('is null when no disagreement is possible, and refuses labels off the scale', () => {
    expect(weightedKappa([3, 3], [3, 3], { scale, weights: 'linear' })).toBeNull();
    expect(weightedKappa([], [], { scale, weights: 'linear' })).toBeNull();
    expect(() => weightedKappa([11], [1], { scale, weights: 'linear' })).toThrow(/scale/);
  });
});

describe('fleissKappa', () => {
  // Fleiss (1971) as given on Wikipedia ("Fleiss' kappa", worked example): 10 subjects,
  // 14 raters, 5 categories; counts per category.
  const counts = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
  ];
  const units = counts.map((row) => row.flatMap((n, c) => Array<number>(n).fill(c + 1)));

  it('matches the Wikipedia worked example (0.210)', () => {
    expect(fleissKappa(units)).toBeCloseTo(0.21, 3);
  });

  it('equals Cohen’s kappa’s cousin Scott’s pi for two raters without missing data', () => {
    const r1 = ['a', 'a', 'b', 'b', 'a', 'c'];
    const r2 = ['a', 'b', 'b', 'b', 'c', 'c'];
    // Scott's pi with pooled marginals: p_o = 4/6; pooled a 3/12, b 5/12, c 4/12.
    const pe = (3 / 12) ** 2 + (5 / 12) ** 2 + (4 / 12) ** 2;
    expect(fleissKappa(r1.map((a, i) => [a, r2[i]!]))).toBeCloseTo((4 / 6 - pe) / (1 - pe), 12);
  });

  it('is null with one category only or without units of two ratings', () => {
    expect(
      fleissKappa([
        ['x', 'x', 'x'],
        ['x', 'x'],
      ]),
    ).toBeNull();
    expect(fleissKappa([['x', null], [null, 'y'], []])).toBeNull();
    expect(fleissKappa([])).toBeNull();
  });
});
