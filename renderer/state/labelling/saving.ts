import type {
  ItemView,
  Progress,
  SessionSummary,
  SubmitJudgment,
} from '../../../shared/api/contract';
import type { DisplayedVerdict, PairwiseChoice } from '../../../shared/domain/judgment';
import { readClock } from '../../model/active-time';
import * as F from '../../model/judgment-form/judgment-form';
import type { ItemSuggestion } from '../judges-slice';
import type { Room, SavingSteps } from './context';
import { formContext } from './edits';
import { outboxEntries, outboxPut, outboxRemove } from './outbox';
import { describeSaveFailure, retryDelayMs, type UnsavedJudgment } from './save-retry';

/**
 * Submitting judgments: each kept on this machine (the outbox) until the backend confirms it,
 * retried while retrying can help, undone on request; and this session's figures.
 */
export interface SavingSlice {
  /** The judgment of the item on screen is being saved (it stays until saved). */
  saving: boolean;
  /**
   * The item left behind whose judgment is still on its way to disk (the next item was shown
   * at once because it was fetched already), or null. It is in the outbox meanwhile.
   */
  savingBehind: string | null;
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
  sessionStart: number;
  summary: SessionSummary | null;

  submit: () => Promise<void>;
  skip: () => Promise<void>;
  undo: () => Promise<void>;
  retryUnsavedNow: () => void;
}

export const savingRoom: Room<SavingSlice, SavingSteps> = (ctx) => {
  const { set, get, client } = ctx;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let retry: (() => void) | null = null;
  let summaryTimer: ReturnType<typeof setTimeout> | null = null;
  /** What was last submitted, so an undo brings the answer back to adjust. */
  let lastSubmitted: { itemId: string; repeatId: string | null; form: F.JudgmentForm } | null =
    null;

  function cancelRetry() {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    retry = null;
  }

  /** A save left behind the labeller (see `savingBehind`): what comes next waits for it. */
  let behind: Promise<void> | null = null;
  const settled = () => behind ?? Promise.resolve();

  async function commit(verdict: DisplayedVerdict, form: F.JudgmentForm = get().form) {
    const at = get().current?.id;
    // A judgment made while the one before is still on its way goes after it, and only if
    // that one was saved (else the labeller is back on it, this one kept as a draft).
    if (behind) await behind;
    const s = get();
    const current = s.current;
    if (!current || current.id !== at || s.saving || s.unsaved) return;
    const submission: SubmitJudgment = {
      labellerId: ctx.labellerId(),
      itemId: current.id,
      displayedOrder: current.displayedOrder,
      verdict,
      rationale: form.rationale.trim() || null,
      flags: form.flags,
      timeMs: Math.min(86_400_000, readClock(ctx.clock, performance.now())),
      // A swapped repeat is answered beside the first judgment, not as a revision of it.
      repeatId: current.repeatId ?? null,
      suggestion: suggestionOnScreen(s.itemSuggestion, current.id),
    };
    ctx.rooms.drafts.cancel();
    // Kept locally until acknowledged: a crash between here and the reply loses nothing.
    outboxPut(ctx.projectId(), submission);
    if (ctx.rooms.navigation.canAdvanceAtOnce(current)) {
      // The next item is fetched and formatted: show it in this frame and let the save (a
      // round trip that would otherwise sit between the key and the paint) finish behind it.
      const saving = saveBehind(submission, form, current);
      behind = saving;
      set({ savingBehind: current.id });
      await ctx.rooms.navigation.advance(current);
      await saving;
      return;
    }
    await send(submission, form, 1);
  }

  /**
   * The save of an item the labeller has left. Saved: confirmed in the item bar. Not saved:
   * the labeller is taken back to it with the judgment as made (whatever they began on the
   * next item kept as its draft), and from there it goes as any failed save does.
   */
  async function saveBehind(submission: SubmitJudgment, form: F.JudgmentForm, from: ItemView) {
    try {
      const result = await client.call('judgments.submit', submission);
      saved(submission, form, result);
      scheduleSummary();
    } catch (e) {
      await get()
        .flushDraft()
        .catch(() => undefined);
      ctx.rooms.navigation.returnTo(from, form);
      failed(e, submission, form, 1);
    } finally {
      behind = null;
      set({ savingBehind: null });
    }
  }

  /** A judgment the backend confirmed: out of the outbox, and said in the item bar. */
  function saved(submission: SubmitJudgment, form: F.JudgmentForm, result: { progress: Progress }) {
    outboxRemove(ctx.projectId(), submission.labellerId, submission.itemId);
    lastSubmitted = { itemId: submission.itemId, repeatId: submission.repeatId ?? null, form };
    const v = submission.verdict;
    const task = get().task;
    set({
      progress: result.progress,
      unsaved: null,
      lastSaved: { itemId: submission.itemId, choice: v.kind === 'pairwise' ? v.choice : null },
      savedNote: task
        ? {
            itemId: submission.itemId,
            text: F.describeVerdict(v, task),
            skip: v.kind === 'skip',
            seq: (get().savedNote?.seq ?? 0) + 1,
          }
        : null,
    });
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
    saved(submission, form, result);
    try {
      await ctx.rooms.navigation.advance(current);
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
      outboxRemove(ctx.projectId(), submission.labellerId, submission.itemId);
      set({ saving: false, unsaved: null, saveError: message });
      return;
    }
    const delay = retryDelayMs(attempt);
    retry = () => {
      cancelRetry();
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
    for (const s of outboxEntries(ctx.projectId(), ctx.labellerId())) {
      try {
        await client.call('judgments.submit', s);
        outboxRemove(ctx.projectId(), s.labellerId, s.itemId);
      } catch (e) {
        const { retryable, message } = describeSaveFailure(e);
        if (!retryable) {
          outboxRemove(ctx.projectId(), s.labellerId, s.itemId);
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
        .call('session.summary', { labellerId: ctx.labellerId(), since: get().sessionStart })
        .then((summary) => set({ summary }))
        .catch(() => undefined);
    }, 300);
  }

  return {
    steps: { commit, flushOutbox, scheduleSummary, cancelRetry, settled },
    state: {
      saving: false,
      savingBehind: null,
      saveError: null,
      unsaved: null,
      lastSaved: null,
      savedNote: null,
      sessionStart: Date.now(),
      summary: null,

      async submit() {
        const s = get();
        const c = formContext(s);
        if (!c || s.saving || s.unsaved) return;
        // Nothing of the verdict given (an Enter just after a choice key moved on, say): the
        // key had nothing to act on, and saying "not yet" would only be noise.
        if (!F.verdictStarted(s.form, c.task.mode)) return;
        const out = F.toVerdict(s.form, c);
        if (!out.verdict) {
          set({
            formProblem: out.problem,
            wantsRationale: F.rationaleRequired(s.form, c.task) && !s.form.rationale.trim(),
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
        // The judgment to take back may still be on its way.
        await settled();
        if (get().saving || get().unsaved) return;
        await get().flushDraft();
        set({ saving: true, saveError: null });
        try {
          const undone = await client.call('judgments.undo', { labellerId: ctx.labellerId() });
          if (!undone) {
            set({ saving: false, notice: 'Nothing to undo' });
            return;
          }
          // An undone repeat answer brings the repeat back (responses the other way round),
          // not the first judgment of its item.
          const repeatId = undone.repeatId ?? null;
          const got = await ctx.rooms.navigation.fetchItem(undone.itemId, repeatId);
          const again =
            lastSubmitted?.itemId === undone.itemId && lastSubmitted.repeatId === repeatId
              ? lastSubmitted.form
              : undefined;
          lastSubmitted = null;
          set({ progress: undone.progress, notice: null, savedNote: null });
          ctx.rooms.navigation.pushHistory(undone.itemId);
          ctx.rooms.navigation.show(got.view, got.draft, again);
          scheduleSummary();
        } catch (e) {
          set({
            saving: false,
            saveError: `Undo failed: ${(e as Error).message}`,
          });
        }
      },

      retryUnsavedNow: () => retry?.(),
    },
  };
};

/**
 * The judge whose suggestion the labeller could see on this item when they judged it, as
 * judgments.submit records it (the anchoring figures compare verdicts made with and without
 * it); null when none was on screen.
 */
export function suggestionOnScreen(
  shown: ItemSuggestion | null,
  itemId: string,
): { judge: string } | null {
  return shown?.itemId === itemId && shown.suggestion ? { judge: shown.suggestion.judge } : null;
}
