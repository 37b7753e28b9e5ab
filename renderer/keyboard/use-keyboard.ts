import { useEffect } from 'react';
import { useStoreApi } from '../state/store';
import { actions, buildKeymap } from './actions';
import { keyOf } from './keys';

const keymap = buildKeymap(actions);

/** Text boxes own their keys (a checkbox or a button does not: it only uses Space and Enter). */
export function typingInto(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  if (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  if (el.tagName !== 'INPUT') return false;
  const type = (el as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(type);
}

/**
 * Keys a focused control handles itself: a button's Enter, a checkbox's Space, a drag handle's
 * arrows. A checkbox does nothing with Enter, so Enter still submits after a click on a flag
 * or on the "submit as soon as complete" switch.
 */
function ownedByControl(e: KeyboardEvent): boolean {
  const el = e.target as HTMLElement | null;
  if (!el || !el.closest) return false;
  const toggle = el.matches('input[type="checkbox"], input[type="radio"]');
  const activates = e.key === ' ' || (e.key === 'Enter' && !toggle);
  if (activates && el.matches('button, [role="button"], input, a, summary')) return true;
  const widget = el.closest('[data-own-keys]');
  return (
    !!widget &&
    ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', ' ', 'Enter', 'Escape'].includes(e.key)
  );
}

/** Inside a dialog: Esc there closes the dialog, whatever in it has focus. */
function inDialog(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el?.closest?.('[role="dialog"], [role="alertdialog"]');
}

/**
 * One document-level listener dispatching through the keymap. Keys typed into a text box
 * belong to the box; Escape always leaves it, so focus is never trapped, and in a dialog it
 * closes the dialog at once (one Esc, never two). A key whose action cannot run now keeps
 * its normal meaning (arrows scroll, Enter presses the focused button).
 */
export function useKeyboard(): void {
  const store = useStoreApi();
  useEffect(() => {
    const listener = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      if (typingInto(e.target)) {
        if (e.key !== 'Escape') return;
        if (!inDialog(e.target)) return (e.target as HTMLElement).blur();
      }
      if (ownedByControl(e)) return;
      const action = keymap.get(keyOf(e));
      if (!action) return;
      const state = store.getState();
      // Access ended: the page shows only that; no key acts behind it.
      if (state.accessEnded) return;
      // While a dialog is open, only its own keys (and the ones that close it) work; the
      // shortcuts list also keeps the switch it shows.
      if (
        state.overlay &&
        action.id !== 'escape' &&
        !(state.overlay === 'help' && (action.id === 'help' || action.id === 'auto-submit'))
      )
        return e.preventDefault();
      if (state.exportOpen && action.id !== 'escape') return;
      // A held key must not judge the next item too: only moves and sizes repeat.
      if (e.repeat && !['row-up', 'row-down', 'font-bigger', 'font-smaller'].includes(action.id))
        return e.preventDefault();
      if (!action.enabled(state)) return;
      e.preventDefault();
      action.run(state);
    };
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, [store]);
}
