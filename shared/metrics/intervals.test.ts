import { describe, expect, it } from 'vitest';
import { quantileSorted, quantilesOf } from './index';
import { seededRng } from './random';

describe('quantilesOf', () => {
  const qs = [0.5, 0.1, 0.9, 0, 1, 0.25, 0.333];

  it('equals type-7 quantiles of the sorted values, for any order, ties and sizes', () => {
    const rng = seededRng(7);
    for (const n of [1, 2, 3, 10, 101, 1000]) {
      for (const kind of ['random', 'sorted', 'reversed', 'few distinct', 'constant']) {
        const values = Array.from({ length: n }, (_, i) =>
          kind === 'random'
            ? rng() * 1000
            : kind === 'sorted'
              ? i
              : kind === 'reversed'
                ? n - i
                : kind === 'few distinct'
                  ? Math.floor(rng() * 3)
                  : 5,
        );
        const sorted = [...values].sort((a, b) => a - b);
        const got = quantilesOf(Float64Array.from(values), qs);
        qs.forEach((q, i) =>
          expect(got[i], `${kind} n=${n} q=${q}`).toBe(quantileSorted(sorted, q)),
        );
      }
    }
  });

  it('is null without values, and where a quantile lands on an unbounded value', () => {
    expect(quantilesOf(new Float64Array(0), [0.5])).toEqual([null]);
    expect(quantilesOf(Float64Array.from([1, 2, Infinity]), [0.9, 0.1])).toEqual([null, 1.2]);
  });
});
