import { describe, expect, it } from 'vitest';
import { sourcePairVerdicts } from './from-source';

describe('a dataset’s own verdicts as judge verdicts', () => {
  it('turns a ranking into a verdict per pair, ties and both-bad included', () => {
    expect(
      sourcePairVerdicts(
        [
          { from: 'rank', ranking: [[2], [0, 1]] },
          { from: 'winner', ranking: [[0, 1]], bothBad: true },
        ],
        3,
      ),
    ).toEqual({
      undecided: 0,
      verdicts: [
        { judge: 'source:rank', lo: 0, hi: 1, outcome: 'tie', winner: null },
        { judge: 'source:rank', lo: 0, hi: 2, outcome: 'preferred', winner: 2 },
        { judge: 'source:rank', lo: 1, hi: 2, outcome: 'preferred', winner: 2 },
        { judge: 'source:winner', lo: 0, hi: 1, outcome: 'both_bad', winner: null },
      ],
    });
  });

  it('takes the strict majority of one source’s several verdicts, and leaves a split pair out', () => {
    const ls = (r: number[][], by: string) => ({ from: 'annotations', ranking: r, by });
    expect(
      sourcePairVerdicts([ls([[1], [0]], 'a'), ls([[1], [0]], 'b'), ls([[0], [1]], 'c')], 2)
        .verdicts,
    ).toEqual([{ judge: 'source:annotations', lo: 0, hi: 1, outcome: 'preferred', winner: 1 }]);
    expect(sourcePairVerdicts([ls([[1], [0]], 'a'), ls([[0], [1]], 'b')], 2)).toEqual({
      verdicts: [],
      undecided: 1,
    });
  });

  it('ignores indices the item does not have', () => {
    expect(sourcePairVerdicts([{ from: 'x', ranking: [[5], [0], [1]] }], 2).verdicts).toEqual([
      { judge: 'source:x', lo: 0, hi: 1, outcome: 'preferred', winner: 0 },
    ]);
  });
});
