import { KeySwitch } from '../../components/KeySwitch';
import { actionById } from '../../keyboard/actions';
import { useAppStore, useStoreApi } from '../../state/store';

const action = actionById('auto-submit');

/**
 * "Submit as soon as complete" as a switch people can see, beside the judgment and in the
 * shortcuts: the same action as its key, so the two can never disagree.
 */
export function AutoSubmitToggle({ testId = 'auto-submit-toggle' }: { testId?: string }) {
  const store = useStoreApi();
  const on = useAppStore((s) => s.prefs.autoSubmit);
  return (
    <KeySwitch
      label={action.label}
      keys={action.keys}
      checked={on}
      testId={testId}
      onChange={() => action.run(store.getState())}
    />
  );
}
