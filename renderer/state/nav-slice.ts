import type { SliceCreator } from './store';
import { viewAllowed, type ViewId } from './views';

export interface NavSlice {
  view: ViewId;
  /** Show a view; on a team host, one the person's role cannot use is not shown (tabs, keys, commands alike). */
  setView: (view: ViewId) => void;
}

export const createNavSlice: SliceCreator<NavSlice> = (set, get) => ({
  view: 'label',
  setView: (view) => {
    if (viewAllowed(view, get().access?.role ?? null)) set({ view });
  },
});
