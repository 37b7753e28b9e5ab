import { describe, expect, it } from 'vitest';
import { timeLeftMs } from './time-left';

describe('timeLeftMs', () => {
  it('is the work left at the average pace so far', () => {
    // 10 of 40 in 5 s: 30 more at 0.5 s each.
    expect(timeLeftMs(10, 40, 5000)).toBe(15_000);
    expect(timeLeftMs(1, 3, 1000)).toBe(2000);
  });

  it('is 0 once everything is done', () => {
    expect(timeLeftMs(40, 40, 5000)).toBe(0);
  });

  it('is unknown with nothing to go by', () => {
    expect(timeLeftMs(0, 40, 5000)).toBeNull();
    expect(timeLeftMs(5, null, 5000)).toBeNull();
    expect(timeLeftMs(5, 40, 0)).toBeNull();
    expect(timeLeftMs(5, 40, Number.NaN)).toBeNull();
  });
});
