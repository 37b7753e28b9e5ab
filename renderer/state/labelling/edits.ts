import type { ItemView } from '../../../shared/api/contract';
import type { PairwiseChoice } from '../../../shared/domain/judgment';
import { samplePair } from '../../../shared/domain/pair-sampling';
import type { TaskSettings } from '../../../shared/domain/task';
import * as F from '../../model/judgment-form/judgment-form';
import * as R from '../../model/judgment-form/ranking-moves';
import type { AppState } from '../store';
import type { EditSteps, Room } from './context';

/** The half-made judgment on the item on screen, and every way to change it. */
export interface EditsSlice {
  /** The half-made judgment on `current`. */
  form: F.JudgmentForm;
  /** Why the last submit was refused, in words; cleared on the next edit. */
  formProblem: string | null;
  /** The form is complete but for a rationale the rules require: the box asks for it. */
  wantsRationale: boolean;

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

export const editsRoom: Room<EditsSlice, EditSteps> = (ctx) => {
  const { set, get } = ctx;

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
      const c = { task, count: view.responses.length, pair: pairOf(view, task, labeller.id) };
      form.cursor = F.firstOpenCursor(form, c);
    }
    return form;
  }

  /** Apply an edit; `complete` edits (a choice, a rank, a value) may submit the judgment. */
  function applyEdit(
    change: (f: F.JudgmentForm, c: F.FormContext) => F.JudgmentForm,
    complete = false,
  ): Promise<void> | undefined {
    const s = get();
    const c = formContext(s);
    if (!c || s.saving || s.unsaved) return;
    const form = change(s.form, c);
    if (form === s.form) return;
    // Done but for a rationale the rules ask for: the box will take focus and say so.
    const wantsRationale =
      F.rationaleRequired(form, c.task) &&
      !form.rationale.trim() &&
      F.toVerdict({ ...form, rationale: '·' }, c).verdict !== null;
    const verdict = complete && s.prefs.autoSubmit ? F.toVerdict(form, c).verdict : null;
    if (verdict) {
      // This edit completes the judgment: it is sent at once, and the next item is what the
      // labeller sees next. Drawing the finished form first would put a frame of layout and
      // paint in front of handling the save's reply; a failed save shows the form as made.
      return ctx.rooms.saving.commit(verdict, form);
    }
    set({ form, formProblem: null, wantsRationale });
    ctx.rooms.drafts.schedule();
  }

  /** An edit from a key or a button: whatever it submits goes on by itself. */
  function edit(
    change: (f: F.JudgmentForm, c: F.FormContext) => F.JudgmentForm,
    complete = false,
  ): void {
    void applyEdit(change, complete);
  }

  const modeIs = (mode: 'pairwise' | 'ranking' | 'rating') => get().task?.mode === mode;

  return {
    steps: { openingForm },
    state: {
      form: F.emptyForm(),
      formProblem: null,
      wantsRationale: false,

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
      setStrength: (level) =>
        modeIs('pairwise') && edit((f, c) => F.setStrength(f, c, level), true),
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

      taskChanged(before) {
        const { task, current, saving, unsaved } = get();
        if (!task) return;
        set({ formProblem: null, wantsRationale: false });
        // A judgment on its way is sent as it was made; the next item opens under the new task.
        if (task.mode === before.mode || !current || saving || unsaved) return;
        set({ form: openingForm(current, null) });
      },
    },
  };
};
