import { describe, expect, it } from 'vitest';
import { krippendorffAlpha, percentAgreement } from './index';

// Krippendorff (2011), "Computing Krippendorff's alpha-reliability", the reliability data
// example: 4 observers × 12 units with missing values.
const _ = null;
const K2011 = [
  [1, 1, _, 1],
  [2, 2, 3, 2],
  [3, 3, 3, 3],
  [3, 3, 3, 3],
  [2, 2, 2, 2],
  [1, 2, 3, 4],
  [4, 4, 4, 4],
  [1, 1, 2, 1],
  [2, 2, 2, 2],
  [_, 5, 5, 5],
  [_, _, 1, 1],
  [_, 3, _, _],
];

describe('krippendorffAlpha', () => {
  it.each([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
    ['ratio', 0.797],
  ] as const)('matches Krippendorff 2011 at the %s level (%f)', (level, expected) => {
    expect(krippendorffAlpha(K2011, level)).toBeCloseTo(expected, 3);
  });

  it('is 1 for perfect agreement with more than one value, and undefined (null) with one value only', () => {
    expect(
      krippendorffAlpha([
        ['a', 'a'],
        ['b', 'b'],
      ]),
    ).toBe(1);
    expect(
      krippendorffAlpha([
        ['a', 'a'],
        ['a', 'a', 'a'],
      ]),
    ).toBeNull();
  });

  it('is undefined without pairable units (fewer than two ratings each)', () => {
    expect(krippendorffAlpha([['a', null], [null, 'b'], []])).toBeNull();
    expect(krippendorffAlpha([])).toBeNull();
  });

  it('is below zero for systematic disagreement', () => {
    expect(
      krippendorffAlpha([
        ['a', 'b'],
        ['b', 'a'],
        ['a', 'b'],
        ['b', 'a'],
      ])!,
    ).toBeLessThan(0);
  });

  it('refuses non-numeric values at numeric levels', () => {
    expect(() => krippendorffAlpha([['a', 'b']], 'interval')).toThrow(/numeric/);
  });
});

describe('percentAgreement', () => {
  it('counts ties as a category, or leaves them out', () => {
    const r1 = ['A', 'B', 'tie', 'A', null];
    const r2 = ['A', 'A', 'tie', 'tie', 'B'];
    expect(percentAgreement(r1, r2)).toBe(2 / 4);
    expect(percentAgreement(r1, r2, { ties: 'exclude' })).toBe(1 / 2);
  });

  it('is null without pairs and refuses arrays of different lengths', () => {
    expect(percentAgreement([null], ['A'])).toBeNull();
    expect(() => percentAgreement(['A'], ['A', 'B'])).toThrow(RangeError);
  });
});
