import { describe, expect, it } from 'vitest';
import { DEFAULT_TASK } from '../domain/task';
import { AgreementAccumulator } from './agreement';
import { ExportOptionsSchema, resolveOptions, type ExportOptionsInput } from './options';
import { isGold, planItem, type PlanContext } from './plan';
import { newTally } from './tally';
import type { JudgmentIn } from './votes';

function ctx(o: ExportOptionsInput): PlanContext {
  return {
    options: resolveOptions(ExportOptionsSchema.parse(o), ['overall'], 'jsonl'),
    task: DEFAULT_TASK,
    tally: newTally(),
    agreement: new AgreementAccumulator(false),
  };
}
const item = { id: 'x', prompt: 'P', metadata: null };
const pref = (labellerId: string, winner: number, createdAt: number): JudgmentIn => ({
  id: `${labellerId}${createdAt}`,
  labellerId,
  createdAt,
  flags: [],
  verdict: {
    kind: 'pairwise',
    outcome: 'preferred',
    chosenIdx: winner,
    rejectedIdx: 1 - winner,
    strength: null,
    criteria: {},
  },
});

describe('planning one item', () => {
  it('keeps judgments made in [from, to) and by the chosen labellers only', () => {
    const js = [pref('a', 0, 100), pref('b', 1, 200), pref('c', 0, 300)];
    const c = ctx({ format: 'trl', filters: { from: 150, to: 300 } });
    expect(planItem(item, js, null, c)!.pairs.map((d) => d.labellerId)).toEqual(['b']);
    const d = ctx({ format: 'trl', filters: { labellers: ['a', 'c'] } });
    expect(planItem(item, js, null, d)!.pairs.map((x) => x.labellerId)).toEqual(['a', 'c']);
    expect(planItem(item, js, null, ctx({ format: 'trl', filters: { from: 400 } }))).toBeNull();
  });

  it('measures agreement before the policy: 2 of 3 agreeing pairs of labellers is 1/3', () => {
    const js = [pref('a', 0, 1), pref('b', 0, 1), pref('c', 1, 1)];
    const low = ctx({ format: 'trl', filters: { minAgreement: 0.5 } });
    expect(planItem(item, js, null, low)).toBeNull();
    expect(low.tally.excluded.lowAgreement).toBe(1);
    const ok = ctx({ format: 'trl', filters: { minAgreement: 0.3 } });
    expect(planItem(item, js, null, ok)!.pairs).toHaveLength(3);
    expect(ok.agreement.figures()).toMatchObject({ units: 1, comparisons: 3, percent: 1 / 3 });
  });

  it('treats any gold value but null and false as gold', () => {
    expect(isGold({ metadata: { gold: { chosen: 1 } } })).toBe(true);
    expect(isGold({ metadata: { gold: 0 } })).toBe(true);
    expect(isGold({ metadata: { gold: false } })).toBe(false);
    expect(isGold({ metadata: { other: 1 } })).toBe(false);
    expect(isGold({ metadata: null })).toBe(false);
    expect(isGold({ metadata: null, gold: true })).toBe(true);
  });
});

describe('an item with nothing for the export', () => {
  it('counts its judgments as silent, and nothing else', () => {
    const c = ctx({ format: 'trl', criterion: 'overall' });
    expect(planItem(item, [pref('a', 0, 1)], null, c)).toBeNull();
    expect(c.tally.excluded).toMatchObject({ silent: 1, tooFewVotes: 0 });
  });
});
