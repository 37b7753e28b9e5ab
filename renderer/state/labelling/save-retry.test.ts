import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ItemView, SubmitJudgment } from '../../../shared/api/contract';
import { ApiError, type ErrorCode } from '../../../shared/api/errors';
import { TaskSettingsSchema } from '../../../shared/domain/task';
import { fakeClient } from '../../test-support/fake-client';
import { createAppStore } from '../store';
import { retryDelayMs } from './save-retry';

const view = (id: string): ItemView => ({
  id,
  seq: 1,
  prompt: `prompt ${id}`,
  metadata: null,
  responses: [
    { index: 0, model: null, content: 'x' },
    { index: 1, model: null, content: 'y' },
  ],
  displayedOrder: [0, 1],
  current: null,
});

/** A backend whose saves fail with `failures` in turn, then succeed. */
function backend(failures: ErrorCode[]) {
  const submits: SubmitJudgment[] = [];
  let next = 'i1';
  const { client } = fakeClient({
    'items.next': () => view(next),
    'items.get': (i) => view(i.itemId),
    'items.recent': () => [],
    'progress.get': () => ({ done: 0, total: 2 }),
    'settings.get': () => ({
      task: TaskSettingsSchema.parse({}),
      guidelines: { version: 1, markdown: '' },
    }),
    'drafts.get': () => null,
    'drafts.save': () => ({ updatedAt: 1 }),
    'drafts.discard': () => ({ discarded: false }),
    'session.summary': () => ({ judged: 0, skipped: 0, activeMs: 0, medianMs: null }),
    'judgments.submit': (i) => {
      submits.push(i);
      const code = failures.shift();
      if (code) throw new ApiError(code, `${code} from the backend`);
      next = 'i2';
      return { judgmentId: 'j', revision: 1, progress: { done: 1, total: 2 } };
    },
  });
  const store = createAppStore(client);
  store.setState({ labeller: { id: 'L', name: 'Ada' } });
  return { store, submits };
}

describe('a judgment that cannot be saved', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  it('disk full: kept in memory, the labeller stays on the item, retried with the same judgment until saved', async () => {
    const { store, submits } = backend(['DISK_FULL', 'DISK_FULL']);
    await store.getState().loadFirstItem();
    await store.getState().choose('B');

    let s = store.getState();
    expect(s.current?.id).toBe('i1');
    expect(s.unsaved).toMatchObject({ itemId: 'i1', attempt: 1 });
    expect(s.unsaved?.message).toMatch(/Not saved yet\. The disk is full\..*kept/);
    // Another key press while it is pending changes nothing.
    await s.choose('A');
    expect(submits).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(retryDelayMs(1));
    expect(submits).toHaveLength(2);
    expect(store.getState().unsaved?.attempt).toBe(2);

    await vi.advanceTimersByTimeAsync(retryDelayMs(2));
    s = store.getState();
    expect(submits).toHaveLength(3);
    expect(s.unsaved).toBeNull();
    expect(s.current?.id).toBe('i2');
    expect(s.lastSaved).toEqual({ itemId: 'i1', choice: 'B' });
    // Every attempt carried exactly the judgment the labeller made.
    expect(new Set(submits.map((x) => JSON.stringify(x))).size).toBe(1);
    expect(submits[0]).toMatchObject({ itemId: 'i1', verdict: { kind: 'pairwise', choice: 'B' } });
  });

  it('"retry now" does not wait for the timer', async () => {
    const { store, submits } = backend(['PERMISSION_DENIED']);
    await store.getState().loadFirstItem();
    await store.getState().choose('A');
    expect(store.getState().unsaved?.message).toMatch(/no permission/);
    store.getState().retryUnsavedNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(submits).toHaveLength(2);
    expect(store.getState().current?.id).toBe('i2');
  });

  it('read-only: retrying cannot help, so it says so and keeps nothing pending', async () => {
    const { store, submits } = backend(['PROJECT_READ_ONLY']);
    await store.getState().loadFirstItem();
    await store.getState().choose('A');
    expect(store.getState().unsaved).toBeNull();
    expect(store.getState().saveError).toMatch(/open read-only/);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(submits).toHaveLength(1);
  });
});
