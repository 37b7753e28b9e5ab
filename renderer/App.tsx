import { useEffect } from 'react';
import { ActionButton } from './features/shortcuts/ActionButton';
import { HelpOverlay } from './features/shortcuts/HelpOverlay';
import { ProgressBar } from './components/ProgressBar';
import { views } from './app/views';
import { ViewTabs } from './app/ViewTabs';
import { RecoveryScreen } from './features/recovery/RecoveryScreen';
import { ShellNotices } from './features/shell/ShellNotices';
import { ExportPanel } from './features/export/ExportPanel';
import { AccessEndedScreen } from './features/access/AccessEndedScreen';
import { IdentifyScreen } from './features/identify/IdentifyScreen';
import { JumpDialog } from './features/labelling/JumpDialog';
import { useKeyboard } from './keyboard/use-keyboard';
import { useAppearance } from './app/use-appearance';
import { useAppStoreShallow } from './state/store';

export function App() {
  const s = useAppStoreShallow((st) => ({
    status: st.sessionStatus,
    error: st.sessionError,
    project: st.project,
    labeller: st.labeller,
    progress: st.progress,
    exportOpen: st.exportOpen,
    view: st.view,
    setView: st.setView,
    overlay: st.overlay,
    setOverlay: st.setOverlay,
    shortcutsRequest: st.shortcutsRequest,
    accessEnded: st.accessEnded !== null,
    mayExport: st.mayCall('exports.start'),
  }));
  // The shell's Help > Keyboard shortcuts.
  const { setOverlay, shortcutsRequest } = s;
  useEffect(() => {
    if (shortcutsRequest > 0) setOverlay('help');
  }, [shortcutsRequest, setOverlay]);
  useKeyboard();
  useAppearance();

  // A team host ended this page's access: that is all there is to show (every call is refused).
  if (s.accessEnded) return <AccessEndedScreen />;
  if (s.status === 'error') return <RecoveryScreen fallback={s.error} />;
  return (
    <div className="app">
      <header className="topbar">
        <h1>Rankwise</h1>
        {s.status === 'ready' ? <ViewTabs /> : null}
        <span className="project-name" data-testid="project-name">
          {s.project?.name}
        </span>
        {s.progress ? (
          <ProgressBar done={s.progress.done} total={s.progress.total} label="Items judged" />
        ) : null}
        <span className="spacer" />
        {s.labeller ? (
          <span className="labeller" data-testid="labeller-name">
            {s.labeller.name}
          </span>
        ) : null}
        <ActionButton id="theme" className="ghost" label="Theme" hideKeys />
        {s.mayExport ? <ActionButton id="export" className="ghost" /> : null}
        <button
          type="button"
          className="ghost"
          onClick={() => s.setOverlay('help')}
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
      {s.exportOpen ? <ExportPanel /> : null}
      {s.overlay === 'help' ? <HelpOverlay onClose={() => s.setOverlay(null)} /> : null}
      {s.overlay === 'jump' ? <JumpDialog onClose={() => s.setOverlay(null)} /> : null}
    </div>
  );
}

function CurrentView({ id }: { id: string }) {
  const View = (views.find((v) => v.id === id) ?? views[0]!).component;
  return <View />;
}
