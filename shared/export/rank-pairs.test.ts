import { describe, expect, it } from 'vitest';
import { consensusTiers, pairsFromTiers } from './rank-pairs';

describe('rankings to pairs', () => {
  const tiers = [[2], [0, 3], [1]];
  it('never pairs responses of one tier', () => {
    expect(pairsFromTiers(tiers, 'all')).toEqual([
      [2, 0],
      [2, 3],
      [2, 1],
      [0, 1],
      [3, 1],
    ]);
    expect(pairsFromTiers(tiers, 'best-vs-each')).toEqual([
      [2, 0],
      [2, 3],
      [2, 1],
    ]);
    expect(pairsFromTiers(tiers, 'best-vs-worst')).toEqual([[2, 1]]);
    expect(pairsFromTiers(tiers, 'adjacent')).toEqual([
      [2, 0],
      [2, 3],
      [0, 1],
      [3, 1],
    ]);
    expect(pairsFromTiers([[0, 1]], 'all')).toEqual([]);
  });

  it('combines rankings by mean rank, tied tiers counted at their mean position', () => {
    expect(
      consensusTiers([
        [[0], [1], [2]],
        [[1], [0], [2]],
      ]),
    ).toEqual([[0, 1], [2]]);
    expect(
      consensusTiers([
        [[0, 1], [2]],
        [[0], [1], [2]],
      ]),
    ).toEqual([[0], [1], [2]]);
  });
});
