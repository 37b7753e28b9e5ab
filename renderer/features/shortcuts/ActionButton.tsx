import { KeyButton } from '../../components/KeyButton';
import { actionById, actionLabel } from '../../keyboard/actions';
import { useAppStore, useStoreApi } from '../../state/store';

/**
 * A button for an action in the table: same label, same guard, same effect as its keys, and
 * the keys shown on it so they are learnt by using the mouse.
 */
export function ActionButton({
  id,
  className,
  label,
  pressed,
  hideKeys,
  alsoKeysOf = [],
  testId = `action-${id}`,
}: {
  id: string;
  className?: string;
  /** Overrides the table's label (the accessible name keeps the action's meaning). */
  label?: string;
  /** For toggles: whether the thing it toggles is on. */
  pressed?: boolean;
  hideKeys?: boolean;
  /** Other actions that do the same thing here, whose keys the button shows too. */
  alsoKeysOf?: string[];
  /** null: no test id (a copy of the button in content rendered ahead, hidden). */
  testId?: string | null;
}) {
  const action = actionById(id);
  const store = useStoreApi();
  // A save in flight is a few milliseconds: the buttons do not flash disabled for it (that
  // restyles the whole judgment bar twice per judgment). A click meanwhile is refused below,
  // exactly as its key is.
  const enabled = useAppStore((s) => action.enabled(s.saving ? { ...s, saving: false } : s));
  const text = useAppStore((s) => label ?? actionLabel(action, s));
  return (
    <KeyButton
      text={text}
      keys={action.keys}
      moreKeys={alsoKeysOf.flatMap((other) => actionById(other).keys)}
      className={className}
      pressed={pressed}
      hideKeys={hideKeys}
      disabled={!enabled}
      testId={testId ?? undefined}
      onClick={() => {
        const now = store.getState();
        if (action.enabled(now)) action.run(now);
      }}
    />
  );
}
