import { useEffect } from 'react';
import { useStoreApi } from '../state/store';
import { actions, buildKeymap, type Action } from './actions';
import { keyOf } from './keys';

const keymap = buildKeymap(actions);

function typingInto(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/**
 * One document-level listener dispatching through the keymap. Keys typed into a text box
 * belong to the box; Escape always leaves it, so focus is never trapped.
 */
export function useKeyboard(onAction?: (a: Action) => boolean | void): void {
  const store = useStoreApi();
  useEffect(() => {
    const listener = (e: KeyboardEvent) => {
      if (typingInto(e.target)) {
        if (e.key === 'Escape') (e.target as HTMLElement).blur();
        return;
      }
      if (e.repeat) return;
      const action = keymap.get(keyOf(e));
      if (!action) return;
      e.preventDefault();
      if (onAction?.(action) === true) return;
      const state = store.getState();
      if (action.enabled(state)) action.run(state);
    };
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, [store, onAction]);
}
