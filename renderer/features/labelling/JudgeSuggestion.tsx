import { useEffect } from 'react';
import { suggestionVerdict } from '../../model/judge-suggestion';
import { useAppStoreShallow } from '../../state/store';

/**
 * A judge's verdict on the item, when the project shows one (judges.suggestion decides: with
 * the item under `before`, once the labeller has judged it under `after`, never under `off`).
 * Asked for each item shown; the rationale is model output, shown as plain text only.
 */
export function JudgeSuggestion() {
  const s = useAppStoreShallow((st) => ({
    item: st.current,
    shown: st.itemSuggestion,
    load: st.loadItemSuggestion,
  }));
  const { load } = s;
  const itemId = s.item?.id;
  // Asked again after each save too: under `after` a revisit shows what was hidden before.
  const judged = s.item?.current ?? null;
  useEffect(() => {
    if (itemId) void load(itemId);
  }, [itemId, judged, load]);
  const suggestion = s.shown && s.shown.itemId === itemId ? s.shown.suggestion : null;
  if (!s.item || !suggestion) return null;
  const verdict = suggestionVerdict(suggestion, s.item.displayedOrder);
  return (
    <aside
      className="judge-suggestion"
      data-testid="judge-suggestion"
      data-mode={s.shown?.mode}
      aria-label="A judge’s suggestion"
    >
      <span>
        Judge <strong data-content="judge-name">{suggestion.judge}</strong> suggests:{' '}
        <strong data-testid="judge-suggestion-verdict">{verdict}</strong>
      </span>
      {suggestion.rationale ? (
        <details>
          <summary>Its reasoning</summary>
          <p
            className="judge-rationale"
            data-content="model"
            data-testid="judge-suggestion-rationale"
          >
            {suggestion.rationale}
          </p>
        </details>
      ) : null}
    </aside>
  );
}
