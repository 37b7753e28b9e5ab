import { describe, expect, it } from 'vitest';
import { suggestionVerdict } from './judge-suggestion';

const base = { judge: 'gpt', chosen: 1, rejected: 0, rationale: null } as const;

describe('suggestionVerdict', () => {
  it('names the preferred response by the letter it is shown under', () => {
    expect(suggestionVerdict({ ...base, outcome: 'preferred' }, [0, 1])).toBe('B better');
    // Shown swapped: response 1 is on the left, as A.
    expect(suggestionVerdict({ ...base, outcome: 'preferred' }, [1, 0])).toBe('A better');
    expect(suggestionVerdict({ ...base, outcome: 'preferred', chosen: 2 }, [2, 0, 1])).toBe(
      'A better',
    );
  });

  it('says tie and both bad in words', () => {
    expect(suggestionVerdict({ ...base, outcome: 'tie' }, [1, 0])).toBe('Tie');
    expect(suggestionVerdict({ ...base, outcome: 'both_bad' }, [0, 1])).toBe('Both bad');
  });

  it('falls back to the response number when it is not on screen', () => {
    expect(suggestionVerdict({ ...base, outcome: 'preferred', chosen: 3 }, [0, 1])).toBe(
      'Response 4 better',
    );
  });
});
