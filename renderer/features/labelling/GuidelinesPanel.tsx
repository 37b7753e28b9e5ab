import { useEffect } from 'react';
import { ActionButton } from '../shortcuts/ActionButton';
import { SafeMarkdown } from '../../components/SafeMarkdown';
import { useAppStoreShallow } from '../../state/store';

/** The project's guidelines beside the work; opening them counts as having seen this version. */
export function GuidelinesPanel() {
  const s = useAppStoreShallow((st) => ({
    guidelines: st.guidelines,
    isNew: st.guidelinesNew,
    seen: st.markGuidelinesSeen,
  }));
  const { seen } = s;
  const version = s.guidelines?.version;
  useEffect(() => {
    if (version !== undefined) seen();
  }, [version, seen]);
  return (
    <aside className="guidelines-panel" aria-label="Guidelines" data-testid="guidelines">
      <header className="guidelines-head">
        <strong>Guidelines</strong>
        {version !== undefined ? (
          <span className="badge" data-testid="guidelines-version">
            v{version}
          </span>
        ) : null}
        {s.isNew ? <span className="badge badge-chosen">New</span> : null}
        <span className="spacer" />
        <ActionButton id="toggle-guidelines" className="ghost" label="Close" />
      </header>
      {s.guidelines?.markdown.trim() ? (
        <SafeMarkdown text={s.guidelines.markdown} />
      ) : (
        <p className="hint">
          This project has no guidelines yet. A lead writes them under Settings.
        </p>
      )}
    </aside>
  );
}
