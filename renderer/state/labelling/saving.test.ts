// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { outboxEntries } from './outbox';
import { labellingBackend, until } from '../../test-support/labelling-backend';

beforeEach(() => localStorage.clear());
afterEach(() => vi.useRealTimers());

describe('saving: submit, retries, the outbox, undo', () => {
  it('submits with the displayed order and pair, then shows the next item', async () => {
    const f = labellingBackend();
    await f.store.getState().loadFirstItem();
    expect(f.store.getState().current?.id).toBe('i1');
    f.store.getState().pick(2);
    await until(() => f.store.getState().current?.id === 'i2');
    expect(f.submitted[0]).toMatchObject({
      itemId: 'i1',
      labellerId: 'L',
      displayedOrder: [1, 0],
      verdict: { kind: 'pairwise', choice: 'B', pair: [0, 1] },
      rationale: null,
      flags: [],
    });
    expect(f.store.getState().progress).toEqual({ done: 1, total: 3 });
    // The save was answered before the next item was shown.
    const order = f.calls.map(([m]) => m);
    expect(order.indexOf('judgments.submit')).toBeGreaterThan(-1);
    expect(outboxEntries('P', 'L')).toEqual([]);
  });

  it('keeps a failed save on screen, says so, and retries until it is saved', async () => {
    const f = labellingBackend();
    await f.store.getState().loadFirstItem();
    f.fail.next = 'disk I/O error';
    f.fail.code = 'DISK_FULL';
    f.store.getState().pick(1);
    await until(() => f.store.getState().unsaved !== null);
    const s = f.store.getState();
    expect(s.current?.id).toBe('i1');
    expect(s.saving).toBe(false);
    expect(s.unsaved?.message).toMatch(/^Not saved yet\. The disk is full\. disk I\/O error/);
    // The judgment as made is on screen (it was sent before it was drawn).
    expect(s.form.pairwise.choice).toBe('A');
    // Kept on this machine until the backend confirms it.
    expect(outboxEntries('P', 'L').map((e) => e.itemId)).toEqual(['i1']);
    s.retryUnsavedNow();
    await until(() => f.store.getState().current?.id === 'i2');
    expect(f.submitted.map((x) => x.itemId)).toEqual(['i1']);
    expect(f.store.getState().unsaved).toBeNull();
    expect(outboxEntries('P', 'L')).toEqual([]);
  });

  it('does not retry what the backend refuses, and explains', async () => {
    const f = labellingBackend();
    await f.store.getState().loadFirstItem();
    f.fail.next = 'this project does not allow ties';
    f.fail.code = 'INVALID_INPUT';
    f.store.getState().chooseSide('tie');
    await until(() => f.store.getState().saveError !== null);
    expect(f.store.getState().saveError).toBe('Not saved: this project does not allow ties');
    expect(f.store.getState().form.pairwise.choice).toBe('tie');
    expect(f.store.getState().unsaved).toBeNull();
    expect(outboxEntries('P', 'L')).toEqual([]);
  });

  it('sends judgments a previous run could not save', async () => {
    localStorage.setItem(
      'rankwise.outbox.P',
      JSON.stringify([
        {
          labellerId: 'L',
          itemId: 'i1',
          displayedOrder: [1, 0],
          verdict: { kind: 'pairwise', choice: 'A' },
          timeMs: 5,
        },
      ]),
    );
    const f = labellingBackend();
    await f.store.getState().loadFirstItem();
    expect(f.submitted.map((x) => x.itemId)).toEqual(['i1']);
    expect(f.store.getState().current?.id).toBe('i2');
  });

  it('undo after a swapped repeat brings the repeat back with its answer, not the item before', async () => {
    const f = labellingBackend({}, ['i1', 'i2', 'i3'], 2, { itemId: 'i1', repeatId: 'R1' });
    await f.store.getState().loadFirstItem();
    const s = () => f.store.getState();
    s().pick(1);
    await until(() => s().current?.repeatId === 'R1');
    expect(s().current?.displayedOrder).toEqual([0, 1]);
    s().pick(2);
    await until(() => s().current?.id === 'i2');
    expect(f.submitted.map((x) => [x.itemId, x.repeatId])).toEqual([
      ['i1', null],
      ['i1', 'R1'],
    ]);

    await s().undo();
    // The repeat again: responses the other way round, the answer given to it to adjust.
    expect(s().current).toMatchObject({ id: 'i1', repeatId: 'R1', displayedOrder: [0, 1] });
    expect(s().form.pairwise.choice).toBe('B');
    expect(f.calls).toContainEqual([
      'items.get',
      { labellerId: 'L', itemId: 'i1', repeatId: 'R1' },
    ]);
    // Answered again, it is an answer to the repeat, never a revision of the first judgment.
    await s().submit();
    await until(() => s().current?.id === 'i2');
    expect(f.submitted.map((x) => [x.itemId, x.repeatId])).toEqual([
      ['i1', null],
      ['i1', 'R1'],
    ]);
  });

  it('a skip records the rationale as its reason and moves on', async () => {
    const f = labellingBackend();
    await f.store.getState().loadFirstItem();
    f.store.getState().setRationale('needs a domain expert');
    await f.store.getState().skip();
    expect(f.submitted[0]!.verdict).toEqual({ kind: 'skip', reason: 'needs a domain expert' });
    expect(f.store.getState().current?.id).toBe('i2');
  });

  it('an Enter with nothing of the verdict given does nothing, and says nothing', async () => {
    const f = labellingBackend();
    await f.store.getState().loadFirstItem();
    const s = () => f.store.getState();
    s().pick(2);
    // The Enter right after the key that judged lands on the next item.
    await until(() => s().current?.id === 'i2');
    await s().submit();
    expect(s().formProblem).toBeNull();
    expect(f.submitted).toHaveLength(1);
    // With something of it given, an Enter that cannot submit still says what is missing.
    const g = labellingBackend({ pairwise: { strengthLevels: 4 } as never });
    await g.store.getState().loadFirstItem();
    g.store.getState().chooseSide('B');
    await g.store.getState().submit();
    expect(g.store.getState().formProblem).toBe('choose how much better');
  });

  it('confirms what each save stored, and forgets it on undo', async () => {
    const f = labellingBackend();
    await f.store.getState().loadFirstItem();
    const s = () => f.store.getState();
    s().pick(2);
    await until(() => s().current?.id === 'i2');
    expect(s().savedNote).toMatchObject({ itemId: 'i1', text: 'B better', skip: false });
    const first = s().savedNote!.seq;
    await s().skip();
    expect(s().savedNote).toMatchObject({ itemId: 'i2', skip: true });
    expect(s().savedNote!.seq).toBeGreaterThan(first);
    await s().undo();
    expect(s().savedNote).toBeNull();
  });
});
