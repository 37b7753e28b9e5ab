import type { Suggestion } from '../../shared/api/methods/judges';
import { ApiError } from '../../shared/api/errors';
import type { ShownSuggestion, SuggestionMode } from '../../shared/judges/judge';
import type { Db } from '../open';
import { stmt } from '../statements';
import { findJudge, verdictsOn } from './store';
import { getSuggestionSettings } from './templates';

/**
 * A judge's verdict on an item as a suggestion: its verdict on the item's first pair (responses
 * 0 and 1, what a judge run asks about; else the first pair it judged), when it said the same in
 * every order it was asked. A pair it flipped on, or never answered, has no suggestion.
 */
export function judgeSuggestion(db: Db, judgeName: string, itemSeq: number): Suggestion | null {
  const judge = findJudge(db, judgeName);
  if (!judge) return null;
  const all = verdictsOn(db, judge.id, itemSeq).filter((v) => v.outcome !== 'none');
  if (!all.length) return null;
  const pair = all.find((v) => v.lo === 0 && v.hi === 1) ?? all[0]!;
  const onPair = all.filter((v) => v.lo === pair.lo && v.hi === pair.hi);
  if (onPair.some((v) => v.outcome !== pair.outcome || v.winner !== pair.winner)) return null;
  const chosen = pair.outcome === 'preferred' ? pair.winner! : pair.lo;
  return {
    judge: judgeName,
    outcome: pair.outcome as Suggestion['outcome'],
    chosen,
    rejected: chosen === pair.lo ? pair.hi : pair.lo,
    rationale: onPair.find((v) => v.rationale !== null)?.rationale ?? null,
  };
}

function itemSeq(db: Db, itemId: string): number {
  const seq = stmt<[string], number>(db, 'SELECT seq FROM items WHERE id = ?').pluck().get(itemId);
  if (seq === undefined)
    throw new ApiError('NOT_FOUND', `no item with id ${JSON.stringify(itemId)}`);
  return seq;
}

/** Has the labeller a current verdict (not a skip or an undo) on the item? */
function hasJudged(db: Db, labellerId: string, itemId: string): boolean {
  return (
    stmt<[string, string], number>(
      db,
      `SELECT 1 FROM judgment_heads WHERE labeller_id = ? AND item_id = ?
          AND kind IN ('pairwise', 'ranking', 'rating')`,
    )
      .pluck()
      .get(labellerId, itemId) !== undefined
  );
}

/**
 * What the labelling screen may show for an item now, under the project's setting: nothing
 * (off), the judge's verdict with the item (before), or once the labeller has judged it
 * (after).
 */
export function suggestionFor(
  db: Db,
  labellerId: string,
  itemId: string,
): {
  mode: SuggestionMode;
  suggestion: Suggestion | null;
  reason: 'off' | 'not-judged-yet' | 'no-verdict' | null;
} {
  const s = getSuggestionSettings(db);
  const seq = itemSeq(db, itemId);
  if (s.mode === 'off' || s.judge === null) return { mode: 'off', suggestion: null, reason: 'off' };
  if (s.mode === 'after' && !hasJudged(db, labellerId, itemId))
    return { mode: s.mode, suggestion: null, reason: 'not-judged-yet' };
  const suggestion = judgeSuggestion(db, s.judge, seq);
  return { mode: s.mode, suggestion, reason: suggestion ? null : 'no-verdict' };
}

/**
 * The suggestion a judgment was made with, as stored beside it: the labelling screen says which
 * judge's suggestion was on screen, the backend records what that judge says and when it is
 * shown. A claim the project cannot have shown (suggestions off, another judge, no verdict) is
 * refused: it would falsify the anchoring figures.
 */
export function shownSuggestion(db: Db, itemId: string, judge: string): ShownSuggestion {
  const s = getSuggestionSettings(db);
  if (s.mode === 'off' || s.judge === null)
    throw new ApiError('INVALID_INPUT', 'suggestions are off in this project: none was shown');
  if (s.judge !== judge)
    throw new ApiError(
      'INVALID_INPUT',
      `this project shows ${JSON.stringify(s.judge)}'s suggestions, not ${JSON.stringify(judge)}'s`,
    );
  const suggestion = judgeSuggestion(db, judge, itemSeq(db, itemId));
  if (!suggestion)
    throw new ApiError(
      'INVALID_INPUT',
      `judge ${JSON.stringify(judge)} has no suggestion for item ${JSON.stringify(itemId)}`,
    );
  return {
    judge,
    shown: s.mode,
    outcome: suggestion.outcome,
    chosen: suggestion.chosen,
    rejected: suggestion.rejected,
  };
}
