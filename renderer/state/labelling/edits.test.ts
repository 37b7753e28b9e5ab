// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { labellingBackend, settle, until } from '../../test-support/labelling-backend';

beforeEach(() => localStorage.clear());
afterEach(() => vi.useRealTimers());

describe('edits: the half-made judgment', () => {
  it('waits for strength and criteria, then submits the whole verdict', async () => {
    const f = labellingBackend({ pairwise: { strengthLevels: 4 } as never, criteria: ['honest'] });
    await f.store.getState().loadFirstItem();
    const s = () => f.store.getState();
    s().chooseSide('A');
    s().setStrength(2);
    await settle();
    expect(f.submitted).toHaveLength(0);
    expect(s().form.cursor).toBe(1);
    s().chooseSide('tie'); // honest: tie
    await until(() => f.submitted.length === 1);
    expect(f.submitted[0]!.verdict).toEqual({
      kind: 'pairwise',
      choice: 'A',
      strength: 2,
      criteria: { honest: 'tie' },
      pair: [0, 1],
    });
  });

  it('ranks four by keys and submits when all are placed', async () => {
    const f = labellingBackend({ mode: 'ranking' }, ['i1', 'i2'], 4);
    await f.store.getState().loadFirstItem();
    const s = () => f.store.getState();
    s().pick(3);
    s().pick(1);
    s().chooseSide('tie'); // tie the next with the last
    s().pick(4);
    expect(f.submitted).toHaveLength(0);
    s().pick(2);
    await until(() => f.submitted.length === 1);
    expect(f.submitted[0]!.verdict).toEqual({
      kind: 'ranking',
      tiers: [[2], [0, 3], [1]],
      noneAcceptable: false,
    });
  });

  it('a new kind of task clears what was said under the old one and starts the form afresh', async () => {
    const f = labellingBackend({ mode: 'ranking' }, ['i1', 'i2'], 3);
    await f.store.getState().loadFirstItem();
    const s = () => f.store.getState();
    s().pick(1);
    await s().submit();
    expect(s().formProblem).toBe('rank 2 more responses');
    const { version: _v, ...task } = s().task!;
    await s().saveTask({ ...task, mode: 'rating' });
    expect(s().task?.mode).toBe('rating');
    expect(s().formProblem).toBeNull();
    expect(s().form.ranking.order).toEqual([]);
    expect(s().form.cursor).toBe(0);
    // Settings that keep the kind keep the half-made judgment; a stale refusal still goes.
    const g = labellingBackend({ pairwise: { strengthLevels: 4 } as never });
    await g.store.getState().loadFirstItem();
    g.store.getState().chooseSide('A');
    await g.store.getState().submit();
    expect(g.store.getState().formProblem).toBe('choose how much better');
    const { version: _w, ...pw } = g.store.getState().task!;
    await g.store.getState().saveTask({ ...pw, pairwise: { ...pw.pairwise, strengthLevels: 0 } });
    expect(g.store.getState().formProblem).toBeNull();
    expect(g.store.getState().form.pairwise.choice).toBe('A');
  });
});
