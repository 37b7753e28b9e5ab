import { describe, expect, it } from 'vitest';
import { hasMargin, marginOf } from './margin';

describe('strength → margin', () => {
  it("gives Llama 2's small margins on four levels", () => {
    expect([1, 2, 3, 4].map((s) => marginOf(s, 4))).toEqual([0, 1 / 3, 2 / 3, 1]);
  });
  it('maps other scales onto 0..1 and means in between, never below 0', () => {
    expect([1, 2].map((s) => marginOf(s, 2))).toEqual([0, 1]);
    expect([1, 2, 3].map((s) => marginOf(s, 3))).toEqual([0, 0.5, 1]);
    expect(marginOf(2.5, 4)).toBeCloseTo(0.5);
    expect(marginOf(0.5, 4)).toBe(0);
  });
  it('has nothing to say without a strength or a scale', () => {
    expect(marginOf(null, 4)).toBe(0);
    expect(marginOf(1, 1)).toBe(0);
    expect(hasMargin(1, null)).toBe(false);
    expect(hasMargin(4, null)).toBe(true);
    expect(hasMargin(4, 'helpfulness')).toBe(false);
  });
});
