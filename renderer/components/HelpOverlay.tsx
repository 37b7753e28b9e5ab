import { actions } from '../keyboard/actions';
import { keyLabel } from '../keyboard/keys';

/** The keyboard shortcuts, read from the same table that binds them. */
export function HelpOverlay({ onClose }: { onClose: () => void }) {
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <section
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-title"
        data-testid="help-overlay"
      >
        <h2 id="help-title">Keyboard shortcuts</h2>
        <table className="shortcuts">
          <tbody>
            {actions.map((a) => (
              <tr key={a.id}>
                <td>{a.label}</td>
                <td>
                  {a.keys.map((k) => (
                    <kbd key={k}>{keyLabel(k)}</kbd>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="hint">Press Esc or ? to close.</p>
      </section>
    </div>
  );
}
