import { describe, expect, it } from 'vitest';
import {
  count,
  decimal,
  figureBasis,
  figureValue,
  NONE,
  outcomeName,
  percent,
  seconds,
  taskName,
  verdictLabel,
} from './format';

describe('format', () => {
  it('shows a missing number as a dash, never undefined, null or NaN', () => {
    for (const v of [null, undefined, NaN, Infinity, -Infinity]) {
      expect(decimal(v)).toBe(NONE);
      expect(percent(v)).toBe(NONE);
      expect(seconds(v)).toBe(NONE);
      expect(count(v)).toBe(NONE);
    }
  });

  it('writes coefficients with a real minus sign and no negative zero', () => {
    expect(decimal(-0.5966, 3)).toBe('−0.597');
    expect(decimal(-0.0001, 2)).toBe('0.00');
    expect(decimal(0.25)).toBe('0.25');
    expect(percent(1 / 6)).toBe('16.7%');
    expect(percent(1, 0)).toBe('100%');
    expect(seconds(4)).toBe('4.0 s');
    expect(seconds(125)).toBe('2 min 5 s');
  });

  it('names verdicts and tasks in words, not internal tokens', () => {
    expect(verdictLabel('both_bad')).toBe('Both bad');
    expect(verdictLabel('tie')).toBe('Tie');
    expect(verdictLabel('Response 2')).toBe('Response 2 better');
    expect(verdictLabel('Response 1 = 2 first')).toBe('Response 1 = 2 first');
    expect(outcomeName('both_bad')).toBe('Both bad');
    expect(outcomeName('preferred', 'A')).toBe('A better');
    expect(taskName('pairwise')).toBe('Pairwise preferences');
  });

  it('shows shares as percentages and says what a figure rests on', () => {
    expect(figureValue({ key: 'percent', value: 4 / 6 })).toBe('66.7%');
    expect(figureValue({ key: 'fleiss-kappa', value: -0.0433 })).toBe('−0.043');
    expect(figureValue({ key: 'fleiss-kappa', value: null })).toBe(NONE);
    expect(figureBasis('pairwise', { key: 'fleiss-kappa', units: 12 })).toBe('12 items');
    expect(figureBasis('pairwise', { key: 'fleiss-kappa', units: 1 })).toBe('1 item');
    expect(figureBasis('rating', { key: 'alpha-thumbs', units: 3 })).toBe('3 rated responses');
    expect(figureBasis('ranking', { key: 'kendall-tau-b', units: 2 })).toBe('2 pairs of rankings');
  });
});
