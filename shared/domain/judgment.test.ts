import { describe, expect, it } from 'vitest';
import { resolvePairwise, toDisplayed, toStored } from './judgment';

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

describe('toStored / toDisplayed', () => {
  const shown = [2, 0, 3, 1]; // position → response index

  it('pairwise: criteria and strength follow the responses, and come back in display terms', () => {
    const stored = toStored(
      {
        kind: 'pairwise',
        choice: 'B',
        strength: 3,
        criteria: { helpful: 'B', harmless: 'A', honest: 'tie' },
        pair: [0, 1],
      },
      shown,
    );
    expect(stored).toEqual({
      kind: 'pairwise',
      outcome: 'preferred',
      chosenIdx: 0,
      rejectedIdx: 2,
      strength: 3,
      criteria: { helpful: 0, harmless: 2, honest: 'tie' },
    });
    expect(toDisplayed(stored, shown)).toEqual({
      kind: 'pairwise',
      choice: 'B',
      strength: 3,
      criteria: { helpful: 'B', harmless: 'A', honest: 'tie' },
      pair: [0, 1],
    });
    // The same stored verdict, seen by someone with another order, reads the other way round.
    expect(toDisplayed(stored, [0, 2, 1, 3])).toMatchObject({
      choice: 'A',
      criteria: { helpful: 'A', harmless: 'B' },
    });
  });

  it('drops strength for ties', () => {
    expect(
      toStored(
        { kind: 'pairwise', choice: 'tie', strength: 2, criteria: {}, pair: [0, 1] },
        [1, 0],
      ),
    ).toMatchObject({ outcome: 'tie', strength: null });
  });

  it('ranking: tiers of positions become tiers of responses; every response exactly once', () => {
    const stored = toStored(
      { kind: 'ranking', tiers: [[3], [0, 2], [1]], noneAcceptable: false },
      shown,
    );
    expect(stored).toEqual({ kind: 'ranking', tiers: [[1], [2, 3], [0]], noneAcceptable: false });
    expect(toDisplayed(stored, shown)).toEqual({
      kind: 'ranking',
      tiers: [[3], [0, 2], [1]],
      noneAcceptable: false,
    });
    expect(() =>
      toStored({ kind: 'ranking', tiers: [[0], [1], [2]], noneAcceptable: false }, shown),
    ).toThrow(/all 4 responses, got 3/);
    expect(() =>
      toStored(
        {
          kind: 'ranking',
          tiers: [
            [0, 1],
            [1, 2, 3],
          ],
          noneAcceptable: false,
        },
        shown,
      ),
    ).toThrow(/ranked twice/);
    expect(() =>
      toStored({ kind: 'ranking', tiers: [[0, 1, 2, 7]], noneAcceptable: false }, shown),
    ).toThrow(/position 7 was not displayed/);
  });

  it('rating: positions become response indices', () => {
    const stored = toStored(
      { kind: 'rating', ratings: [{ position: 0, aspects: { overall: 4 }, thumb: 'up' }] },
      shown,
    );
    expect(stored).toEqual({
      kind: 'rating',
      ratings: [{ idx: 2, aspects: { overall: 4 }, thumb: 'up' }],
    });
    expect(toDisplayed(stored, shown)).toEqual({
      kind: 'rating',
      ratings: [{ position: 0, aspects: { overall: 4 }, thumb: 'up' }],
    });
  });

  it('pairwise on a chosen pair of a larger item', () => {
    expect(
      toStored(
        { kind: 'pairwise', choice: 'A', strength: null, criteria: {}, pair: [2, 3] },
        shown,
      ),
    ).toMatchObject({ chosenIdx: 3, rejectedIdx: 1 });
    expect(() =>
      toStored(
        { kind: 'pairwise', choice: 'A', strength: null, criteria: {}, pair: [2, 2] },
        shown,
      ),
    ).toThrow(/two different responses/);
  });
});
