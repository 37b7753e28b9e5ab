import { ActionButton } from '../shortcuts/ActionButton';
import { AutoSubmitToggle } from '../shortcuts/AutoSubmitToggle';
import { formContext } from '../../state/labelling/edits';
import { useAppStore, useAppStoreShallow } from '../../state/store';
import { FlagsField } from './FlagsField';
import { needsSubmit, toVerdict } from '../../model/judgment-form/judgment-form';
import { PairwiseControls } from './PairwiseControls';
import { RankingBoard } from './RankingBoard';
import { RationaleField } from './RationaleField';
import { SaveStatus } from './SaveStatus';

/**
 * The judgment controls for the project's task, then flags and rationale, and a row of
 * actions that never scrolls away: Submit (when there is something for it to do), skip, undo,
 * the "submit as soon as complete" switch and what is still missing.
 */
export function JudgmentBar() {
  const mode = useAppStore((s) => s.task?.mode ?? 'pairwise');
  const submit = useAppStore((s) => {
    const ctx = formContext(s);
    return ctx ? needsSubmit(s.form, ctx, s.prefs.autoSubmit) : true;
  });
  return (
    <section className="judgment-bar" aria-label="Judgment" data-testid="judgment">
      <div className="judgment-main">
        {mode === 'ranking' ? <RankingBoard /> : null}
        {mode === 'rating' ? (
          <p className="hint">
            Digits rate the highlighted scale, ← → step it, ↑ ↓ move between scales
            {' · '}+ and − give a thumb. Or click the scales under each response.
          </p>
        ) : null}
        {mode === 'pairwise' ? <PairwiseControls /> : null}
      </div>
      <div className="judgment-extras">
        <FlagsField />
        <RationaleField />
      </div>
      <div className="judgment-actions">
        {submit ? <ActionButton id="submit" className="primary" /> : null}
        <ActionButton id="skip" />
        <ActionButton id="undo" />
        <AutoSubmitToggle />
        {submit ? <FormStatus /> : null}
        <span className="spacer" />
        <SaveStatus />
      </div>
    </section>
  );
}

/** What is still missing before the judgment can be submitted (or that it is ready). */
function FormStatus() {
  const { problem, refused } = useAppStoreShallow((s) => {
    const ctx = formContext(s);
    const out = ctx ? toVerdict(s.form, ctx) : null;
    return { problem: out?.problem ?? null, refused: s.formProblem };
  });
  if (refused)
    return (
      <span className="form-status error" role="alert" data-testid="form-problem">
        Not yet: {refused}
      </span>
    );
  return (
    <span className="form-status" data-testid="form-status" aria-live="polite">
      {problem ? `To do: ${problem}` : 'Ready: Enter submits'}
    </span>
  );
}
