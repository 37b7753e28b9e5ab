import { actionApplies, actionLabel, actions, type ActionGroup } from '../../keyboard/actions';
import { isMac, keyLabel } from '../../keyboard/keys';
import type { AppState } from '../../state/store';
import { useAppStore } from '../../state/store';
import { AutoSubmitToggle } from './AutoSubmitToggle';
import { Dialog } from '../../components/Dialog';

const GROUPS: ActionGroup[] = [
  'Judge',
  'Ranking',
  'Rating',
  'Flags and notes',
  'Move',
  'View',
  'App',
];

/** Shown as the switch at the top, not as a row. */
const AS_SWITCH = new Set(['auto-submit']);

interface Row {
  label: string;
  keys: string[];
  enabled: boolean;
}

/**
 * A group's rows: only the actions that mean something in this project and on the screen
 * shown, each with its label as it applies here; actions that read the same ("A is better" on 1 and on ←) share a row.
 */
export function helpRows(group: ActionGroup, state: AppState): Row[] {
  const rows: Row[] = [];
  for (const a of actions) {
    if (a.group !== group || AS_SWITCH.has(a.id) || !actionApplies(a, state)) continue;
    // A key bound per screen (1 judges while labelling, decides in Review) is listed on its own.
    if (a.view && a.view !== state.view) continue;
    const label = actionLabel(a, state);
    const enabled = a.enabled(state);
    const same = rows.find((r) => r.label === label);
    if (same) {
      same.keys.push(...a.keys);
      same.enabled ||= enabled;
    } else rows.push({ label, keys: [...a.keys], enabled });
  }
  return rows;
}

/**
 * The keyboard shortcuts, read from the same table that binds them, listing only what applies
 * to this project's task and settings, each label as it applies; a key that applies but can
 * do nothing this moment (Back on the first item) is dimmed.
 */
export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const state = useAppStore((s) => s);
  const mac = isMac();
  return (
    <Dialog title="Keyboard shortcuts" testId="help-overlay" onClose={onClose} wide>
      <p className="help-switch">
        <AutoSubmitToggle testId="help-auto-submit" />
        <span className="hint">
          {state.prefs.autoSubmit
            ? 'A choice that completes the judgment saves it and moves on.'
            : 'Enter (or Submit) saves the judgment.'}
        </span>
      </p>
      <div className="shortcut-groups">
        {GROUPS.map((g) => {
          const rows = helpRows(g, state);
          if (!rows.length) return null;
          return (
            <table className="shortcuts" key={g} data-testid={`help-group-${g}`}>
              <caption>{g}</caption>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.label} className={r.enabled ? undefined : 'unavailable'}>
                    <td>{r.label}</td>
                    <td>
                      {r.keys.map((k) => (
                        <kbd key={k}>{keyLabel(k, mac)}</kbd>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
        })}
      </div>
      <p className="hint">Dimmed keys do nothing at this moment. Press Esc or ? to close.</p>
    </Dialog>
  );
}
