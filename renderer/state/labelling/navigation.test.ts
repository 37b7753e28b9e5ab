// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { labellingBackend, until } from '../../test-support/labelling-backend';

beforeEach(() => localStorage.clear());
afterEach(() => vi.useRealTimers());

describe('navigation: the item on screen and the way back', () => {
  it('undo brings the item back with the answer to adjust; back and next walk the session', async () => {
    const f = labellingBackend();
    await f.store.getState().loadFirstItem();
    const s = () => f.store.getState();
    s().pick(1);
    await until(() => s().current?.id === 'i2');
    await s().undo();
    expect(s().current?.id).toBe('i1');
    expect(s().form.pairwise.choice).toBe('A');
    expect(s().progress).toEqual({ done: 0, total: 3 });
    await s().submit();
    await until(() => s().current?.id === 'i2');
    await s().back();
    expect(s().current?.id).toBe('i1');
    await s().next();
    expect(s().current?.id).toBe('i2');
  });

  it('go to keeps the half-made judgment of the item left, and back brings it again', async () => {
    const f = labellingBackend();
    await f.store.getState().loadFirstItem();
    const s = () => f.store.getState();
    s().setRationale('half a thought');
    expect(await s().openItem('i3')).toBe(true);
    expect(s().current?.id).toBe('i3');
    expect(f.drafts.get('i1')).toMatchObject({ rationale: 'half a thought' });
    expect(s().history).toEqual(['i1', 'i3']);
    await s().back();
    expect(s().current?.id).toBe('i1');
    expect(s().form.rationale).toBe('half a thought');
    expect(s().draftStatus).toBe('saved');
  });

  it('stays on an item whose judgment waits to be saved', async () => {
    const f = labellingBackend();
    await f.store.getState().loadFirstItem();
    const s = () => f.store.getState();
    f.fail.next = 'disk I/O error';
    f.fail.code = 'DISK_FULL';
    s().pick(1);
    await until(() => s().unsaved !== null);
    expect(await s().openItem('i3')).toBe(false);
    expect(s().current?.id).toBe('i1');
    expect(s().history).toEqual(['i1']);
  });
});
