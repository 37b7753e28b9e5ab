import { useEffect, useRef, useState } from 'react';
import type { ItemView } from '../../../shared/api/contract';
import { ActionButton } from '../shortcuts/ActionButton';
import { useAppStoreShallow } from '../../state/store';
import { GuidelinesPanel } from './GuidelinesPanel';
import { ItemBar } from './ItemBar';
import { JudgeSuggestion } from './JudgeSuggestion';
import { ItemContent } from './ItemContent';
import { JudgmentBar } from './JudgmentBar';
import { SavedNote } from './SavedNote';
import { SaveStatus } from './SaveStatus';
import { useActivityClock } from './use-activity-clock';
import { ThisSession } from './ThisSession';

/**
 * The labelling screen: the item (prompt, responses) above, the judgment controls docked
 * below, guidelines beside when open. The next item is already rendered and laid out, hidden,
 * in a second layer at the same place and size (see ItemLayers), so moving on only has to
 * swap which layer is visible.
 */
export function LabellingScreen() {
  const s = useAppStoreShallow((st) => ({
    current: st.current,
    upcoming: st.upcoming,
    queueEmpty: st.queueEmpty,
    saving: st.saving,
    mode: st.task?.mode ?? 'pairwise',
    guidelinesOpen: st.prefs.guidelinesOpen,
    layout: st.prefs.layout,
    noItems: st.progress?.total === 0,
    setView: st.setView,
  }));
  useActivityClock();

  if (s.queueEmpty && s.noItems) {
    return (
      <main className="done" data-testid="queue-empty" data-reason="no-items">
        <h2>No items yet</h2>
        <p>
          This project has nothing to label. Import a dataset (JSON Lines, a JSON array, CSV/TSV or
          Parquet) and its items appear here.
        </p>
        <div className="controls">
          <button type="button" className="primary" onClick={() => s.setView('import')}>
            Import a dataset
          </button>
        </div>
      </main>
    );
  }

  if (s.queueEmpty) {
    return (
      <main className="done" data-testid="queue-empty">
        <h2>All done</h2>
        <p>
          Every item in this project has your judgment or a skip. Undo brings back the last one, the
          item browser finds skipped and flagged ones, and Export writes the dataset.
        </p>
        <SavedNote />
        <ThisSession />
        <div className="controls">
          <ActionButton id="undo" />
          <ActionButton id="back" />
          <ActionButton id="browse" />
          <ActionButton id="export" />
        </div>
        <SaveStatus />
      </main>
    );
  }
  if (!s.current) return <main className="loading">Loading…</main>;

  return (
    <main
      className={`labelling layout-${s.layout}${s.guidelinesOpen ? ' with-guidelines' : ''}`}
      data-testid="labelling"
      data-item-id={s.current.id}
      data-mode={s.mode}
      aria-busy={s.saving}
    >
      <div className="labelling-content">
        <ItemBar />
        <JudgeSuggestion />
        <ItemLayers current={s.current} upcoming={s.upcoming} />
      </div>
      <JudgmentBar />
      {s.guidelinesOpen ? <GuidelinesPanel /> : null}
    </main>
  );
}

/**
 * Two layers stacked in one place: the item on screen and, hidden (visibility, not display,
 * so its layout is done), the one that comes next. An item keeps its layer when it goes from
 * upcoming to current, so its DOM is neither rebuilt nor moved: the switch is a repaint. The
 * item just left stays in the hidden layer until the next one is ready to take its place, so
 * tearing down its DOM is not part of the switch either.
 */
function ItemLayers({ current, upcoming }: { current: ItemView; upcoming: ItemView | null }) {
  const previous = useRef<ItemView | null>(null);
  const leaving = useRef<ItemView | null>(null);
  if (previous.current && previous.current.id !== current.id) leaving.current = previous.current;
  previous.current = current;
  const hidden =
    upcoming && upcoming.id !== current.id
      ? upcoming
      : leaving.current && leaving.current.id !== current.id
        ? leaving.current
        : null;

  const slots = useRef<[string | null, string | null]>([null, null]);
  const wanted = [current.id, ...(hidden ? [hidden.id] : [])];
  const kept = slots.current.map((id) => (id !== null && wanted.includes(id) ? id : null));
  for (const id of wanted) {
    if (kept.includes(id)) continue;
    const free = kept.indexOf(null);
    if (free >= 0) kept[free] = id;
  }
  slots.current = [kept[0] ?? null, kept[1] ?? null];

  // Inert (out of focus order and assistive tech) is inherited styling: flipping it restyles
  // a whole item. The switch itself only reorders the layers; the layers' inertness follows
  // once the new item is painted.
  const [settled, setSettled] = useState(current.id);
  useEffect(() => {
    if (settled === current.id) return;
    const t = setTimeout(() => setSettled(current.id), 50);
    return () => clearTimeout(t);
  }, [current.id, settled]);

  return (
    <div className="item-stack">
      {slots.current.map((id, k) => {
        const view = id === current.id ? current : id === hidden?.id ? hidden : null;
        const shown = view?.id === current.id;
        return (
          <div
            key={k}
            className={`item-layer${shown ? '' : ' item-layer-hidden'}`}
            inert={view?.id !== settled}
            aria-hidden={view?.id !== settled}
          >
            {view ? (
              <ItemContent
                key={view.id}
                view={view}
                active={shown}
                upcoming={!shown && view.id === upcoming?.id}
              />
            ) : null}
          </div>
        );
      })}
    </div>
  );
}
