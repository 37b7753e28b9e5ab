import { Activity } from 'react';
import { ActionButton } from '../../components/ActionButton';
import { SessionStats } from '../../components/SessionStats';
import { useAppStoreShallow } from '../../state/store';
import { GuidelinesPanel } from './GuidelinesPanel';
import { ItemBar } from './ItemBar';
import { ItemContent } from './ItemContent';
import { JudgmentBar } from './JudgmentBar';
import { SaveStatus } from './SaveStatus';
import { useActivityClock } from './use-activity-clock';

/**
 * The labelling screen: the item (prompt, responses) above, the judgment controls docked
 * below, guidelines beside when open. The next item is already rendered, hidden (React's
 * Activity), so moving on only has to reveal it.
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
  }));
  useActivityClock();

  if (s.queueEmpty) {
    return (
      <main className="done" data-testid="queue-empty">
        <h2>All done</h2>
        <p>
          Every item in this project has your judgment or a skip. Undo brings back the last one, the
          item browser finds skipped and flagged ones, and Export writes the dataset.
        </p>
        <SessionStats />
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

  const items = [s.current, ...(s.upcoming && s.upcoming.id !== s.current.id ? [s.upcoming] : [])];
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
        {items.map((view) => (
          <Activity key={view.id} mode={view.id === s.current!.id ? 'visible' : 'hidden'}>
            <ItemContent view={view} active={view.id === s.current!.id} />
          </Activity>
        ))}
      </div>
      <JudgmentBar />
      {s.guidelinesOpen ? <GuidelinesPanel /> : null}
    </main>
  );
}
