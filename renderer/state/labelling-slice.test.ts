import { describe, expect, it } from 'vitest';
import { createClient, type Transport } from '../../shared/api/client';
import type { ItemView } from '../../shared/api/contract';
import { createAppStore } from './store';

/**
 * Store logic with a scripted transport: these tests pin the order of operations (save
 * committed before the next item shows; a failed save keeps the item), not the backend,
 * which the contract suite covers for real.
 */
function view(id: string): ItemView {
  return {
    id,
    seq: 1,
    prompt: `prompt ${id}`,
    metadata: null,
    responses: [
      { index: 1, model: null, content: 'x' },
      { index: 0, model: null, content: 'y' },
    ],
    displayedOrder: [1, 0],
    current: null,
  };
}

function scripted(handlers: Record<string, (input: Record<string, unknown>) => unknown>) {
  const calls: string[] = [];
  const transport: Transport = {
    async call(method, input) {
      calls.push(method);
      const h = handlers[method];
      if (!h) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: method } };
      try {
        return { ok: true, value: await h(input as Record<string, unknown>) };
      } catch (e) {
        return { ok: false, error: { code: 'INTERNAL', message: (e as Error).message } };
      }
    },
    subscribe: () => () => undefined,
  };
  return { client: createClient(transport), calls };
}

describe('labelling slice', () => {
  const labeller = { id: 'L', name: 'Ada' };
  const queue = ['i1', 'i2'];

  it('submits with the displayed order, then shows the next item', async () => {
    let submitted: Record<string, unknown> | null = null;
    const { client, calls } = scripted({
      'items.next': (i) => {
        const exclude = (i['exclude'] as string[] | undefined) ?? [];
        const id = queue.find(
          (q) => !exclude.includes(q) && q !== (submitted?.['itemId'] as string),
        );
        return id ? view(id) : null;
      },
      'progress.get': () => ({ done: 0, total: 2 }),
      'judgments.submit': (i) => {
        submitted = i;
        return { judgmentId: 'j', revision: 1, progress: { done: 1, total: 2 } };
      },
    });
    const store = createAppStore(client);
    store.setState({ labeller });
    await store.getState().loadFirstItem();
    expect(store.getState().current?.id).toBe('i1');
    await store.getState().choose('B');
    expect(submitted).toMatchObject({
      itemId: 'i1',
      displayedOrder: [1, 0],
      verdict: { kind: 'pairwise', choice: 'B' },
      labellerId: 'L',
    });
    expect(store.getState().current?.id).toBe('i2');
    expect(store.getState().progress).toEqual({ done: 1, total: 2 });
    expect(calls.indexOf('judgments.submit')).toBeGreaterThan(-1);
  });

  it('keeps the item on screen and says so when the save fails', async () => {
    const { client } = scripted({
      'items.next': () => view('i1'),
      'progress.get': () => ({ done: 0, total: 1 }),
      'judgments.submit': () => {
        throw new Error('disk full');
      },
    });
    const store = createAppStore(client);
    store.setState({ labeller });
    await store.getState().loadFirstItem();
    await store.getState().choose('A');
    expect(store.getState().current?.id).toBe('i1');
    expect(store.getState().saveError).toBe('Not saved: disk full');
    expect(store.getState().saving).toBe(false);
  });
});
