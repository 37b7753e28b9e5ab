import type { Role } from '../../shared/api/access';
import type { MethodName } from '../../shared/api/contract';
import { mayCall } from '../model/access';

/**
 * Every screen of the app, in top-bar order: the one list of view ids, with each tab's title
 * and the method the screen cannot work without (`needs`): on a team host a view is shown,
 * and reachable by keys or commands, only to roles the access table lets call it. The store
 * (nav-slice), the keys and the shell's commands name views by these ids; each id has its
 * component in app/views.tsx (a missing one does not compile). Dialogs (export, help) are not
 * views.
 */
export const VIEWS = [
  { id: 'label', title: 'Label', needs: 'items.next' },
  { id: 'import', title: 'Import', needs: 'imports.start' },
  { id: 'backups', title: 'Backups', needs: 'backups.list' },
  { id: 'review', title: 'Review', needs: 'reviews.queue' },
  { id: 'leaderboard', title: 'Leaderboard', needs: 'leaderboard.get' },
  { id: 'team', title: 'Team', needs: 'team.members' },
  { id: 'judges', title: 'Judges', needs: 'judges.list' },
  { id: 'items', title: 'Items', needs: 'items.list' },
  { id: 'settings', title: 'Settings', needs: 'settings.updateTask' },
] as const satisfies ReadonlyArray<{ id: string; title: string; needs: MethodName }>;

export type ViewId = (typeof VIEWS)[number]['id'];

export function isViewId(id: unknown): id is ViewId {
  return VIEWS.some((v) => v.id === id);
}

/** Whether a person with `role` can use the view (null: not a team host, every view). */
export function viewAllowed(id: ViewId, role: Role | null): boolean {
  const view = VIEWS.find((v) => v.id === id);
  return !!view && mayCall(role, view.needs);
}
