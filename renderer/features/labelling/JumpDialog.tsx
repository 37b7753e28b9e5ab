import { useState, type FormEvent } from 'react';
import { Dialog } from '../../components/Dialog';
import { useAppStore } from '../../state/store';

/** Go to an item by its id (the one in the item bar, the browser, or the source file). */
export function JumpDialog({ onClose }: { onClose: () => void }) {
  const openItem = useAppStore((s) => s.openItem);
  const setView = useAppStore((s) => s.setView);
  const [id, setId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const go = async (e: FormEvent) => {
    e.preventDefault();
    if (!id.trim()) return;
    setView('label');
    if (await openItem(id.trim())) onClose();
    else setError(`No item with id ${JSON.stringify(id.trim())}`);
  };
  return (
    <Dialog title="Go to item" testId="jump-dialog" onClose={onClose}>
      <form onSubmit={(e) => void go(e)}>
        <label>
          Item id
          <input
            autoFocus
            value={id}
            onChange={(e) => setId(e.target.value)}
            data-testid="jump-id"
            maxLength={200}
          />
        </label>
        {error ? (
          <p role="alert" className="error">
            {error}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="submit" className="primary" data-testid="jump-go">
            Go
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
        <p className="hint">Esc closes. The item browser (i) searches by text.</p>
      </form>
    </Dialog>
  );
}
