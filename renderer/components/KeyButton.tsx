import { isMac, keyLabel } from '../keyboard/keys';

/**
 * A button that shows its keyboard keys, on it and in its title, so they are learnt by using
 * the mouse. What it does and whether it can is the caller's (see features/shortcuts).
 */
export function KeyButton({
  text,
  keys,
  moreKeys = [],
  className,
  pressed,
  hideKeys,
  disabled,
  testId,
  onClick,
}: {
  /** Its label, which is also its accessible name. */
  text: string;
  /** Its own keys (as keyOf() names them). */
  keys: readonly string[];
  /** Keys of other actions that do the same thing here, shown beside its own. */
  moreKeys?: readonly string[];
  className?: string;
  /** For toggles: whether the thing it toggles is on. */
  pressed?: boolean;
  hideKeys?: boolean;
  disabled: boolean;
  testId?: string;
  onClick: () => void;
}) {
  const mac = isMac();
  const shown = [...keys, ...moreKeys].map((k) => keyLabel(k, mac));
  return (
    <button
      type="button"
      className={className}
      data-testid={testId}
      disabled={disabled}
      aria-pressed={pressed}
      aria-label={text}
      aria-keyshortcuts={keys.join(' ')}
      title={`${text} (${shown.join(' or ')})`}
      onClick={onClick}
    >
      {text}
      {hideKeys ? null : <kbd>{shown.join(' / ')}</kbd>}
    </button>
  );
}
