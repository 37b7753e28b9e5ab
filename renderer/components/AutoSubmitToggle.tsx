import { actionById } from '../keyboard/actions';
import { isMac, keyLabel } from '../keyboard/keys';
import { useAppStore, useStoreApi } from '../state/store';

const action = actionById('auto-submit');

/**
 * "Submit as soon as complete" as a switch people can see, beside the judgment and in the
 * shortcuts: the same action as its key, so the two can never disagree.
 */
export function AutoSubmitToggle({ testId = 'auto-submit-toggle' }: { testId?: string }) {
  const store = useStoreApi();
  const on = useAppStore((s) => s.prefs.autoSubmit);
  const keys = action.keys.map((k) => keyLabel(k, isMac())).join(' / ');
  return (
    <label className="auto-submit" title={`${action.label} (${keys})`}>
      <input
        type="checkbox"
        checked={on}
        aria-keyshortcuts={action.keys.join(' ')}
        onChange={() => action.run(store.getState())}
        data-testid={testId}
      />
      {action.label}
      <kbd>{keys}</kbd>
    </label>
  );
}
