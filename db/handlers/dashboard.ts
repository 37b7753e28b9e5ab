import { computeDashboard } from '../team-host/dashboard';
import type { BackendContext, HandlerGroup } from './context';

/**
 * dashboard.*: who did what. Without a team host nobody is connected and no agreement is kept
 * live; a team host's Backend replaces this with its live dashboard (db/team-host/team-backend.ts).
 */
export function dashboardHandlers(ctx: BackendContext): HandlerGroup<'dashboard'> {
  const { db } = ctx;
  return {
    'dashboard.get': () => computeDashboard(db, { presence: null, agreement: null }),
  };
}
