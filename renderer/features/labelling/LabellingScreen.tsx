import { useAppStoreShallow } from '../../state/store';
import { ActionButton } from '../../components/ActionButton';
import { PromptView } from './PromptView';
import { ResponsePane } from './ResponsePane';

export function LabellingScreen() {
  const { current, queueEmpty, saving, saveError } = useAppStoreShallow((s) => ({
    current: s.current,
    queueEmpty: s.queueEmpty,
    saving: s.saving,
    saveError: s.saveError,
  }));

  if (queueEmpty) {
    return (
      <main className="done" data-testid="queue-empty">
        <h2>All done</h2>
        <p>
          Every item in this project has your judgment. Undo brings back the last one; Export writes
          the dataset.
        </p>
        <div className="controls">
          <ActionButton id="undo" />
          <ActionButton id="export" />
        </div>
      </main>
    );
  }
  if (!current) return <main className="loading">Loading…</main>;

  const [a, b] = current.responses;
  const shownChoice =
    current.current?.verdict.kind === 'pairwise' ? current.current.verdict.choice : null;
  return (
    <main
      className="labelling"
      data-testid="labelling"
      data-item-id={current.id}
      aria-busy={saving}
    >
      <PromptView prompt={current.prompt} />
      <div className="responses">
        <ResponsePane slot="A" model={a!.model} content={a!.content} chosen={shownChoice === 'A'} />
        <ResponsePane slot="B" model={b!.model} content={b!.content} chosen={shownChoice === 'B'} />
      </div>
      <div className="controls" role="toolbar" aria-label="Judgment">
        <ActionButton id="choose-a" className="primary" />
        <ActionButton id="tie" />
        <ActionButton id="both-bad" />
        <ActionButton id="choose-b" className="primary" />
        <span className="spacer" />
        <ActionButton id="undo" />
      </div>
      {saveError ? (
        <p role="alert" className="error" data-testid="save-error">
          {saveError}
        </p>
      ) : null}
    </main>
  );
}
