import type { CurrentJudgment } from '../../../shared/api/contract';
import type {
  DisplayedVerdict,
  DisplayedVerdictInput,
  PairwiseChoice,
} from '../../../shared/domain/judgment';
import { DEFAULT_STRENGTH_LABELS, type TaskSettings } from '../../../shared/domain/task';
import { verdictProblem } from '../../../shared/domain/task-rules';
import { emptyRanking, fromTiers, place, toTiers, type RankingState } from './ranking-moves';

/**
 * The half-made judgment on the item in front of the labeller, in display positions, with a
 * keyboard cursor. Pure functions from form to form: the store holds one, keys and buttons
 * call these, and the same form is what a draft saves and a submit turns into a verdict.
 */
export type Side = 'A' | 'B' | 'tie';

export interface PairwiseState {
  choice: PairwiseChoice | null;
  strength: number | null;
  criteria: Record<string, Side>;
}

export interface RatingEntry {
  position: number;
  aspects: Record<string, number>;
  thumb: 'up' | 'down' | null;
}

export interface JudgmentForm {
  pairwise: PairwiseState;
  ranking: RankingState;
  rating: RatingEntry[];
  rationale: string;
  flags: string[];
  /** Pairwise: the row keys act on (0 = overall, then criteria). Rating: the cell index. */
  cursor: number;
  /** Ranking: the next response placed shares the last one's place. */
  tieNext: boolean;
}

/** What the form needs to know about the task and the item on screen. */
export interface FormContext {
  task: TaskSettings;
  /** Responses displayed. */
  count: number;
  /** Pairwise: the two display positions compared (A, B). */
  pair: [number, number];
}

export const emptyForm = (): JudgmentForm => ({
  pairwise: { choice: null, strength: null, criteria: {} },
  ranking: emptyRanking(),
  rating: [],
  rationale: '',
  flags: [],
  cursor: 0,
  tieNext: false,
});

/** A judgment already made, back in the form so it can be revised. */
export function formFromCurrent(current: CurrentJudgment): JudgmentForm {
  const form = { ...emptyForm(), rationale: current.rationale ?? '', flags: [...current.flags] };
  const v = current.verdict;
  switch (v.kind) {
    case 'pairwise':
      return {
        ...form,
        pairwise: { choice: v.choice, strength: v.strength, criteria: { ...v.criteria } },
      };
    case 'ranking':
      return { ...form, ranking: fromTiers(v.tiers, v.noneAcceptable) };
    case 'rating':
      return { ...form, rating: v.ratings.map((r) => ({ ...r, aspects: { ...r.aspects } })) };
    case 'skip':
      return { ...form, rationale: v.reason ?? form.rationale };
  }
}

export function isBlank(form: JudgmentForm): boolean {
  const p = form.pairwise;
  return (
    p.choice === null &&
    p.strength === null &&
    Object.keys(p.criteria).length === 0 &&
    form.ranking.order.length === 0 &&
    !form.ranking.noneAcceptable &&
    form.rating.length === 0 &&
    form.rationale === '' &&
    form.flags.length === 0
  );
}

/**
 * Whether any part of the verdict itself has been given (flags and a rationale are not a
 * verdict): a submit with nothing of the verdict has nothing to act on.
 */
export function verdictStarted(form: JudgmentForm, mode: TaskSettings['mode']): boolean {
  switch (mode) {
    case 'pairwise': {
      const p = form.pairwise;
      return p.choice !== null || p.strength !== null || Object.keys(p.criteria).length > 0;
    }
    case 'ranking':
      return form.ranking.order.length > 0 || form.ranking.noneAcceptable;
    case 'rating':
      return form.rating.some((e) => e.thumb !== null || Object.keys(e.aspects).length > 0);
  }
}

/**
 * Whether one choice key alone completes a judgment of this task (binary pairwise without
 * criteria, strength or an always-required rationale). Asked of the verdict rules themselves,
 * so it can never disagree with what submitting accepts.
 */
export function completesInOneStep(ctx: FormContext): boolean {
  if (ctx.task.mode !== 'pairwise') return false;
  return toVerdict(chooseOnRow(emptyForm(), ctx, 'A'), ctx).verdict !== null;
}

/**
 * Whether the Submit button and the to-do line have anything to offer. With "submit as soon
 * as complete" on a task that one choice completes, the choice key is the submit: on a form
 * with nothing of the verdict yet, neither has a job. Once any of it is there and not sent (a
 * revisit, an answer brought back by undo, a tie waiting for its rationale, a save that was
 * refused) Submit is how it goes, and the line says what is missing.
 */
export function needsSubmit(form: JudgmentForm, ctx: FormContext, autoSubmit: boolean): boolean {
  return !autoSubmit || !completesInOneStep(ctx) || verdictStarted(form, ctx.task.mode);
}

// ---- pairwise -------------------------------------------------------------------------

export function pairwiseRows(task: TaskSettings): string[] {
  return ['overall', ...task.criteria];
}

/** A, B or tie on the cursor's row; then the cursor moves to the next row still open. */
export function chooseOnRow(form: JudgmentForm, ctx: FormContext, side: Side): JudgmentForm {
  const rows = pairwiseRows(ctx.task);
  const row = Math.min(form.cursor, rows.length - 1);
  let pairwise: PairwiseState;
  if (row === 0) {
    if (side === 'tie' && !ctx.task.pairwise.allowTie) return form;
    pairwise = {
      ...form.pairwise,
      choice: side,
      strength: side === 'tie' ? null : form.pairwise.strength,
    };
  } else {
    pairwise = { ...form.pairwise, criteria: { ...form.pairwise.criteria, [rows[row]!]: side } };
  }
  return { ...form, pairwise, cursor: nextOpenRow(pairwise, ctx.task, row) };
}

export function chooseBothBad(form: JudgmentForm, ctx: FormContext): JudgmentForm {
  if (!ctx.task.pairwise.allowBothBad) return form;
  const pairwise: PairwiseState = { ...form.pairwise, choice: 'both_bad', strength: null };
  return { ...form, pairwise, cursor: nextOpenRow(pairwise, ctx.task, 0) };
}

/**
 * How much better, 1..levels. It may come before the side (the scale's key first, then A or
 * B); a strength makes no sense for a tie, so it clears one.
 */
export function setStrength(form: JudgmentForm, ctx: FormContext, level: number): JudgmentForm {
  if (level < 1 || level > ctx.task.pairwise.strengthLevels) return form;
  const c = form.pairwise.choice;
  const pairwise: PairwiseState = {
    ...form.pairwise,
    strength: level,
    choice: c === 'A' || c === 'B' ? c : null,
  };
  return { ...form, pairwise, cursor: pairwise.choice ? nextOpenRow(pairwise, ctx.task, 0) : 0 };
}

function nextOpenRow(p: PairwiseState, task: TaskSettings, from: number): number {
  const rows = pairwiseRows(task);
  for (let k = 1; k <= rows.length; k++) {
    const i = (from + k) % rows.length;
    if (i === 0 ? p.choice === null : p.criteria[rows[i]!] === undefined) return i;
  }
  return from;
}

// ---- rating ---------------------------------------------------------------------------

export interface RatingCell {
  position: number;
  /** An aspect's name, or null for the thumbs cell. */
  aspect: string | null;
}

export function ratingCells(ctx: FormContext): RatingCell[] {
  const cells: RatingCell[] = [];
  for (let position = 0; position < ctx.count; position++) {
    for (const a of ctx.task.rating.aspects) cells.push({ position, aspect: a.name });
    if (ctx.task.rating.thumbs) cells.push({ position, aspect: null });
  }
  return cells;
}

function entry(form: JudgmentForm, position: number): RatingEntry {
  return form.rating.find((r) => r.position === position) ?? { position, aspects: {}, thumb: null };
}

function withEntry(form: JudgmentForm, e: RatingEntry): RatingEntry[] {
  return [...form.rating.filter((r) => r.position !== e.position), e].sort(
    (a, b) => a.position - b.position,
  );
}

function cellSet(form: JudgmentForm, c: RatingCell): boolean {
  const e = entry(form, c.position);
  return c.aspect === null ? e.thumb !== null : e.aspects[c.aspect] !== undefined;
}

function nextOpenCell(form: JudgmentForm, cells: RatingCell[], from: number): number {
  for (let k = 1; k <= cells.length; k++) {
    const i = (from + k) % cells.length;
    if (!cellSet(form, cells[i]!)) return i;
  }
  return Math.min(from + 1, cells.length - 1);
}

/** Set a value on the cell under the cursor (or a named cell, for clicks). */
export function rate(
  form: JudgmentForm,
  ctx: FormContext,
  value: number,
  at: number = form.cursor,
): JudgmentForm {
  const cells = ratingCells(ctx);
  const cell = cells[at];
  if (!cell || cell.aspect === null) return form;
  const aspect = ctx.task.rating.aspects.find((a) => a.name === cell.aspect)!;
  if (!Number.isInteger(value) || value < aspect.min || value > aspect.max) return form;
  const e = entry(form, cell.position);
  const next = {
    ...form,
    rating: withEntry(form, { ...e, aspects: { ...e.aspects, [aspect.name]: value } }),
  };
  return { ...next, cursor: nextOpenCell(next, cells, at) };
}

/** Thumbs up or down for the response under the cursor (or a given one). */
export function thumb(
  form: JudgmentForm,
  ctx: FormContext,
  dir: 'up' | 'down',
  position?: number,
): JudgmentForm {
  if (!ctx.task.rating.thumbs) return form;
  const cells = ratingCells(ctx);
  const p = position ?? cells[form.cursor]?.position ?? 0;
  const next = { ...form, rating: withEntry(form, { ...entry(form, p), thumb: dir }) };
  const at = cells.findIndex((c) => c.position === p && c.aspect === null);
  return { ...next, cursor: nextOpenCell(next, cells, at) };
}

/** One step up or down the scale on the cursor's cell (the arrow keys). */
export function nudge(form: JudgmentForm, ctx: FormContext, delta: 1 | -1): JudgmentForm {
  const cell = ratingCells(ctx)[form.cursor];
  if (!cell) return form;
  if (cell.aspect === null) return thumb(form, ctx, delta > 0 ? 'up' : 'down', cell.position);
  const aspect = ctx.task.rating.aspects.find((a) => a.name === cell.aspect)!;
  const now = entry(form, cell.position).aspects[aspect.name];
  const value = Math.max(
    aspect.min,
    Math.min(aspect.max, now === undefined ? (delta > 0 ? aspect.min : aspect.max) : now + delta),
  );
  const e = entry(form, cell.position);
  return {
    ...form,
    rating: withEntry(form, { ...e, aspects: { ...e.aspects, [aspect.name]: value } }),
  };
}

// ---- ranking --------------------------------------------------------------------------

export function rankNext(form: JudgmentForm, ctx: FormContext, position: number): JudgmentForm {
  if (position < 0 || position >= ctx.count) return form;
  const tied = form.tieNext && ctx.task.ranking.allowTies;
  return { ...form, ranking: place(form.ranking, position, tied), tieNext: false };
}

// ---- cursor, flags, rationale ---------------------------------------------------------

/** Where the keys should act on a form just opened (a draft, a revisit): the first open question. */
export function firstOpenCursor(form: JudgmentForm, ctx: FormContext): number {
  if (ctx.task.mode === 'rating') {
    const cells = ratingCells(ctx);
    const open = cells.findIndex((c) => !cellSet(form, c));
    return open < 0 ? 0 : open;
  }
  if (ctx.task.mode === 'pairwise' && form.pairwise.choice !== null)
    return nextOpenRow(form.pairwise, ctx.task, 0);
  return 0;
}

export function cursorLimit(ctx: FormContext): number {
  return ctx.task.mode === 'rating' ? ratingCells(ctx).length : pairwiseRows(ctx.task).length;
}

export function moveCursor(form: JudgmentForm, ctx: FormContext, delta: number): JudgmentForm {
  const n = cursorLimit(ctx);
  return { ...form, cursor: Math.max(0, Math.min(n - 1, form.cursor + delta)) };
}

export function toggleFlag(form: JudgmentForm, ctx: FormContext, flag: string): JudgmentForm {
  if (!ctx.task.flags.includes(flag)) return form;
  const flags = form.flags.includes(flag)
    ? form.flags.filter((f) => f !== flag)
    : ctx.task.flags.filter((f) => f === flag || form.flags.includes(f));
  return { ...form, flags };
}

// ---- the verdict ----------------------------------------------------------------------

export type Outcome =
  { verdict: DisplayedVerdict; problem: null } | { verdict: null; problem: string };

/**
 * The verdict this form makes, or what is still missing in words a labeller understands.
 * Stricter than the backend's check: a form is only done when every criterion and every
 * rating cell has an answer, so a slip of the finger cannot submit half a judgment.
 */
export function toVerdict(form: JudgmentForm, ctx: FormContext): Outcome {
  const { task } = ctx;
  let verdict: DisplayedVerdict;
  switch (task.mode) {
    case 'pairwise': {
      const p = form.pairwise;
      if (p.choice === null)
        return missing(p.strength !== null ? 'choose A or B' : 'choose A, B or another outcome');
      const preferred = p.choice === 'A' || p.choice === 'B';
      if (preferred && task.pairwise.strengthLevels > 0 && p.strength === null)
        return missing('choose how much better');
      const open = task.criteria.filter((c) => p.criteria[c] === undefined);
      if (open.length) return missing(`judge ${open.join(', ')}`);
      verdict = {
        kind: 'pairwise',
        choice: p.choice,
        strength: preferred && task.pairwise.strengthLevels > 0 ? p.strength : null,
        criteria: Object.fromEntries(task.criteria.map((c) => [c, p.criteria[c]!])),
        pair: ctx.pair,
      };
      break;
    }
    case 'ranking': {
      const left = ctx.count - form.ranking.order.length;
      if (left > 0) return missing(`rank ${left} more response${left === 1 ? '' : 's'}`);
      verdict = {
        kind: 'ranking',
        tiers: toTiers(form.ranking),
        noneAcceptable: form.ranking.noneAcceptable,
      };
      break;
    }
    case 'rating': {
      const open = ratingCells(ctx).filter((c) => !cellSet(form, c)).length;
      if (open) return missing(`${open} rating${open === 1 ? '' : 's'} to give`);
      verdict = {
        kind: 'rating',
        ratings: Array.from({ length: ctx.count }, (_, p) => {
          const e = entry(form, p);
          return { position: p, aspects: e.aspects, thumb: task.rating.thumbs ? e.thumb : null };
        }),
      };
      break;
    }
  }
  const problem = verdictProblem(task, verdict, {
    rationale: form.rationale,
    flags: form.flags,
  });
  return problem ? missing(problem) : { verdict, problem: null };
}

function missing(problem: string): Outcome {
  return { verdict: null, problem };
}

/** A rationale the rules ask for on this form right now (so the box can say so and take focus). */
export function rationaleRequired(form: JudgmentForm, task: TaskSettings): boolean {
  if (task.rationale === 'required') return true;
  const c = form.pairwise.choice;
  return (
    task.rationale === 'required-for-ties' &&
    task.mode === 'pairwise' &&
    (c === 'tie' || c === 'both_bad')
  );
}

// ---- what was saved -------------------------------------------------------------------

const letterOf = (position: number) => String.fromCharCode(65 + position);

/**
 * A judgment just saved, in a few words for the confirmation beside the item ("B better",
 * "C > A = D > B"): display positions, as the labeller saw them.
 */
export function describeVerdict(verdict: DisplayedVerdictInput, task: TaskSettings): string {
  switch (verdict.kind) {
    case 'pairwise': {
      const c = verdict.choice;
      if (c === 'tie') return 'tie';
      if (c === 'both_bad') return 'both bad';
      const level = verdict.strength ?? null;
      if (level === null) return `${c} better`;
      const label =
        task.pairwise.strengthLabels[level - 1] || DEFAULT_STRENGTH_LABELS[level - 1] || '';
      const how = label.replace(/\s*better$/i, '').trim();
      return how ? `${c} ${how} better` : `${c} better`;
    }
    case 'ranking': {
      const order = verdict.tiers.map((t) => t.map(letterOf).join(' = ')).join(' > ');
      return verdict.noneAcceptable ? `${order}, none acceptable` : order;
    }
    case 'rating': {
      const n = verdict.ratings.length;
      return `ratings for ${n} response${n === 1 ? '' : 's'}`;
    }
    case 'skip':
      return 'skipped';
  }
}
