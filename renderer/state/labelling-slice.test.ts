// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient, type Transport } from '../../shared/api/client';
import type { Draft, ItemView, SubmitJudgment } from '../../shared/api/contract';
import { TaskSettingsSchema, type TaskSettings } from '../../shared/domain/task';
import { outboxEntries } from './outbox';
import { createAppStore, type AppStore } from './store';

/**
 * Store logic against a scripted backend: these tests pin the order of operations (a save is
 * committed before the next item shows; a failed save keeps the item and retries; drafts are
 * kept and restored; undo, back and next), not the backend, which db/ tests cover for real.
 */
function view(id: string, responses = 2): ItemView {
  return {
    id,
    seq: Number(id.slice(1)),
    prompt: `prompt ${id}`,
    metadata: null,
    responses: Array.from({ length: responses }, (_, i) => ({
      index: responses - 1 - i,
      model: null,
      content: `${id} response ${i}`,
    })),
    displayedOrder: Array.from({ length: responses }, (_, i) => responses - 1 - i),
    current: null,
  };
}

interface Fake {
  store: AppStore;
  calls: Array<[string, Record<string, unknown>]>;
  submitted: SubmitJudgment[];
  drafts: Map<string, Draft>;
  fail: { next: string | null; code: string };
}

/** A swapped repeat of `itemId`, served (responses the other way round) once it is judged. */
function repeatOf(itemId: string, repeatId: string, responses = 2): ItemView {
  const v = view(itemId, responses);
  return {
    ...v,
    responses: [...v.responses].reverse(),
    displayedOrder: [...v.displayedOrder].reverse(),
    repeatId,
  };
}

function setUp(
  task: Partial<TaskSettings> = {},
  queue = ['i1', 'i2', 'i3'],
  responses = 2,
  repeat: { itemId: string; repeatId: string } | null = null,
): Fake {
  const judged = new Set<string>();
  let repeatAnswered = false;
  const submitted: SubmitJudgment[] = [];
  const drafts = new Map<string, Draft>();
  const calls: Fake['calls'] = [];
  const fail: Fake['fail'] = { next: null, code: 'INTERNAL' };
  let taskVersion = 1;
  const handlers: Record<string, (i: Record<string, unknown>) => unknown> = {
    'settings.get': () => ({
      task: TaskSettingsSchema.parse(task),
      guidelines: { version: 1, markdown: '' },
    }),
    'items.next': (i) => {
      const exclude = (i['exclude'] as string[] | undefined) ?? [];
      if (
        repeat &&
        !repeatAnswered &&
        judged.has(repeat.itemId) &&
        !exclude.includes(repeat.itemId)
      )
        return repeatOf(repeat.itemId, repeat.repeatId, responses);
      const id = queue.find((q) => !judged.has(q) && !exclude.includes(q));
      return id ? view(id, responses) : null;
    },
    'items.get': (i) =>
      i['repeatId']
        ? repeatOf(i['itemId'] as string, i['repeatId'] as string, responses)
        : view(i['itemId'] as string, responses),
    'items.recent': () => [],
    'progress.get': () => ({ done: judged.size, total: queue.length }),
    'drafts.get': (i) => {
      const d = drafts.get(i['itemId'] as string);
      return d ? { draft: d, updatedAt: 1 } : null;
    },
    'drafts.save': (i) => {
      drafts.set(i['itemId'] as string, i['draft'] as Draft);
      return { updatedAt: 1 };
    },
    'drafts.discard': (i) => ({ discarded: drafts.delete(i['itemId'] as string) }),
    'session.summary': () => ({ judged: judged.size, skipped: 0, activeMs: 0, medianMs: null }),
    'settings.updateTask': (i) => ({
      ...TaskSettingsSchema.parse(i['task']),
      version: ++taskVersion,
    }),
    'judgments.submit': (i) => {
      if (fail.next) {
        const message = fail.next;
        fail.next = null;
        throw Object.assign(new Error(message), { code: fail.code });
      }
      submitted.push(i as unknown as SubmitJudgment);
      if (i['repeatId']) repeatAnswered = true;
      else judged.add(i['itemId'] as string);
      drafts.delete(i['itemId'] as string);
      return { judgmentId: 'j', revision: 1, progress: { done: judged.size, total: queue.length } };
    },
    'judgments.undo': () => {
      const last = submitted.pop();
      if (!last) return null;
      const progress = () => ({ done: judged.size, total: queue.length });
      if (last.repeatId) {
        repeatAnswered = false;
        return { itemId: last.itemId, repeatId: last.repeatId, progress: progress() };
      }
      judged.delete(last.itemId);
      return { itemId: last.itemId, progress: progress() };
    },
  };
  const transport: Transport = {
    async call(method, input) {
      calls.push([method, input as Record<string, unknown>]);
      const h = handlers[method];
      if (!h) return { ok: false, error: { code: 'UNKNOWN_METHOD' as const, message: method } };
      try {
        return { ok: true, value: await h(input as Record<string, unknown>) };
      } catch (e) {
        const err = e as Error & { code: string };
        return {
          ok: false,
          error: { code: (err.code ?? 'INTERNAL') as never, message: err.message },
        };
      }
    },
    subscribe: () => () => undefined,
  };
  const store = createAppStore(createClient(transport));
  store.setState({
    labeller: { id: 'L', name: 'Ada' },
    project: {
      path: '/p',
      name: 'p',
      projectId: 'P',
      schemaVersion: 3,
      showModelNames: false,
      counts: { items: 3, responses: 6, judgments: 0, labellers: 1 },
    },
    sessionStatus: 'ready',
  });
  return { store, calls, submitted, drafts, fail };
}

/** Let the store's awaited calls settle. */
const settle = () => new Promise((r) => setTimeout(r, 0));
async function until(f: Fake, check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await settle();
  expect(check()).toBe(true);
}

beforeEach(() => localStorage.clear());
afterEach(() => vi.useRealTimers());

describe('labelling slice', () => {
  it('submits with the displayed order and pair, then shows the next item', async () => {
    const f = setUp();
    await f.store.getState().loadFirstItem();
    expect(f.store.getState().current?.id).toBe('i1');
    f.store.getState().pick(2);
    await until(f, () => f.store.getState().current?.id === 'i2');
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

  it('waits for strength and criteria, then submits the whole verdict', async () => {
    const f = setUp({ pairwise: { strengthLevels: 4 } as never, criteria: ['honest'] });
    await f.store.getState().loadFirstItem();
    const s = () => f.store.getState();
    s().chooseSide('A');
    s().setStrength(2);
    await settle();
    expect(f.submitted).toHaveLength(0);
    expect(s().form.cursor).toBe(1);
    s().chooseSide('tie'); // honest: tie
    await until(f, () => f.submitted.length === 1);
    expect(f.submitted[0]!.verdict).toEqual({
      kind: 'pairwise',
      choice: 'A',
      strength: 2,
      criteria: { honest: 'tie' },
      pair: [0, 1],
    });
  });

  it('keeps a failed save on screen, says so, and retries until it is saved', async () => {
    const f = setUp();
    await f.store.getState().loadFirstItem();
    f.fail.next = 'disk I/O error';
    f.fail.code = 'DISK_FULL';
    f.store.getState().pick(1);
    await until(f, () => f.store.getState().unsaved !== null);
    const s = f.store.getState();
    expect(s.current?.id).toBe('i1');
    expect(s.saving).toBe(false);
    expect(s.unsaved?.message).toMatch(/^Not saved yet\. The disk is full\. disk I\/O error/);
    // The judgment as made is on screen (it was sent before it was drawn).
    expect(s.form.pairwise.choice).toBe('A');
    // Kept on this machine until the backend confirms it.
    expect(outboxEntries('P', 'L').map((e) => e.itemId)).toEqual(['i1']);
    s.retryUnsavedNow();
    await until(f, () => f.store.getState().current?.id === 'i2');
    expect(f.submitted.map((x) => x.itemId)).toEqual(['i1']);
    expect(f.store.getState().unsaved).toBeNull();
    expect(outboxEntries('P', 'L')).toEqual([]);
  });

  it('does not retry what the backend refuses, and explains', async () => {
    const f = setUp();
    await f.store.getState().loadFirstItem();
    f.fail.next = 'this project does not allow ties';
    f.fail.code = 'INVALID_INPUT';
    f.store.getState().chooseSide('tie');
    await until(f, () => f.store.getState().saveError !== null);
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
    const f = setUp();
    await f.store.getState().loadFirstItem();
    expect(f.submitted.map((x) => x.itemId)).toEqual(['i1']);
    expect(f.store.getState().current?.id).toBe('i2');
  });

  it('keeps a half-made judgment as a draft and brings it back', async () => {
    const f = setUp({ rationale: 'required' });
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
    const again = setUp({ rationale: 'required' });
    again.drafts.set('i1', f.drafts.get('i1')!);
    await again.store.getState().loadFirstItem();
    expect(again.store.getState().form.pairwise.choice).toBe('B');
    expect(again.store.getState().form.flags).toEqual(['pii']);
  });

  it('ranks four by keys and submits when all are placed', async () => {
    const f = setUp({ mode: 'ranking' }, ['i1', 'i2'], 4);
    await f.store.getState().loadFirstItem();
    const s = () => f.store.getState();
    s().pick(3);
    s().pick(1);
    s().chooseSide('tie'); // tie the next with the last
    s().pick(4);
    expect(f.submitted).toHaveLength(0);
    s().pick(2);
    await until(f, () => f.submitted.length === 1);
    expect(f.submitted[0]!.verdict).toEqual({
      kind: 'ranking',
      tiers: [[2], [0, 3], [1]],
      noneAcceptable: false,
    });
  });

  it('undo brings the item back with the answer to adjust; back and next walk the session', async () => {
    const f = setUp();
    await f.store.getState().loadFirstItem();
    const s = () => f.store.getState();
    s().pick(1);
    await until(f, () => s().current?.id === 'i2');
    await s().undo();
    expect(s().current?.id).toBe('i1');
    expect(s().form.pairwise.choice).toBe('A');
    expect(s().progress).toEqual({ done: 0, total: 3 });
    await s().submit();
    await until(f, () => s().current?.id === 'i2');
    await s().back();
    expect(s().current?.id).toBe('i1');
    await s().next();
    expect(s().current?.id).toBe('i2');
  });

  it('undo after a swapped repeat brings the repeat back with its answer, not the item before', async () => {
    const f = setUp({}, ['i1', 'i2', 'i3'], 2, { itemId: 'i1', repeatId: 'R1' });
    await f.store.getState().loadFirstItem();
    const s = () => f.store.getState();
    s().pick(1);
    await until(f, () => s().current?.repeatId === 'R1');
    expect(s().current?.displayedOrder).toEqual([0, 1]);
    s().pick(2);
    await until(f, () => s().current?.id === 'i2');
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
    await until(f, () => s().current?.id === 'i2');
    expect(f.submitted.map((x) => [x.itemId, x.repeatId])).toEqual([
      ['i1', null],
      ['i1', 'R1'],
    ]);
  });

  it('a skip records the rationale as its reason and moves on', async () => {
    const f = setUp();
    await f.store.getState().loadFirstItem();
    f.store.getState().setRationale('needs a domain expert');
    await f.store.getState().skip();
    expect(f.submitted[0]!.verdict).toEqual({ kind: 'skip', reason: 'needs a domain expert' });
    expect(f.store.getState().current?.id).toBe('i2');
  });

  it('an Enter with nothing of the verdict given does nothing, and says nothing', async () => {
    const f = setUp();
    await f.store.getState().loadFirstItem();
    const s = () => f.store.getState();
    s().pick(2);
    // The Enter right after the key that judged lands on the next item.
    await until(f, () => s().current?.id === 'i2');
    await s().submit();
    expect(s().formProblem).toBeNull();
    expect(f.submitted).toHaveLength(1);
    // With something of it given, an Enter that cannot submit still says what is missing.
    const g = setUp({ pairwise: { strengthLevels: 4 } as never });
    await g.store.getState().loadFirstItem();
    g.store.getState().chooseSide('B');
    await g.store.getState().submit();
    expect(g.store.getState().formProblem).toBe('choose how much better');
  });

  it('confirms what each save stored, and forgets it on undo', async () => {
    const f = setUp();
    await f.store.getState().loadFirstItem();
    const s = () => f.store.getState();
    s().pick(2);
    await until(f, () => s().current?.id === 'i2');
    expect(s().savedNote).toMatchObject({ itemId: 'i1', text: 'B better', skip: false });
    const first = s().savedNote!.seq;
    await s().skip();
    expect(s().savedNote).toMatchObject({ itemId: 'i2', skip: true });
    expect(s().savedNote!.seq).toBeGreaterThan(first);
    await s().undo();
    expect(s().savedNote).toBeNull();
  });

  it('a new kind of task clears what was said under the old one and starts the form afresh', async () => {
    const f = setUp({ mode: 'ranking' }, ['i1', 'i2'], 3);
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
    const g = setUp({ pairwise: { strengthLevels: 4 } as never });
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
