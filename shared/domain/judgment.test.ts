import { describe, expect, it } from 'vitest';
import { resolvePairwise } from './judgment';

describe('resolvePairwise maps displayed choices back to responses', () => {
  it('A means the response displayed first, whichever it is', () => {
    expect(resolvePairwise('A', [0, 1])).toEqual({
      outcome: 'preferred',
      chosenIdx: 0,
      rejectedIdx: 1,
    });
    expect(resolvePairwise('A', [1, 0])).toEqual({
      outcome: 'preferred',
      chosenIdx: 1,
      rejectedIdx: 0,
    });
  });

  it('B means the response displayed second', () => {
    expect(resolvePairwise('B', [0, 1])).toEqual({
      outcome: 'preferred',
      chosenIdx: 1,
      rejectedIdx: 0,
    });
    expect(resolvePairwise('B', [1, 0])).toEqual({
      outcome: 'preferred',
      chosenIdx: 0,
      rejectedIdx: 1,
    });
  });

  it('ties and both-bad keep the pair in source order whatever the display', () => {
    expect(resolvePairwise('tie', [1, 0])).toEqual({
      outcome: 'tie',
      chosenIdx: 0,
      rejectedIdx: 1,
    });
    expect(resolvePairwise('both_bad', [2, 0, 1])).toEqual({
      outcome: 'both_bad',
      chosenIdx: 0,
      rejectedIdx: 2,
    });
  });

  it('refuses fewer than two displayed responses', () => {
    expect(() => resolvePairwise('A', [0])).toThrow(/two displayed responses/);
  });
});
