import type { ItemView, Progress } from '../../shared/api/contract';
import type { PairwiseChoice } from '../../shared/domain/judgment';
import type { SliceCreator } from './store';

export interface LabellingSlice {
  current: ItemView | null;
  /** The item after `current`, fetched while the labeller reads, so moving on is instant. */
  prefetched: ItemView | null;
  queueEmpty: boolean;
  progress: Progress | null;
  saving: boolean;
  saveError: string | null;
  /** When `current` was shown (performance.now()), for time on item. */
  shownAt: number;
  lastSaved: { itemId: string; choice: PairwiseChoice } | null;
  loadFirstItem: () => Promise<void>;
  choose: (choice: PairwiseChoice) => Promise<void>;
  undo: () => Promise<void>;
}

export const createLabellingSlice: SliceCreator<LabellingSlice> = (set, get, client) => {
  const labellerId = () => {
    const l = get().labeller;
    if (!l) throw new Error('no labeller');
    return l.id;
  };

  function show(item: ItemView | null) {
    set({ current: item, queueEmpty: item === null, shownAt: performance.now(), prefetched: null });
    if (item) void prefetchAfter(item);
  }

  async function prefetchAfter(item: ItemView) {
    try {
      const next = await client.call('items.next', {
        labellerId: labellerId(),
        exclude: [item.id],
      });
      // Only keep it if the labeller is still on the item we prefetched for.
      if (get().current?.id === item.id) set({ prefetched: next });
    } catch {
      // Prefetch is an optimisation: on failure, moving on simply fetches.
    }
  }

  return {
    current: null,
    prefetched: null,
    queueEmpty: false,
    progress: null,
    saving: false,
    saveError: null,
    shownAt: 0,
    lastSaved: null,

    async loadFirstItem() {
      const id = labellerId();
      const [item, progress] = await Promise.all([
        client.call('items.next', { labellerId: id }),
        client.call('progress.get', { labellerId: id }),
      ]);
      set({ progress });
      show(item);
    },

    async choose(choice) {
      const { current, saving, shownAt } = get();
      if (!current || saving) return;
      set({ saving: true, saveError: null });
      try {
        // Committed to disk before we move on: the UI never shows an item as done that is not.
        const result = await client.call('judgments.submit', {
          labellerId: labellerId(),
          itemId: current.id,
          displayedOrder: current.displayedOrder,
          verdict: { kind: 'pairwise', choice },
          timeMs: Math.max(0, Math.round(performance.now() - shownAt)),
        });
        const prefetched = get().prefetched;
        const next =
          prefetched && prefetched.id !== current.id
            ? prefetched
            : await client.call('items.next', { labellerId: labellerId() });
        set({
          progress: result.progress,
          saving: false,
          lastSaved: { itemId: current.id, choice },
        });
        show(next);
      } catch (e) {
        set({ saving: false, saveError: `Not saved: ${(e as Error).message}` });
      }
    },

    async undo() {
      if (get().saving) return;
      set({ saving: true, saveError: null });
      try {
        const undone = await client.call('judgments.undo', { labellerId: labellerId() });
        if (!undone) {
          set({ saving: false });
          return;
        }
        const item = await client.call('items.get', {
          labellerId: labellerId(),
          itemId: undone.itemId,
        });
        set({ progress: undone.progress, saving: false, lastSaved: null });
        show(item);
      } catch (e) {
        set({ saving: false, saveError: `Undo failed: ${(e as Error).message}` });
      }
    },
  };
};
