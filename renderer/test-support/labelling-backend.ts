import { expect } from 'vitest';
import type { Draft, ItemView, MethodParsedInput } from '../../shared/api/contract';
import { ApiError, type ErrorCode } from '../../shared/api/errors';
import { TaskSettingsSchema, type TaskSettings } from '../../shared/domain/task';
import { createAppStore, type AppStore } from '../state/store';
import { fakeClient, type FakeCall, type FakeClient } from './fake-client';

/**
 * The labelling state against a scripted backend (typed by the contract): a queue of items,
 * judgments and drafts kept in memory, and saves that fail on request. The labelling tests pin
 * the order of operations (the next item shows at once when it is ready and the save finishes
 * behind it, else once the save is in; a failed save keeps or brings back the item and
 * retries; drafts are kept and restored; undo, back and next), not the backend, which db/
 * tests cover for real.
 */
export function view(id: string, responses = 2): ItemView {
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

export interface LabellingBackend {
  store: AppStore;
  calls: FakeCall[];
  /** Every judgment the backend accepted, in order, as it took them. */
  submitted: Array<MethodParsedInput<'judgments.submit'>>;
  drafts: Map<string, Draft>;
  /** The next save fails with this message and code. */
  fail: { next: string | null; code: ErrorCode };
  /** While set, saves wait for it before they answer (a slow disk, a slow connection). */
  hold: { saves: Promise<void> | null };
  /** Deliver an event, as the backend would. */
  emit: FakeClient['emit'];
}

export function labellingBackend(
  task: Partial<TaskSettings> = {},
  queue = ['i1', 'i2', 'i3'],
  responses = 2,
  repeat: { itemId: string; repeatId: string } | null = null,
): LabellingBackend {
  const judged = new Set<string>();
  let repeatAnswered = false;
  const submitted: LabellingBackend['submitted'] = [];
  const drafts = new Map<string, Draft>();
  const fail: LabellingBackend['fail'] = { next: null, code: 'INTERNAL' };
  const hold: LabellingBackend['hold'] = { saves: null };
  let taskVersion = 1;
  const progress = () => ({ done: judged.size, total: queue.length });
  const project = {
    path: '/p',
    name: 'p',
    projectId: 'P',
    schemaVersion: 3,
    showModelNames: false,
    counts: { items: 3, responses: 6, judgments: 0, labellers: 1 },
  };
  const { client, calls, emit } = fakeClient({
    'session.get': () => ({ labeller: { id: 'L', name: 'Ada' }, host: 'browser' }),
    'project.info': () => project,
    'settings.get': () => ({
      task: TaskSettingsSchema.parse(task),
      guidelines: { version: 1, markdown: '' },
    }),
    'items.next': ({ exclude }) => {
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
    'items.get': ({ itemId, repeatId }) =>
      repeatId ? repeatOf(itemId, repeatId, responses) : view(itemId, responses),
    'items.recent': () => [],
    'progress.get': progress,
    'drafts.get': ({ itemId }) => {
      const d = drafts.get(itemId);
      return d ? { draft: d, updatedAt: 1 } : null;
    },
    'drafts.save': ({ itemId, draft }) => {
      drafts.set(itemId, draft);
      return { updatedAt: 1 };
    },
    'drafts.discard': ({ itemId }) => ({ discarded: drafts.delete(itemId) }),
    'session.summary': () => ({ judged: judged.size, skipped: 0, activeMs: 0, medianMs: null }),
    'settings.updateTask': (i) => ({ ...TaskSettingsSchema.parse(i.task), version: ++taskVersion }),
    'judgments.submit': async (s) => {
      if (hold.saves) await hold.saves;
      if (fail.next) {
        const message = fail.next;
        fail.next = null;
        throw new ApiError(fail.code, message);
      }
      submitted.push(s);
      if (s.repeatId) repeatAnswered = true;
      else judged.add(s.itemId);
      drafts.delete(s.itemId);
      return { judgmentId: 'j', revision: 1, progress: progress() };
    },
    'judgments.undo': () => {
      const last = submitted.pop();
      if (!last) return null;
      if (last.repeatId) {
        repeatAnswered = false;
        return { itemId: last.itemId, repeatId: last.repeatId, progress: progress() };
      }
      judged.delete(last.itemId);
      return { itemId: last.itemId, progress: progress() };
    },
  });
  const store = createAppStore(client);
  store.setState({
    labeller: { id: 'L', name: 'Ada' },
    project,
    sessionStatus: 'ready',
  });
  return { store, calls, submitted, drafts, fail, hold, emit };
}

/** Let the store's awaited calls settle. */
export const settle = () => new Promise((r) => setTimeout(r, 0));

/** Let the store work until `check` holds (and fail the test if it never does). */
export async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await settle();
  expect(check()).toBe(true);
}
