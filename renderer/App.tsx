import { useCallback, useEffect, useState } from 'react';
import { ProgressBar } from './components/ProgressBar';
import { HelpOverlay } from './components/HelpOverlay';
import { ActionButton } from './components/ActionButton';
import { ExportPanel } from './features/export/ExportPanel';
import { IdentifyScreen } from './features/identify/IdentifyScreen';
import { views } from './app/views';
import { ViewTabs } from './app/ViewTabs';
import { RecoveryScreen } from './features/recovery/RecoveryScreen';
import { ShellNotices } from './features/shell/ShellNotices';
import type { Action } from './keyboard/actions';
import { useKeyboard } from './keyboard/use-keyboard';
import { useAppStoreShallow } from './state/store';

export function App() {
  const s = useAppStoreShallow((st) => ({
    status: st.sessionStatus,
    error: st.sessionError,
    project: st.project,
    labeller: st.labeller,
    progress: st.progress,
    exportOpen: st.exportOpen,
    setExportOpen: st.setExportOpen,
    loadSession: st.loadSession,
    view: st.view,
    setView: st.setView,
    shortcutsRequest: st.shortcutsRequest,
  }));
  const [helpOpen, setHelpOpen] = useState(false);
  const { loadSession, setExportOpen, exportOpen } = s;

  useEffect(() => {
    void loadSession();
  }, [loadSession]);
  // The shell's Help > Keyboard shortcuts.
  useEffect(() => {
    if (s.shortcutsRequest > 0) setHelpOpen(true);
  }, [s.shortcutsRequest]);

  // Overlays take the keyboard first: ? toggles help, Esc closes whatever is open.
  const intercept = useCallback(
    (a: Action) => {
      if (a.id === 'help') {
        setHelpOpen((o) => !o);
        return true;
      }
      if (helpOpen || exportOpen) return true;
      return false;
    },
    [helpOpen, exportOpen],
  );
  useKeyboard(intercept);
  useEffect(() => {
    const onEsc = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setHelpOpen(false);
      setExportOpen(false);
    };
    document.addEventListener('keydown', onEsc);
    return () => document.removeEventListener('keydown', onEsc);
  }, [setExportOpen]);

  if (s.status === 'error') return <RecoveryScreen fallback={s.error} />;
  return (
    <div className="app">
      <header className="topbar">
        <h1>Rankwise</h1>
        <span className="project-name" data-testid="project-name">
          {s.project?.name}
        </span>
        {s.progress ? (
          <ProgressBar done={s.progress.done} total={s.progress.total} label="Items judged" />
        ) : null}
        {s.status === 'ready' ? <ViewTabs /> : null}
        <span className="spacer" />
        {s.labeller ? (
          <span className="labeller" data-testid="labeller-name">
            {s.labeller.name}
          </span>
        ) : null}
        <ActionButton id="export" className="ghost" />
        <button
          type="button"
          className="ghost"
          onClick={() => setHelpOpen(true)}
          aria-label="Keyboard shortcuts"
          data-testid="help-button"
        >
          ?
        </button>
      </header>
      <ShellNotices />
      {s.status === 'loading' ? <main className="loading">Opening project…</main> : null}
      {s.status === 'identify' ? <IdentifyScreen /> : null}
      {s.status === 'ready' ? <CurrentView id={s.view} /> : null}
      {exportOpen ? <ExportPanel /> : null}
      {helpOpen ? <HelpOverlay onClose={() => setHelpOpen(false)} /> : null}
    </div>
  );
}

function CurrentView({ id }: { id: string }) {
  const View = (views.find((v) => v.id === id) ?? views[0]!).component;
  return <View />;
}
