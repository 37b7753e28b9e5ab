import { actionLabel, actions, type ActionGroup } from '../keyboard/actions';
import { isMac, keyLabel } from '../keyboard/keys';
import { useAppStore } from '../state/store';
import { Dialog } from './Dialog';

const GROUPS: ActionGroup[] = [
  'Judge',
  'Ranking',
  'Rating',
  'Flags and notes',
  'Move',
  'View',
  'App',
];

/**
 * The keyboard shortcuts, read from the same table that binds them, with each label as it
 * applies to this project's task; keys that do nothing here right now are dimmed.
 */
export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const state = useAppStore((s) => s);
  const mac = isMac();
  return (
    <Dialog title="Keyboard shortcuts" testId="help-overlay" onClose={onClose} wide>
      <div className="shortcut-groups">
        {GROUPS.map((g) => {
          const rows = actions.filter((a) => a.group === g);
          if (!rows.length) return null;
          return (
            <table className="shortcuts" key={g}>
              <caption>{g}</caption>
              <tbody>
                {rows.map((a) => (
                  <tr key={a.id} className={a.enabled(state) ? undefined : 'unavailable'}>
                    <td>{actionLabel(a, state)}</td>
                    <td>
                      {a.keys.map((k) => (
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
      <p className="hint">Dimmed keys do nothing here right now. Press Esc or ? to close.</p>
    </Dialog>
  );
}
