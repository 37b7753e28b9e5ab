import { actionById } from '../keyboard/actions';
import { keyLabel } from '../keyboard/keys';
import { useAppStore, useStoreApi } from '../state/store';

/** A button for an action in the table: same label, same guard, same effect as its keys. */
export function ActionButton({
  id,
  className,
  label,
}: {
  id: string;
  className?: string;
  label?: string;
}) {
  const action = actionById(id);
  const store = useStoreApi();
  const enabled = useAppStore((s) => action.enabled(s));
  return (
    <button
      type="button"
      className={className}
      data-testid={`action-${id}`}
      disabled={!enabled}
      aria-keyshortcuts={action.keys.join(' ')}
      onClick={() => action.run(store.getState())}
    >
      {label ?? action.label}
      <kbd>{action.keys.map((k) => keyLabel(k)).join(' / ')}</kbd>
    </button>
  );
}
