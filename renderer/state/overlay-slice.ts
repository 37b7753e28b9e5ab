import type { SliceCreator } from './store';

/** Dialogs over the current view that take the keyboard while open. */
export type Overlay = 'help' | 'jump';

export interface OverlaySlice {
  overlay: Overlay | null;
  setOverlay: (overlay: Overlay | null) => void;
}

export const createOverlaySlice: SliceCreator<OverlaySlice> = (set) => ({
  overlay: null,
  setOverlay: (overlay) => set({ overlay }),
});
