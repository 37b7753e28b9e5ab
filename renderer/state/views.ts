/**
 * Every screen of the app, in top-bar order: the one list of view ids, with each tab's title.
 * The store (nav-slice), the keys and the shell's commands name views by these ids; each id
 * has its component in app/views.tsx (a missing one does not compile). Dialogs (export, help)
 * are not views.
 */
export const VIEWS = [
  { id: 'label', title: 'Label' },
  { id: 'import', title: 'Import' },
  { id: 'backups', title: 'Backups' },
  { id: 'review', title: 'Review' },
  { id: 'leaderboard', title: 'Leaderboard' },
  { id: 'team', title: 'Team' },
  { id: 'items', title: 'Items' },
  { id: 'settings', title: 'Settings' },
] as const;

export type ViewId = (typeof VIEWS)[number]['id'];

export function isViewId(id: unknown): id is ViewId {
  return VIEWS.some((v) => v.id === id);
}
