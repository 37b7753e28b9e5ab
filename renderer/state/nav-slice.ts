import type { SliceCreator } from './store';

/** The screens the app can show; each has an entry in renderer/app/views.tsx. */
export type ViewId =
  'label' | 'backups' | 'review' | 'leaderboard' | 'team' | 'items' | 'settings' | 'import';

export interface NavSlice {
  view: ViewId;
  setView: (view: ViewId) => void;
}

export const createNavSlice: SliceCreator<NavSlice> = (set) => ({
  view: 'label',
  setView: (view) => set({ view }),
});
