import type { ItemView, Progress } from '../../../shared/api/contract';
import { prefetchMarkdown } from '../../markdown/prefetch';
import { startClock } from '../../model/active-time';
import { formFromDraft } from '../../model/judgment-form/draft';
import { emptyForm, type JudgmentForm } from '../../model/judgment-form/judgment-form';
import type { Fetched, NavigationSteps, Room } from './context';

/** Which item is on screen, what comes after it, and the way back through the session. */
export interface NavigationSlice {
  current: ItemView | null;
  /** The item that will show next, once fetched and formatted: the screen renders it hidden. */
  upcoming: ItemView | null;
  queueEmpty: boolean;
  progress: Progress | null;
  /** Items shown this session (and recently judged before it), oldest first. */
  history: string[];
  historyPos: number;

  loadFirstItem: () => Promise<void>;
  back: () => Promise<void>;
  next: () => Promise<void>;
  /** Show any item (from the browser or "go to"); false when it could not be opened. */
  openItem: (itemId: string) => Promise<boolean>;
}

export const navigationRoom: Room<NavigationSlice, NavigationSteps> = (ctx) => {
  const { set, get, client } = ctx;
  /** The item shown after `after` (history's next or the queue's), fetched in advance. */
  let prefetched: ({ after: string } & Fetched) | null = null;

  function show(view: ItemView | null, draft: Fetched['draft'], given?: JudgmentForm) {
    ctx.rooms.drafts.cancel();
    ctx.rooms.saving.cancelRetry();
    if (!view) {
      set({ current: null, upcoming: null, queueEmpty: true, form: emptyForm(), saving: false });
      return;
    }
    const form = ctx.rooms.edits.openingForm(
      view,
      given ?? (draft && formFromDraft(draft, view.displayedOrder)) ?? null,
    );
    ctx.clock = startClock(performance.now(), draft?.timeMs ?? 0);
    set({
      current: view,
      upcoming: null,
      queueEmpty: false,
      form,
      formProblem: null,
      wantsRationale: false,
      draftStatus: draft ? 'saved' : 'none',
      saving: false,
      saveError: null,
      unsaved: null,
    });
    // What was fetched after the previous item is spent (or stale) either way.
    prefetched = null;
    // Not in this task: the item just shown is painted first. Fetching the one after it here
    // put its requests, the backend's work on them (on the same few cores), their replies and
    // the markdown worker's formatting in the way of the frame that shows this one.
    afterNextPaint(() => {
      if (get().current?.id === view.id) void prefetchFollowing(view);
    });
  }

  async function fetchItem(itemId: string, repeatId: string | null = null): Promise<Fetched> {
    const id = ctx.labellerId();
    const [view, draft] = await Promise.all([
      client.call(
        'items.get',
        repeatId ? { labellerId: id, itemId, repeatId } : { labellerId: id, itemId },
      ),
      client.call('drafts.get', { labellerId: id, itemId }),
    ]);
    return { view, draft: draft?.draft ?? null };
  }

  /** Fetch what comes after `view` while the labeller reads it, markdown included. */
  async function prefetchFollowing(view: ItemView) {
    prefetched = null;
    try {
      // Never ask for the next item while a judgment is on its way: the backend would offer
      // the item it is for.
      await ctx.rooms.saving.settled();
      if (get().current?.id !== view.id) return;
      const { history, historyPos } = get();
      const id = ctx.labellerId();
      let next: Fetched | null;
      if (historyPos < history.length - 1) next = await fetchItem(history[historyPos + 1]!);
      else {
        const v = await client.call('items.next', { labellerId: id, exclude: [view.id] });
        const d = v ? await client.call('drafts.get', { labellerId: id, itemId: v.id }) : null;
        next = v ? { view: v, draft: d?.draft ?? null } : null;
      }
      if (!next || get().current?.id !== view.id) return;
      prefetched = { after: view.id, ...next };
      await prefetchMarkdown(textsOf(next.view));
      if (get().current?.id === view.id) set({ upcoming: next.view });
    } catch {
      // Prefetch is an optimisation: moving on simply fetches.
    }
  }

  /** What was fetched to follow `from`, if it is what `advance(from)` will show. */
  function readyAfter(from: ItemView): Fetched | null {
    // Fetched while the labeller read `from`; never `from` itself (a backend may offer it
    // again until its judgment is in).
    const ready =
      prefetched?.after === from.id && prefetched.view.id !== from.id ? prefetched : null;
    const { history, historyPos } = get();
    if (ready && historyPos < history.length - 1 && ready.view.id !== history[historyPos + 1])
      return null;
    return ready;
  }

  function returnTo(view: ItemView, form: JudgmentForm) {
    const { history, historyPos } = get();
    const at = history.lastIndexOf(view.id, historyPos);
    if (at >= 0) set({ historyPos: at });
    else pushHistory(view.id);
    show(view, null, form);
  }

  async function advance(from: ItemView) {
    const { history, historyPos } = get();
    const ready = readyAfter(from);
    if (historyPos < history.length - 1) {
      const target = history[historyPos + 1]!;
      const got = ready ?? (await fetchItem(target));
      set({ historyPos: historyPos + 1 });
      show(got.view, got.draft);
      return;
    }
    let got: Fetched | null = ready;
    if (!got) {
      const v = await client.call('items.next', { labellerId: ctx.labellerId() });
      const d = v
        ? await client.call('drafts.get', { labellerId: ctx.labellerId(), itemId: v.id })
        : null;
      got = v ? { view: v, draft: d?.draft ?? null } : null;
    }
    if (got) pushHistory(got.view.id);
    show(got?.view ?? null, got?.draft ?? null);
  }

  function pushHistory(itemId: string) {
    const { history, historyPos } = get();
    const kept = history.slice(0, historyPos + 1);
    if (kept[kept.length - 1] === itemId) return;
    kept.push(itemId);
    set({ history: kept, historyPos: kept.length - 1 });
  }

  /** Leave the current item for another, keeping whatever was half done. */
  async function goTo(itemId: string, historyMove: (() => void) | null): Promise<boolean> {
    // A judgment waiting to be saved keeps the labeller on its item.
    await ctx.rooms.saving.settled();
    if (get().saving || get().unsaved) return false;
    await get().flushDraft();
    try {
      const got =
        prefetched && prefetched.view.id === itemId ? prefetched : await fetchItem(itemId);
      if (historyMove) historyMove();
      else pushHistory(itemId);
      show(got.view, got.draft);
      return true;
    } catch (e) {
      set({ notice: `Could not open ${itemId}: ${(e as Error).message}` });
      return false;
    }
  }

  return {
    steps: {
      show,
      fetchItem,
      advance,
      pushHistory,
      canAdvanceAtOnce: (from) => readyAfter(from) !== null,
      returnTo,
    },
    state: {
      current: null,
      upcoming: null,
      queueEmpty: false,
      progress: null,
      history: [],
      historyPos: -1,

      async loadFirstItem() {
        const id = ctx.labellerId();
        // Judgments a previous run could not save go first, so the queue reflects them.
        await ctx.rooms.saving.flushOutbox();
        // Everything the first item needs, at once: one round trip, then its draft.
        const [item, progress, recent] = await Promise.all([
          client.call('items.next', { labellerId: id }),
          client.call('progress.get', { labellerId: id }),
          client.call('items.recent', { labellerId: id, limit: 50 }),
          get().task ? null : get().loadSettings(),
        ]);
        const history = recent.reverse();
        if (item) history.push(item.id);
        set({ progress, history, historyPos: history.length - 1, sessionStart: Date.now() });
        const draft = item
          ? await client.call('drafts.get', { labellerId: id, itemId: item.id })
          : null;
        show(item, draft?.draft ?? null);
        ctx.rooms.saving.scheduleSummary();
      },

      async back() {
        const { history, historyPos } = get();
        if (historyPos <= 0) return;
        await goTo(history[historyPos - 1]!, () => set({ historyPos: historyPos - 1 }));
      },

      async next() {
        const { history, historyPos } = get();
        if (historyPos >= history.length - 1) return;
        await goTo(history[historyPos + 1]!, () => set({ historyPos: historyPos + 1 }));
      },

      openItem: (itemId) => goTo(itemId, null),
    },
  };
};

/**
 * Runs `fn` once the frame now being prepared has been painted: a task queued from the next
 * animation frame runs after that frame's paint. A hidden window gets no animation frames,
 * so a timer stands in for them there (and where there is no requestAnimationFrame at all).
 */
export function afterNextPaint(fn: () => void, fallbackMs = 100): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    setTimeout(fn, 0);
  };
  const fallback = setTimeout(run, fallbackMs);
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run);
}

function textsOf(view: ItemView): string[] {
  const prompt =
    typeof view.prompt === 'string' ? [view.prompt] : view.prompt.map((m) => m.content);
  return [...prompt, ...view.responses.map((r) => r.content)];
}
