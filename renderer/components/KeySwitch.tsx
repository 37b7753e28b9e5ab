import { isMac, keyLabel } from '../keyboard/keys';

/** A switch people can see, with the keys that flip it shown beside its label. */
export function KeySwitch({
  label,
  keys,
  checked,
  testId,
  onChange,
}: {
  label: string;
  /** Its keys (as keyOf() names them). */
  keys: readonly string[];
  checked: boolean;
  testId: string;
  onChange: () => void;
}) {
  const shown = keys.map((k) => keyLabel(k, isMac())).join(' / ');
  return (
    <label className="auto-submit" title={`${label} (${shown})`}>
      <input
        type="checkbox"
        checked={checked}
        aria-keyshortcuts={keys.join(' ')}
        onChange={onChange}
        data-testid={testId}
      />
      {label}
      <kbd>{shown}</kbd>
    </label>
  );
}
