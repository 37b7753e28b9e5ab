import type {
  Draft,
  ItemView,
  Progress,
  SessionSummary,
  SubmitJudgment,
} from '../../shared/api/contract';
import type { DisplayedVerdict, PairwiseChoice } from '../../shared/domain/judgment';
import type { TaskSettings } from '../../shared/domain/task';
import { samplePair } from '../../shared/domain/pair-sampling';
import { activity, pause, readClock, startClock, type ActiveClock } from '../model/active-time';
import { draftFromForm, formFromDraft } from '../model/judgment-form/draft';
import * as F from '../model/judgment-form/judgment-form';
import * as R from '../model/judgment-form/ranking-moves';
import { prefetchMarkdown } from '../markdown/prefetch';
import { outboxEntries, outboxPut, outboxRemove } from './outbox';
import { describeSaveFailure, retryDelayMs, type UnsavedJudgment } from './save-retry';
import type { AppState, SliceCreator } from './store';

export type DraftStatus = 'none' | 'unsaved' | 'saved' | 'failed';

export interface LabellingSlice {
  current: ItemView | null;
  /** The item that will show next, once fetched and formatted: the screen renders it hidden. */
  upcoming: ItemView | null;
  queueEmpty: boolean;
  progress: Progress | null;
  /** The half-made judgment on `current`. */
  form: F.JudgmentForm;
  /** Why the last submit was refused, in words; cleared on the next edit. */
  formProblem: string | null;
  /** The form is complete but for a rationale the rules require: the box asks for it. */
  wantsRationale: boolean;
  draftStatus: DraftStatus;
  saving: boolean;
  /** Why the last judgment was refused (retrying cannot help; the labeller can change it). */
  saveError: string | null;
  /** A judgment kept because saving it failed; retried, exactly as made, until it is saved. */
  unsaved: UnsavedJudgment | null;
  /** The last judgment saved (its overall choice for pairwise ones). */
  lastSaved: { itemId: string; choice: PairwiseChoice | null } | null;
  /**
   * What the last save stored, in words ("B better"; "skipped"), for a brief confirmation
   * beside the next item. `seq` tells two equal saves in a row apart; cleared by an undo.
   */
  savedNote: { itemId: string; text: string; skip: boolean; seq: number } | null;
  notice: string | null;
  /** Items shown this session (and recently judged before it), oldest first. */
  history: string[];
  historyPos: number;
  sessionStart: number;
  summary: SessionSummary | null;

  loadFirstItem: () => Promise<void>;
  /** The overall pairwise verdict in one call (what the A/B/tie/both-bad buttons do). */
  choose: (choice: PairwiseChoice) => Promise<void>;
  /** Digit keys: A/B in pairwise, "rank next" in ranking, a value in rating. */
  pick: (n: number) => void;
  chooseSide: (side: F.Side) => void;
  chooseBothBad: () => void;
  setStrength: (level: number) => void;
  moveCursor: (delta: number) => void;
  setCursor: (index: number) => void;
  clearLast: () => void;
  toggleNoneAcceptable: () => void;
  toggleTieNext: () => void;
  thumb: (dir: 'up' | 'down', position?: number) => void;
  nudge: (delta: 1 | -1) => void;
  rateCell: (cell: number, value: number) => void;
  rankPlace: (position: number) => void;
  rankMove: (from: number, to: number) => void;
  /**
   * Rank a response at a given place (a drag from "not ranked yet"), in one step. Drags never
   * submit by themselves: a ranking arranged by mouse is submitted with Submit (or Enter).
   */
  rankInsert: (position: number, index: number) => void;
  rankToggleTie: (index: number) => void;
  rankRemove: (index: number) => void;
  toggleFlag: (flag: string) => void;
  setRationale: (text: string) => void;
  submit: () => Promise<void>;
  skip: () => Promise<void>;
  undo: () => Promise<void>;
  back: () => Promise<void>;
  next: () => Promise<void>;
  /** Show any item (from the browser or "go to"); false when it could not be opened. */
  openItem: (itemId: string) => Promise<boolean>;
  retryUnsavedNow: () => void;
  noteActivity: () => void;
  pauseClock: () => void;
  flushDraft: () => Promise<void>;
  dismissNotice: () => void;
  /**
   * The task settings changed under the item on screen (saved here, or by someone else): a
   * refusal or a request for a rationale made under the old ones no longer holds, and a new
   * kind of task starts its form afresh.
   */
  taskChanged: (before: TaskSettings) => void;
}

/** What the form logic needs from the store: task, response count, the compared pair. */
export function formContext(s: AppState): F.FormContext | null {
  const { current, task, labeller } = s;
  if (!current || !task || !labeller) return null;
  return { task, count: current.responses.length, pair: pairOf(current, task, labeller.id) };
}

/** The two display positions a pairwise judgment compares: as judged before, or as sampled. */
export function pairOf(view: ItemView, task: TaskSettings, labellerId: string): [number, number] {
  const v = view.current?.verdict;
  if (v?.kind === 'pairwise' && v.pair.every((p) => p < view.responses.length)) return v.pair;
  return samplePair(task.pairwise.pairSampling, labellerId, view.id, view.displayedOrder);
}

const DRAFT_DELAY_MS = 600;

export const createLabellingSlice: SliceCreator<LabellingSlice> = (set, get, client) => {
  // Not in the store's state: these change on every mouse move or keystroke and nothing
  // renders them, so they live beside it.
  let clock: ActiveClock = startClock(performance.now());
  let draftTimer: ReturnType<typeof setTimeout> | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let retry: (() => void) | null = null;
  let summaryTimer: ReturnType<typeof setTimeout> | null = null;
  /** The item shown after `after` (history's next or the queue's), fetched in advance. */
  let prefetched: { after: string; view: ItemView; draft: Draft | null } | null = null;
  /** What was last submitted, so an undo brings the answer back to adjust. */
  let lastSubmitted: { itemId: string; repeatId: string | null; form: F.JudgmentForm } | null =
    null;

  const labellerId = () => {
    const l = get().labeller;
    if (!l) throw new Error('no labeller');
    return l.id;
  };
  const projectId = () => get().project?.projectId ?? 'unknown';

  // ---- showing items -----------------------------------------------------------------

  function show(view: ItemView | null, draft: Draft | null, formOverride?: F.JudgmentForm) {
    clearTimers();
    if (!view) {
      set({ current: null, upcoming: null, queueEmpty: true, form: F.emptyForm(), saving: false });
      return;
    }
    const form = openingForm(
      view,
      formOverride ?? (draft && formFromDraft(draft, view.displayedOrder)) ?? null,
    );
    clock = startClock(performance.now(), draft?.timeMs ?? 0);
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

  /** The form an item opens with: one given (a draft, an undone answer), the judgment kept, or blank. */
  function openingForm(view: ItemView, given: F.JudgmentForm | null): F.JudgmentForm {
    const mode = get().task?.mode ?? 'pairwise';
    const kept = view.current;
    const form: F.JudgmentForm = {
      ...(given ??
        (kept && (kept.kind === mode || kept.kind === 'skip')
          ? F.formFromCurrent(kept)
          : F.emptyForm())),
    };
    const task = get().task;
    const labeller = get().labeller;
    if (task && labeller) {
      const ctx = { task, count: view.responses.length, pair: pairOf(view, task, labeller.id) };
      form.cursor = F.firstOpenCursor(form, ctx);
    }
    return form;
  }

  async function fetchItem(
    itemId: string,
    repeatId: string | null = null,
  ): Promise<{ view: ItemView; draft: Draft | null }> {
    const id = labellerId();
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
      const { history, historyPos } = get();
      const id = labellerId();
      let next: { view: ItemView; draft: Draft | null } | null;
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

  /** After a judgment: the next item in history when revisiting, else the queue's next. */
  async function advance(from: ItemView) {
    const { history, historyPos } = get();
    // Fetched while the labeller read `from`; never `from` itself (a backend may offer it
    // again until its judgment is in).
    const ready =
      prefetched?.after === from.id && prefetched.view.id !== from.id ? prefetched : null;
    if (historyPos < history.length - 1) {
      const target = history[historyPos + 1]!;
      const got = ready?.view.id === target ? ready : await fetchItem(target);
      set({ historyPos: historyPos + 1 });
      show(got.view, got.draft);
      return;
    }
    let got = ready;
    if (!got) {
      const v = await client.call('items.next', { labellerId: labellerId() });
      const d = v
        ? await client.call('drafts.get', { labellerId: labellerId(), itemId: v.id })
        : null;
      got = v ? { after: from.id, view: v, draft: d?.draft ?? null } : null;
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

  // ---- editing the form ----------------------------------------------------------------

  /** Apply an edit; `complete` edits (a choice, a rank, a value) may submit the judgment. */
  function applyEdit(
    change: (f: F.JudgmentForm, ctx: F.FormContext) => F.JudgmentForm,
    complete = false,
  ): Promise<void> | undefined {
    const s = get();
    const ctx = formContext(s);
    if (!ctx || s.saving || s.unsaved) return;
    const form = change(s.form, ctx);
    if (form === s.form) return;
    // Done but for a rationale the rules ask for: the box will take focus and say so.
    const wantsRationale =
      F.rationaleRequired(form, ctx.task) &&
      !form.rationale.trim() &&
      F.toVerdict({ ...form, rationale: '·' }, ctx).verdict !== null;
    const verdict = complete && s.prefs.autoSubmit ? F.toVerdict(form, ctx).verdict : null;
    if (verdict) {
      // This edit completes the judgment: it is sent at once, and the next item is what the
      // labeller sees next. Drawing the finished form first would put a frame of layout and
      // paint in front of handling the save's reply; a failed save shows the form as made.
      return commit(verdict, form);
    }
    set({ form, formProblem: null, wantsRationale });
    scheduleDraft();
  }

  /** An edit from a key or a button: whatever it submits goes on by itself. */
  function edit(
    change: (f: F.JudgmentForm, ctx: F.FormContext) => F.JudgmentForm,
    complete = false,
  ): void {
    void applyEdit(change, complete);
  }

  function scheduleDraft() {
    set({ draftStatus: 'unsaved' });
    if (draftTimer) clearTimeout(draftTimer);
    draftTimer = setTimeout(() => void get().flushDraft(), DRAFT_DELAY_MS);
  }

  function clearTimers() {
    if (draftTimer) clearTimeout(draftTimer);
    if (retryTimer) clearTimeout(retryTimer);
    draftTimer = retryTimer = null;
    retry = null;
  }

  // ---- saving --------------------------------------------------------------------------

  async function commit(verdict: DisplayedVerdict, form: F.JudgmentForm = get().form) {
    const s = get();
    const current = s.current;
    if (!current || s.saving || s.unsaved) return;
    const submission: SubmitJudgment = {
      labellerId: labellerId(),
      itemId: current.id,
      displayedOrder: current.displayedOrder,
      verdict,
      rationale: form.rationale.trim() || null,
      flags: form.flags,
      timeMs: Math.min(86_400_000, readClock(clock, performance.now())),
      // A swapped repeat is answered beside the first judgment, not as a revision of it.
      repeatId: current.repeatId ?? null,
    };
    if (draftTimer) clearTimeout(draftTimer);
    // Kept locally until acknowledged: a crash between here and the reply loses nothing.
    outboxPut(projectId(), submission);
    await send(submission, form, 1);
  }

  /** Send a judgment; on success move on, on failure keep it (as made) and retry. */
  async function send(submission: SubmitJudgment, form: F.JudgmentForm, attempt: number) {
    const current = get().current;
    if (!current || current.id !== submission.itemId) return;
    set({ saving: true, saveError: null, formProblem: null });
    let result;
    try {
      // Committed to disk before we move on: the UI never shows an item as done that is not.
      result = await client.call('judgments.submit', submission);
    } catch (e) {
      failed(e, submission, form, attempt);
      return;
    }
    outboxRemove(projectId(), submission.labellerId, submission.itemId);
    lastSubmitted = { itemId: current.id, repeatId: submission.repeatId ?? null, form };
    const v = submission.verdict;
    const task = get().task;
    set({
      progress: result.progress,
      unsaved: null,
      lastSaved: { itemId: current.id, choice: v.kind === 'pairwise' ? v.choice : null },
      savedNote: task
        ? {
            itemId: current.id,
            text: F.describeVerdict(v, task),
            skip: v.kind === 'skip',
            seq: (get().savedNote?.seq ?? 0) + 1,
          }
        : null,
    });
    try {
      await advance(current);
    } catch (e) {
      set({
        form,
        saving: false,
        notice: `Saved, but the next item did not load: ${(e as Error).message}`,
      });
    }
    scheduleSummary();
  }

  /**
   * A save that failed: if retrying can help (disk full, no permission, the file locked, no
   * answer), the judgment is kept exactly as made, the labeller stays on the item, and it is
   * sent again after 1 s, 2 s, 4 s… (or at once on "retry now"). If not (refused as invalid,
   * a read-only project), it says why and the labeller can change the judgment.
   */
  function failed(e: unknown, submission: SubmitJudgment, form: F.JudgmentForm, attempt: number) {
    const { retryable, message } = describeSaveFailure(e);
    // The judgment as made stays on screen (it may have been sent before it was drawn).
    if (get().current?.id === submission.itemId) set({ form });
    if (!retryable) {
      outboxRemove(projectId(), submission.labellerId, submission.itemId);
      set({ saving: false, unsaved: null, saveError: message });
      return;
    }
    const delay = retryDelayMs(attempt);
    retry = () => {
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      retry = null;
      void send(submission, form, attempt + 1);
    };
    retryTimer = setTimeout(retry, delay);
    set({
      saving: false,
      saveError: null,
      unsaved: {
        itemId: submission.itemId,
        attempt,
        message: `Not saved yet. ${message} Your judgment is kept and will be saved as soon as possible.`,
        retryAt: Date.now() + delay,
      },
    });
  }

  /** Judgments a previous run could not save: send them now (or keep them as drafts). */
  async function flushOutbox() {
    for (const s of outboxEntries(projectId(), labellerId())) {
      try {
        await client.call('judgments.submit', s);
        outboxRemove(projectId(), s.labellerId, s.itemId);
      } catch (e) {
        const { retryable, message } = describeSaveFailure(e);
        if (!retryable) {
          outboxRemove(projectId(), s.labellerId, s.itemId);
          set({
            notice: `A judgment on ${s.itemId} from last time could not be saved: ${message}`,
          });
        }
      }
    }
  }

  function scheduleSummary() {
    if (summaryTimer) clearTimeout(summaryTimer);
    summaryTimer = setTimeout(() => {
      client
        .call('session.summary', { labellerId: labellerId(), since: get().sessionStart })
        .then((summary) => set({ summary }))
        .catch(() => undefined);
    }, 300);
  }

  const modeIs = (mode: 'pairwise' | 'ranking' | 'rating') => get().task?.mode === mode;

  return {
    current: null,
    upcoming: null,
    queueEmpty: false,
    progress: null,
    form: F.emptyForm(),
    formProblem: null,
    wantsRationale: false,
    draftStatus: 'none',
    saving: false,
    saveError: null,
    unsaved: null,
    lastSaved: null,
    savedNote: null,
    notice: null,
    history: [],
    historyPos: -1,
    sessionStart: Date.now(),
    summary: null,

    async loadFirstItem() {
      const id = labellerId();
      // Judgments a previous run could not save go first, so the queue reflects them.
      if (outboxEntries(projectId(), id).length) await flushOutbox();
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
      scheduleSummary();
    },

    async choose(choice) {
      if (get().task?.mode !== 'pairwise') return;
      if (get().form.cursor !== 0) get().setCursor(0);
      await (choice === 'both_bad'
        ? applyEdit(F.chooseBothBad, true)
        : applyEdit((f, c) => F.chooseOnRow(f, c, choice), true));
    },

    pick(n) {
      if (modeIs('pairwise')) {
        if (n === 1 || n === 2) get().chooseSide(n === 1 ? 'A' : 'B');
      } else if (modeIs('ranking')) get().rankPlace(n - 1);
      else edit((f, c) => F.rate(f, c, n), true);
    },
    chooseSide(side) {
      if (modeIs('ranking') && side === 'tie') return get().toggleTieNext();
      if (!modeIs('pairwise')) return;
      edit((f, c) => F.chooseOnRow(f, c, side), true);
    },
    chooseBothBad: () => modeIs('pairwise') && edit(F.chooseBothBad, true),
    setStrength: (level) => modeIs('pairwise') && edit((f, c) => F.setStrength(f, c, level), true),
    moveCursor: (delta) => edit((f, c) => F.moveCursor(f, c, delta)),
    setCursor: (index) => edit((f, c) => F.moveCursor({ ...f, cursor: 0 }, c, index)),
    clearLast() {
      if (modeIs('ranking'))
        return edit((f) => ({ ...f, ranking: R.unplaceLast(f.ranking), tieNext: false }));
      if (modeIs('pairwise'))
        return edit((f, c) => {
          const row = F.pairwiseRows(c.task)[f.cursor];
          if (f.cursor === 0 || !row)
            return { ...f, pairwise: { ...f.pairwise, choice: null, strength: null } };
          const { [row]: _gone, ...criteria } = f.pairwise.criteria;
          return { ...f, pairwise: { ...f.pairwise, criteria } };
        });
      edit((f, c) => {
        const cell = F.ratingCells(c)[f.cursor];
        if (!cell) return f;
        return {
          ...f,
          rating: f.rating.map((e) => {
            if (e.position !== cell.position) return e;
            if (cell.aspect === null) return { ...e, thumb: null };
            const { [cell.aspect]: _gone, ...aspects } = e.aspects;
            return { ...e, aspects };
          }),
        };
      });
    },
    toggleNoneAcceptable: () =>
      modeIs('ranking') &&
      edit((f, c) =>
        c.task.ranking.allowNoneAcceptable
          ? { ...f, ranking: R.setNoneAcceptable(f.ranking, !f.ranking.noneAcceptable) }
          : f,
      ),
    toggleTieNext: () =>
      modeIs('ranking') &&
      edit((f, c) =>
        c.task.ranking.allowTies && f.ranking.order.length ? { ...f, tieNext: !f.tieNext } : f,
      ),
    thumb: (dir, position) =>
      modeIs('rating') && edit((f, c) => F.thumb(f, c, dir, position), true),
    nudge: (delta) => modeIs('rating') && edit((f, c) => F.nudge(f, c, delta)),
    rateCell: (cell, value) => edit((f, c) => F.rate(f, c, value, cell), true),
    rankPlace: (position) => edit((f, c) => F.rankNext(f, c, position), true),
    rankMove: (from, to) => edit((f) => ({ ...f, ranking: R.move(f.ranking, from, to) })),
    rankInsert: (position, index) =>
      edit((f, c) => {
        const placed = F.rankNext({ ...f, tieNext: false }, c, position);
        return {
          ...placed,
          ranking: R.move(placed.ranking, placed.ranking.order.length - 1, index),
        };
      }),
    rankToggleTie: (index) =>
      edit((f, c) =>
        c.task.ranking.allowTies ? { ...f, ranking: R.toggleTie(f.ranking, index) } : f,
      ),
    rankRemove: (index) => edit((f) => ({ ...f, ranking: R.remove(f.ranking, index) })),
    toggleFlag: (flag) => edit((f, c) => F.toggleFlag(f, c, flag)),
    setRationale: (text) => edit((f) => ({ ...f, rationale: text })),

    async submit() {
      const s = get();
      const ctx = formContext(s);
      if (!ctx || s.saving || s.unsaved) return;
      // Nothing of the verdict given (an Enter just after a choice key moved on, say): the key
      // had nothing to act on, and saying "not yet" would only be noise.
      if (!F.verdictStarted(s.form, ctx.task.mode)) return;
      const out = F.toVerdict(s.form, ctx);
      if (!out.verdict) {
        set({
          formProblem: out.problem,
          wantsRationale: F.rationaleRequired(s.form, ctx.task) && !s.form.rationale.trim(),
        });
        return;
      }
      await commit(out.verdict);
    },

    async skip() {
      const s = get();
      if (!s.current || s.saving || s.unsaved) return;
      const reason = s.form.rationale.trim().slice(0, 500) || null;
      await commit({ kind: 'skip', reason });
    },

    async undo() {
      if (get().saving || get().unsaved) return;
      await get().flushDraft();
      set({ saving: true, saveError: null });
      try {
        const undone = await client.call('judgments.undo', { labellerId: labellerId() });
        if (!undone) {
          set({ saving: false, notice: 'Nothing to undo' });
          return;
        }
        // An undone repeat answer brings the repeat back (responses the other way round),
        // not the first judgment of its item.
        const repeatId = undone.repeatId ?? null;
        const got = await fetchItem(undone.itemId, repeatId);
        const again =
          lastSubmitted?.itemId === undone.itemId && lastSubmitted.repeatId === repeatId
            ? lastSubmitted.form
            : undefined;
        lastSubmitted = null;
        set({ progress: undone.progress, notice: null, savedNote: null });
        pushHistory(undone.itemId);
        show(got.view, got.draft, again);
        scheduleSummary();
      } catch (e) {
        set({
          saving: false,
          saveError: `Undo failed: ${(e as Error).message}`,
        });
      }
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

    retryUnsavedNow: () => retry?.(),

    noteActivity() {
      clock = activity(clock, performance.now());
    },
    pauseClock() {
      clock = pause(clock, performance.now());
    },

    async flushDraft() {
      if (draftTimer) clearTimeout(draftTimer);
      draftTimer = null;
      const { current, form, draftStatus } = get();
      if (!current || draftStatus !== 'unsaved') return;
      const itemId = current.id;
      try {
        if (F.isBlank(form))
          await client.call('drafts.discard', { labellerId: labellerId(), itemId });
        else
          await client.call('drafts.save', {
            labellerId: labellerId(),
            itemId,
            draft: draftFromForm(form, current.displayedOrder, readClock(clock, performance.now())),
          });
        if (get().current?.id === itemId && get().form === form)
          set({ draftStatus: F.isBlank(form) ? 'none' : 'saved' });
      } catch {
        if (get().current?.id === itemId) set({ draftStatus: 'failed' });
      }
    },

    dismissNotice: () => set({ notice: null }),

    taskChanged(before) {
      const { task, current, saving, unsaved } = get();
      if (!task) return;
      set({ formProblem: null, wantsRationale: false });
      // A judgment on its way is sent as it was made; the next item opens under the new task.
      if (task.mode === before.mode || !current || saving || unsaved) return;
      set({ form: openingForm(current, null) });
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
