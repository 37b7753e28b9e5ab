import type { Draft } from '../../../shared/api/contract';
import { emptyForm, isBlank, type JudgmentForm } from './judgment-form';

/** A form as a draft to keep on disk (only the parts that hold something). */
export function draftFromForm(
  form: JudgmentForm,
  displayedOrder: readonly number[],
  timeMs: number,
): Draft {
  const p = form.pairwise;
  const pairwiseSet =
    p.choice !== null || p.strength !== null || Object.keys(p.criteria).length > 0;
  const r = form.ranking;
  return {
    displayedOrder: [...displayedOrder],
    pairwise: pairwiseSet
      ? { choice: p.choice, strength: p.strength, criteria: { ...p.criteria } }
      : null,
    ranking:
      r.order.length || r.noneAcceptable
        ? { ...r, order: [...r.order], tiedWithPrev: [...r.tiedWithPrev] }
        : null,
    rating: form.rating.length
      ? form.rating.map((e) => ({ ...e, aspects: { ...e.aspects } }))
      : null,
    rationale: form.rationale,
    flags: [...form.flags],
    timeMs: Math.max(0, Math.round(timeMs)),
  };
}

/** A kept draft back as a form, if it was made on the order this labeller still sees. */
export function formFromDraft(
  draft: Draft,
  displayedOrder: readonly number[],
): JudgmentForm | null {
  if (draft.displayedOrder.join(',') !== displayedOrder.join(',')) return null;
  const form = emptyForm();
  const n = displayedOrder.length;
  const ok = (pos: number) => Number.isInteger(pos) && pos >= 0 && pos < n;
  if (draft.pairwise)
    form.pairwise = { ...draft.pairwise, criteria: { ...draft.pairwise.criteria } };
  if (
    draft.ranking &&
    draft.ranking.order.every(ok) &&
    draft.ranking.order.length === draft.ranking.tiedWithPrev.length
  )
    form.ranking = draft.ranking;
  if (draft.rating) form.rating = draft.rating.filter((e) => ok(e.position));
  form.rationale = draft.rationale;
  form.flags = draft.flags;
  return isBlank(form) ? null : form;
}
