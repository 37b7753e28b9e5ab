import type { SliceCreator } from './store';
import type { ViewId } from './views';

export interface NavSlice {
  view: ViewId;
  setView: (view: ViewId) => void;
}

export const createNavSlice: SliceCreator<NavSlice> = (set) => ({
  view: 'label',
  setView: (view) => set({ view }),
});
