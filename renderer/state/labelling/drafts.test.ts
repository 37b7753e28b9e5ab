// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { labellingBackend } from '../../test-support/labelling-backend';

beforeEach(() => localStorage.clear());
afterEach(() => vi.useRealTimers());

describe('drafts', () => {
  it('keeps a half-made judgment as a draft and brings it back', async () => {
    const f = labellingBackend({ rationale: 'required' });
    await f.store.getState().loadFirstItem();
    f.store.getState().chooseSide('B');
    f.store.getState().toggleFlag('pii');
    expect(f.store.getState().wantsRationale).toBe(true);
    await f.store.getState().flushDraft();
    expect(f.drafts.get('i1')).toMatchObject({
      displayedOrder: [1, 0],
      pairwise: { choice: 'B', strength: null, criteria: {} },
      flags: ['pii'],
    });
    expect(f.store.getState().draftStatus).toBe('saved');

    // A new store (a restart) finds the draft on the item.
    const again = labellingBackend({ rationale: 'required' });
    again.drafts.set('i1', f.drafts.get('i1')!);
    await again.store.getState().loadFirstItem();
    expect(again.store.getState().form.pairwise.choice).toBe('B');
    expect(again.store.getState().form.flags).toEqual(['pii']);
  });
});
