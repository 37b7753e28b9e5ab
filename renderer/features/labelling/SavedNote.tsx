import { useEffect, useState } from 'react';
import { actionById } from '../../keyboard/actions';
import { keyLabel } from '../../keyboard/keys';
import { useAppStore } from '../../state/store';

/** How long the confirmation stays: long enough to read, gone before the next item is done. */
export const SAVED_NOTE_MS = 4000;

/**
 * A brief confirmation of the judgment just saved ("Saved: B better · U to undo"): the key
 * that judged also moved on, so this is where the labeller sees what it stored.
 */
export function SavedNote() {
  const note = useAppStore((s) => s.savedNote);
  const [shown, setShown] = useState<number | null>(null);
  useEffect(() => {
    if (!note) return setShown(null);
    setShown(note.seq);
    const t = setTimeout(() => setShown(null), SAVED_NOTE_MS);
    return () => clearTimeout(t);
  }, [note]);
  const undoKey = keyLabel(actionById('undo').keys[0]!);
  const text =
    note && shown === note.seq
      ? note.skip
        ? `Skipped · ${undoKey} to undo`
        : `Saved: ${note.text} · ${undoKey} to undo`
      : '';
  // The title keeps the whole line where a narrow item bar cuts it short.
  return (
    <span className="saved-note" role="status" data-testid="saved-note" title={text || undefined}>
      {text}
    </span>
  );
}
