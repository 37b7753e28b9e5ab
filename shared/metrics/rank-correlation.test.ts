import { describe, expect, it } from 'vitest';
import { averageRanks, kendallTauB, kendallW, spearmanRho } from './index';

/** Friedman's chi-square with tie correction, computed the long way, to cross-check W. */
function friedman(blocks: number[][]): number {
  const m = blocks.length;
  const n = blocks[0]!.length;
  const sums = new Array<number>(n).fill(0);
  let ties = 0;
  for (const b of blocks) {
    averageRanks(b).forEach((r, j) => (sums[j]! += r));
    const c = new Map<number, number>();
    for (const v of b) c.set(v, (c.get(v) ?? 0) + 1);
    for (const t of c.values()) ties += t ** 3 - t;
  }
  const chi = (12 / (m * n * (n + 1))) * sums.reduce((s, r) => s + r * r, 0) - 3 * m * (n + 1);
  return chi / (1 - ties / (m * (n ** 3 - n)));
}

describe('kendallTauB', () => {
  it('matches SciPy’s documented example (−0.4714…) and a brute-force count', () => {
    // scipy.stats.kendalltau docs: x1 = [12, 2, 1, 12, 2], x2 = [1, 4, 7, 1, 0].
    expect(kendallTauB([12, 2, 1, 12, 2], [1, 4, 7, 1, 0])).toBeCloseTo(-0.47140452079103173, 14);
  });

  it('is ±1 for the same or reversed order and skips missing pairs', () => {
    expect(kendallTauB([1, 2, 3, null], [10, 20, 30, 5])).toBeCloseTo(1, 12);
    expect(kendallTauB([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
  });

  it('is null for a constant side or fewer than two pairs', () => {
    expect(kendallTauB([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(kendallTauB([1], [1])).toBeNull();
    expect(() => kendallTauB([1], [1, 2])).toThrow(RangeError);
  });
});

describe('spearmanRho', () => {
  it('matches SciPy’s documented example (0.8207…)', () => {
    // scipy.stats.spearmanr docs: spearmanr([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]).
    expect(spearmanRho([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(0.8207826816681233, 14);
  });

  it('is null for a constant side', () => {
    expect(spearmanRho([2, 2, 2], [1, 2, 3])).toBeNull();
  });
});

describe('kendallW', () => {
  // SciPy's friedmanchisquare example (7 subjects × 3 conditions), read as 7 judges ranking 3
  // objects: Friedman's statistic is 10.5714…, and W = χ² / (m(n − 1)).
  const before = [72, 96, 88, 92, 74, 76, 82];
  const after = [120, 120, 132, 120, 101, 96, 112];
  const later = [76, 95, 104, 96, 84, 72, 76];
  const judges = before.map((b, i) => [b, after[i]!, later[i]!]);

  it('matches the Friedman example without ties (χ² 10.5714 → W 0.7551)', () => {
    expect(friedman(judges)).toBeCloseTo(10.571428571428571, 10);
    expect(kendallW(judges)).toBeCloseTo(10.571428571428571 / (7 * 2), 12);
  });

  it('applies the tie correction, consistent with the tie-corrected Friedman statistic', () => {
    const tied = [
      [1, 2, 2, 4],
      [1, 1, 3, 4],
      [2, 1, 3, 3],
    ];
    expect(kendallW(tied)).toBeCloseTo(friedman(tied) / (3 * 3), 12);
    expect(kendallW(tied, { tieCorrection: false })!).toBeLessThan(kendallW(tied)!);
  });

  it('is 1 for unanimous judges and about 0 for opposed pairs', () => {
    expect(
      kendallW([
        [1, 2, 3],
        [1, 2, 3],
        [1, 2, 3],
      ]),
    ).toBeCloseTo(1, 12);
    expect(
      kendallW([
        [1, 2, 3],
        [3, 2, 1],
      ]),
    ).toBeCloseTo(0, 12);
  });

  it('is null for one judge, one object, or judges who tie everything', () => {
    expect(kendallW([[1, 2, 3]])).toBeNull();
    expect(kendallW([[1], [1]])).toBeNull();
    expect(
      kendallW([
        [1, 1],
        [2, 2],
      ]),
    ).toBeNull();
    expect(
      kendallW([
        [1, null, 2],
        [1, 3, 2],
      ]),
    ).toBeCloseTo(1, 12);
  });
});
