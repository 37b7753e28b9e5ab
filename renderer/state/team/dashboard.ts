import type { Dashboard } from '../../../shared/api/contract';
import type { SliceCreator } from '../store';

/**
 * The live dashboard of a team host (reviewers and leads): who is connected, what each
 * person judged today and in all, their pace, the queue left, the agreement so far, offline
 * packages and merges. Read once with `dashboard.get`, then kept by the host's
 * `dashboard.changed` events (each carries the whole dashboard), never polled.
 */
export interface DashboardSlice {
  dashboard: Dashboard | null;
  dashboardError: string | null;
  loadDashboard: () => Promise<void>;
}

export const createDashboardSlice: SliceCreator<DashboardSlice> = (set, get, client) => {
  // Sent only to reviewers and leads, and only on a team host: elsewhere it never comes.
  client.on('dashboard.changed', (dashboard) => {
    const shown = get().dashboard;
    // Events and the first read may cross: keep the newer.
    if (!shown || dashboard.at >= shown.at) set({ dashboard, dashboardError: null });
  });
  return {
    dashboard: null,
    dashboardError: null,
    async loadDashboard() {
      try {
        const dashboard = await client.call('dashboard.get', {});
        const shown = get().dashboard;
        if (!shown || dashboard.at >= shown.at) set({ dashboard, dashboardError: null });
      } catch (e) {
        set({ dashboardError: (e as Error).message });
      }
    },
  };
};
