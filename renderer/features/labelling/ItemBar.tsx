import { ActionButton } from '../shortcuts/ActionButton';
import { DataText } from '../../markdown/DataText';
import { useAppStoreShallow } from '../../state/store';
import { SavedNote } from './SavedNote';
import { ThisSession } from './ThisSession';

/**
 * Where the labeller is (item, revisit or queue), what was just saved, this session's pace,
 * and the view switches.
 */
export function ItemBar() {
  const s = useAppStoreShallow((st) => ({
    id: st.current?.id,
    judged: st.current?.current ?? null,
    revisiting: st.historyPos < st.history.length - 1,
    prefs: st.prefs,
    visible: st.task?.mode === 'pairwise' ? 2 : (st.current?.responses.length ?? 0),
    total: st.current?.responses.length ?? 0,
  }));
  return (
    <div className="item-bar" role="toolbar" aria-label="Item">
      <ActionButton id="back" className="ghost" />
      <ActionButton id="next" className="ghost" />
      <span className="item-id" data-testid="item-id" title="Item id">
        <DataText text={s.id ?? ''} />
      </span>
      {s.judged ? <RevisitBadge skipped={s.judged.kind === 'skip'} /> : null}
      {s.total > s.visible ? (
        <span className="badge" title="This project compares items with many responses in pairs">
          Comparing 2 of {s.total} responses
        </span>
      ) : null}
      <SavedNote />
      <span className="spacer" />
      <ThisSession />
      <ActionButton id="toggle-diff" className="ghost" pressed={s.prefs.diff} label="Diff" />
      <ActionButton
        id="toggle-layout"
        className="ghost"
        pressed={s.prefs.layout === 'stacked'}
        label="Stacked"
      />
      <ActionButton
        id="toggle-sync"
        className="ghost"
        pressed={s.prefs.syncScroll}
        label="Sync scroll"
      />
      <ActionButton id="toggle-guidelines" className="ghost" pressed={s.prefs.guidelinesOpen} />
      <ActionButton id="jump" className="ghost" />
    </div>
  );
}

function RevisitBadge({ skipped }: { skipped: boolean }) {
  const text = skipped ? 'Skipped before' : 'Judged: submitting replaces it';
  return (
    <span className="badge" data-testid="revisit-badge" title={text}>
      {text}
    </span>
  );
}
