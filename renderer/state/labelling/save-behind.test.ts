// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { labellingBackend, until } from '../../test-support/labelling-backend';
import { outboxEntries } from './outbox';

beforeEach(() => localStorage.clear());

/** A gate the test opens: saves wait at it, so the test sees the state between key and answer. */
function gate() {
  let open!: () => void;
  const closed = new Promise<void>((r) => (open = r));
  return { closed, open };
}

/** The labelling state with the first item on screen and the one after it fetched and formatted. */
async function ready() {
  const f = labellingBackend();
  await f.store.getState().loadFirstItem();
  const s = () => f.store.getState();
  await until(() => s().upcoming?.id === 'i2');
  return { f, s };
}

describe('the next item shows at once; the save finishes behind it', () => {
  it('shows the next item before the backend answers, kept in the outbox until it does', async () => {
    const { f, s } = await ready();
    const g = gate();
    f.hold.saves = g.closed;
    const judged = s().choose('B');
    // In the same task as the key: no round trip between the key and the next item.
    expect(s().current?.id).toBe('i2');
    expect(s().savingBehind).toBe('i1');
    expect(outboxEntries('P', 'L').map((e) => e.itemId)).toEqual(['i1']);
    expect(s().savedNote).toBeNull();
    // The item after next is not asked for while the save could still make the backend offer
    // i1 (past the frame that shows i2, when the prefetch would otherwise start).
    const nextCalls = () => f.calls.filter(([method]) => method === 'items.next').length;
    const asked = nextCalls();
    await new Promise((r) => setTimeout(r, 250));
    expect(nextCalls()).toBe(asked);
    g.open();
    await judged;
    expect(s().savingBehind).toBeNull();
    expect(f.submitted.map((x) => x.itemId)).toEqual(['i1']);
    expect(outboxEntries('P', 'L')).toEqual([]);
    expect(s().savedNote).toMatchObject({ itemId: 'i1', text: 'B better' });
    expect(s().progress).toEqual({ done: 1, total: 3 });
    await until(() => s().upcoming?.id === 'i3');
  });

  it('a judgment made while the one before is on its way goes after it, in order', async () => {
    const { f, s } = await ready();
    const g = gate();
    f.hold.saves = g.closed;
    const first = s().choose('A');
    expect(s().current?.id).toBe('i2');
    const second = s().choose('B');
    g.open();
    await Promise.all([first, second]);
    await until(() => s().current?.id === 'i3');
    expect(
      f.submitted.map((x) => [x.itemId, x.verdict.kind === 'pairwise' ? x.verdict.choice : null]),
    ).toEqual([
      ['i1', 'A'],
      ['i2', 'B'],
    ]);
  });

  it('undo waits for the save behind, and takes back that judgment', async () => {
    const { f, s } = await ready();
    const g = gate();
    f.hold.saves = g.closed;
    void s().choose('A');
    const undone = s().undo();
    g.open();
    await undone;
    expect(s().current?.id).toBe('i1');
    expect(s().form.pairwise.choice).toBe('A');
    expect(f.submitted).toEqual([]);
  });

  it('a save behind that fails on the disk brings the labeller back, keeps what they began next as a draft, and retries', async () => {
    const { f, s } = await ready();
    const g = gate();
    f.hold.saves = g.closed;
    f.fail.next = 'disk I/O error';
    f.fail.code = 'DISK_FULL';
    void s().choose('B');
    expect(s().current?.id).toBe('i2');
    s().setRationale('begun on i2');
    g.open();
    await until(() => s().unsaved !== null);
    expect(s().current?.id).toBe('i1');
    expect(s().form.pairwise.choice).toBe('B');
    expect(s().unsaved?.message).toMatch(/Not saved yet\. The disk is full/);
    expect(f.drafts.get('i2')).toMatchObject({ rationale: 'begun on i2' });
    expect(outboxEntries('P', 'L').map((e) => e.itemId)).toEqual(['i1']);
    f.hold.saves = null;
    s().retryUnsavedNow();
    await until(() => s().current?.id === 'i2');
    expect(f.submitted.map((x) => x.itemId)).toEqual(['i1']);
    expect(s().form.rationale).toBe('begun on i2');
    expect(outboxEntries('P', 'L')).toEqual([]);
  });

  it('a save behind that is refused brings the labeller back with the reason and the judgment as made', async () => {
    const { f, s } = await ready();
    const g = gate();
    f.hold.saves = g.closed;
    f.fail.next = 'the task changed';
    f.fail.code = 'INVALID_INPUT';
    void s().choose('A');
    g.open();
    await until(() => s().saveError !== null);
    expect(s().current?.id).toBe('i1');
    expect(s().form.pairwise.choice).toBe('A');
    expect(s().saveError).toMatch(/the task changed/);
    expect(s().unsaved).toBeNull();
    expect(s().history[s().historyPos]).toBe('i1');
  });
});
