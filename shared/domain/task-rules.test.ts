import { describe, expect, it } from 'vitest';
import type { DisplayedVerdict } from './judgment';
import { TaskSettingsSchema } from './task';
import { verdictProblem } from './task-rules';

const pw = (
  choice: 'A' | 'B' | 'tie' | 'both_bad',
  extra: Partial<Extract<DisplayedVerdict, { kind: 'pairwise' }>> = {},
): DisplayedVerdict => ({
  kind: 'pairwise',
  choice,
  strength: null,
  criteria: {},
  pair: [0, 1],
  ...extra,
});
const none = { rationale: null, flags: [] };

describe('verdictProblem', () => {
  it('accepts a plain choice under the defaults', () => {
    expect(verdictProblem(TaskSettingsSchema.parse({}), pw('A'), none)).toBeNull();
  });

  it('enforces the strength scale both ways', () => {
    const scaled = TaskSettingsSchema.parse({ pairwise: { strengthLevels: 4 } });
    expect(verdictProblem(scaled, pw('A'), none)).toBe('choose how much better (1..4)');
    expect(verdictProblem(scaled, pw('A', { strength: 4 }), none)).toBeNull();
    expect(verdictProblem(scaled, pw('tie'), none)).toBeNull();
    const flat = TaskSettingsSchema.parse({});
    expect(verdictProblem(flat, pw('A', { strength: 2 }), none)).toBe(
      'this project has no strength scale',
    );
    const three = TaskSettingsSchema.parse({ pairwise: { strengthLevels: 3 } });
    expect(verdictProblem(three, pw('B', { strength: 4 }), none)).toBe('strength must be 1..3');
  });

  it('refuses outcomes the project turned off, unknown criteria and flags', () => {
    const strict = TaskSettingsSchema.parse({
      pairwise: { allowTie: false, allowBothBad: false },
      criteria: ['helpful'],
    });
    expect(verdictProblem(strict, pw('tie'), none)).toBe('this project does not allow ties');
    expect(verdictProblem(strict, pw('both_bad'), none)).toBe(
      'this project does not allow "both bad"',
    );
    expect(verdictProblem(strict, pw('A', { criteria: { funny: 'A' } }), none)).toBe(
      'unknown criterion "funny"',
    );
    expect(verdictProblem(strict, pw('A', { criteria: { helpful: 'B' } }), none)).toBeNull();
    expect(verdictProblem(strict, pw('A'), { rationale: null, flags: ['spicy'] })).toMatch(
      /^unknown flag "spicy"/,
    );
    expect(verdictProblem(strict, pw('A'), { rationale: null, flags: ['pii'] })).toBeNull();
  });

  it('requires a rationale when the project says so', () => {
    const forTies = TaskSettingsSchema.parse({ rationale: 'required-for-ties' });
    expect(verdictProblem(forTies, pw('tie'), none)).toBe(
      'a rationale is required for ties and "both bad"',
    );
    expect(verdictProblem(forTies, pw('tie'), { rationale: '  ', flags: [] })).toBe(
      'a rationale is required for ties and "both bad"',
    );
    expect(verdictProblem(forTies, pw('tie'), { rationale: 'equally good', flags: [] })).toBeNull();
    expect(verdictProblem(forTies, pw('A'), none)).toBeNull();
    const always = TaskSettingsSchema.parse({ rationale: 'required' });
    expect(verdictProblem(always, pw('A'), none)).toBe('a rationale is required');
    expect(verdictProblem(always, { kind: 'skip', reason: null }, none)).toBeNull();
  });

  it('checks rankings and ratings against their settings', () => {
    const t = TaskSettingsSchema.parse({
      ranking: { allowTies: false, allowNoneAcceptable: false },
      rating: { aspects: [{ name: 'overall', min: 1, max: 7 }] },
    });
    expect(
      verdictProblem(t, { kind: 'ranking', tiers: [[0, 1], [2]], noneAcceptable: false }, none),
    ).toBe('this project does not allow ties in rankings');
    expect(
      verdictProblem(t, { kind: 'ranking', tiers: [[0], [1]], noneAcceptable: true }, none),
    ).toBe('this project does not allow "none acceptable"');
    expect(
      verdictProblem(
        t,
        { kind: 'rating', ratings: [{ position: 0, aspects: { overall: 8 }, thumb: null }] },
        none,
      ),
    ).toBe('overall must be 1..7');
    expect(
      verdictProblem(
        t,
        { kind: 'rating', ratings: [{ position: 0, aspects: { overall: 7 }, thumb: 'up' }] },
        none,
      ),
    ).toBe('this project does not use thumbs up/down');
    expect(
      verdictProblem(
        t,
        { kind: 'rating', ratings: [{ position: 0, aspects: { style: 3 }, thumb: null }] },
        none,
      ),
    ).toBe('unknown rating aspect "style"');
  });
});
