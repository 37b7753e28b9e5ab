import { describe, expect, it } from 'vitest';
import { displayOrder, isPermutation } from './display-order';

describe('displayOrder', () => {
  it('is a permutation, stable for the same labeller and item', () => {
    for (const n of [2, 3, 5, 9]) {
      const a = displayOrder('lab-1', 'item-7', n);
      expect(isPermutation(a, n)).toBe(true);
      expect(displayOrder('lab-1', 'item-7', n)).toEqual(a);
    }
  });

  it('shows each order about half the time across items (no position bias from the file)', () => {
    let swapped = 0;
    const N = 2000;
    for (let i = 0; i < N; i++) if (displayOrder('lab-1', `item-${i}`, 2)[0] === 1) swapped++;
    // Binomial(2000, 0.5): 5 standard deviations is ±112.
    expect(Math.abs(swapped - N / 2)).toBeLessThan(112);
  });

  it('differs between labellers for the same item', () => {
    let differ = 0;
    for (let i = 0; i < 200; i++) {
      if (displayOrder('ada', `item-${i}`, 2)[0] !== displayOrder('grace', `item-${i}`, 2)[0])
        differ++;
    }
    expect(differ).toBeGreaterThan(60);
    expect(differ).toBeLessThan(140);
  });

  it('puts every response first with similar frequency for N = 4', () => {
    const firsts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) firsts[displayOrder('lab', `x${i}`, 4)[0]!]!++;
    for (const f of firsts) expect(Math.abs(f - 1000)).toBeLessThan(150);
  });
});

describe('isPermutation', () => {
  it('rejects wrong length, duplicates, out of range and non-integers', () => {
    expect(isPermutation([1, 0], 2)).toBe(true);
    expect(isPermutation([0], 2)).toBe(false);
    expect(isPermutation([0, 0], 2)).toBe(false);
    expect(isPermutation([0, 2], 2)).toBe(false);
    expect(isPermutation([0, 1.5], 2)).toBe(false);
    expect(isPermutation([-1, 0], 2)).toBe(false);
  });
});
