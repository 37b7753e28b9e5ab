import { describe, expect, it } from 'vitest';
import { newTally } from './tally';
import { decidePairs, type DecideContext } from './decide';
import { pairVote, type PairVote } from './votes';

const ctx = (policy: DecideContext['policy'], minVotes = 1): DecideContext => ({
  policy,
  minVotes,
  rankPairs: 'all',
  criterion: null,
});
const set = (pairs: PairVote[]) => ({ pairs, orders: [], voters: pairs.length });
const win = (who: string, w: number, s: number | null = null) =>
  pairVote(who, 0, 1, 'preferred', w, s);

describe('aggregation policies', () => {
  it('majority needs more than half: 2 of 4 is no majority', () => {
    const t = newTally();
    expect(
      decidePairs(
        set([win('a', 0), win('b', 0), win('c', 1), win('d', 1)]),
        ctx('majority'),
        null,
        t.excluded,
      ),
    ).toEqual([]);
    expect(t.excluded.noMajority).toBe(1);
  });

  it('majority of ties is a tie decision; strength is the agreeing votes’ mean', () => {
    const t = newTally();
    const tie = (w: string) => pairVote(w, 1, 0, 'tie', null, null);
    expect(
      decidePairs(set([tie('a'), tie('b'), win('c', 1, 4)]), ctx('majority'), null, t.excluded),
    ).toMatchObject([
      { chosen: 0, rejected: 1, outcome: 'tie', strength: null, votes: 3, agreeing: 2 },
    ]);
    expect(
      decidePairs(
        set([win('a', 1, 4), win('b', 1, 2), win('c', 0, 1)]),
        ctx('majority'),
        null,
        t.excluded,
      ),
    ).toMatchObject([
      {
        chosen: 1,
        rejected: 0,
        outcome: 'preferred',
        strength: 3,
        votes: 3,
        agreeing: 2,
        source: 'majority',
      },
    ]);
  });

  it('mean without a scale counts each vote as 1; an even split is a tie, all both-bad stays both-bad', () => {
    const t = newTally();
    expect(
      decidePairs(set([win('a', 0), win('b', 0), win('c', 1)]), ctx('mean'), null, t.excluded),
    ).toMatchObject([{ chosen: 0, outcome: 'preferred', strength: null }]);
    expect(
      decidePairs(set([win('a', 0), win('b', 1)]), ctx('mean'), null, t.excluded),
    ).toMatchObject([{ outcome: 'tie' }]);
    const bad = (w: string) => pairVote(w, 0, 1, 'both_bad', null, null);
    expect(decidePairs(set([bad('a'), bad('b')]), ctx('mean'), null, t.excluded)).toMatchObject([
      { outcome: 'both_bad' },
    ]);
  });

  it('minimum votes is per pair for aggregates and per item for each', () => {
    const t = newTally();
    expect(decidePairs(set([win('a', 0)]), ctx('unanimous', 2), null, t.excluded)).toEqual([]);
    expect(decidePairs(set([win('a', 0)]), ctx('each', 2), null, t.excluded)).toEqual([]);
    expect(t.excluded.tooFewVotes).toBe(2);
  });

  it('an adjudicated ranking expands by the strategy and reports how many labellers agreed', () => {
    const t = newTally();
    const votes = { pairs: [win('a', 1), win('b', 0)], orders: [], voters: 2 };
    const out = decidePairs(
      votes,
      { ...ctx('adjudicated'), rankPairs: 'best-vs-each' },
      { kind: 'ranking', tiers: [[1], [0, 2]], noneAcceptable: false },
      t.excluded,
    );
    expect(out).toMatchObject([
      { chosen: 1, rejected: 0, source: 'adjudicated', votes: 2, agreeing: 1 },
      { chosen: 1, rejected: 2, source: 'adjudicated', votes: 0, agreeing: 0 },
    ]);
  });

  it('a criterion export ignores adjudications, which decide the overall choice only', () => {
    const t = newTally();
    const out = decidePairs(
      set([win('a', 0)]),
      { ...ctx('adjudicated'), criterion: 'helpfulness' },
      { kind: 'discard' },
      t.excluded,
    );
    expect(out).toMatchObject([{ chosen: 0, source: 'majority' }]);
    expect(t.excluded.discarded).toBe(0);
  });
});
