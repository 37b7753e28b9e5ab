import type { ItemView, MethodInput, Progress } from '../../shared/api/contract';
import type { PairwiseChoice } from '../../shared/domain/judgment';
import type { SliceCreator } from './store';
import { describeSaveFailure, retryDelayMs, type UnsavedJudgment } from './save-retry';

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
  /** A judgment kept in memory because saving it failed; retried until it is saved. */
  unsaved: UnsavedJudgment | null;
  retryUnsavedNow: () => void;
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

  type SubmitInput = MethodInput<'judgments.submit'>;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let retry: (() => void) | null = null;

  /**
   * Keep a judgment that failed to save and try again later, with the same input (time on
   * item included), until it is saved; a failure retrying cannot fix is shown and dropped.
   */
  function keepForRetry(e: unknown, input: SubmitInput, choice: PairwiseChoice, attempt: number) {
    const { retryable, message } = describeSaveFailure(e);
    if (!retryable) {
      set({ saving: false, unsaved: null, saveError: message });
      return;
    }
    const delay = retryDelayMs(attempt);
    retry = () => {
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      retry = null;
      void commit(input, choice, attempt + 1);
    };
    retryTimer = setTimeout(retry, delay);
    set({
      saving: false,
      saveError: null,
      unsaved: {
        itemId: input.itemId,
        attempt,
        message: `Not saved yet. ${message} Your judgment is kept and will be saved as soon as possible.`,
        retryAt: Date.now() + delay,
      },
    });
  }

  async function commit(input: SubmitInput, choice: PairwiseChoice, attempt: number) {
    const current = get().current;
    if (!current || current.id !== input.itemId) return;
    set({ saving: true, saveError: null });
    let result;
    try {
      // Committed to disk before we move on: the UI never shows an item as done that is not.
      result = await client.call('judgments.submit', input);
    } catch (e) {
      keepForRetry(e, input, choice, attempt);
      return;
    }
    set({ unsaved: null });
    try {
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
      set({
        saving: false,
        saveError: `Saved, but the next item did not load: ${(e as Error).message}`,
      });
    }
  }

  return {
    unsaved: null,
    retryUnsavedNow: () => retry?.(),
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
      const { current, saving, shownAt, unsaved } = get();
      if (!current || saving || unsaved) return;
      // The judgment as made, kept as is until it is saved (see keepForRetry).
      await commit(
        {
          labellerId: labellerId(),
          itemId: current.id,
          displayedOrder: current.displayedOrder,
          verdict: { kind: 'pairwise', choice },
          timeMs: Math.max(0, Math.round(performance.now() - shownAt)),
          // A swapped repeat is answered beside the first judgment, not as a revision of it.
          repeatId: current.repeatId ?? null,
        },
        choice,
        1,
      );
    },

    async undo() {
      if (get().saving || get().unsaved) return;
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
