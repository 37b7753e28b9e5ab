import type { Labeller, ProjectInfo } from '../../shared/api/contract';
import type { SliceCreator } from './store';

export interface SessionSlice {
  sessionStatus: 'loading' | 'identify' | 'ready' | 'error';
  sessionError: string | null;
  labeller: Labeller | null;
  host: 'electron' | 'browser' | 'in-process' | null;
  project: ProjectInfo | null;
  loadSession: () => Promise<void>;
  identify: (name: string) => Promise<void>;
}

export const createSessionSlice: SliceCreator<SessionSlice> = (set, get, client) => {
  // One load at a time (main.tsx starts it before React's first render, so the first item
  // comes sooner; a reopened project loads again): callers meanwhile share it.
  let loading: Promise<void> | null = null;
  return {
    sessionStatus: 'loading',
    sessionError: null,
    labeller: null,
    host: null,
    project: null,

    loadSession() {
      loading ??= load().finally(() => (loading = null));
      return loading;
    },

    async identify(name) {
      const labeller = await client.call('session.identify', { name });
      set({ labeller, sessionStatus: 'ready' });
      await get().loadFirstItem();
    },
  };

  async function load(): Promise<void> {
    try {
      const [session, project, recovery] = await Promise.all([
        client.call('session.get', {}),
        client.call('project.info', {}),
        // Found damaged after opening (before this page subscribed to `recovery.changed`):
        // reads still answer, so ask, and show the recovery choices rather than the queue.
        client.call('recovery.status', {}).catch(() => null),
      ]);
      if (recovery?.state === 'failed') {
        set({ recovery, sessionStatus: 'error', sessionError: recovery.problem.message });
        return;
      }
      set({
        labeller: session.labeller,
        host: session.host,
        access: session.access ?? null,
        project,
        sessionStatus: session.labeller ? 'ready' : 'identify',
      });
      if (!session.labeller) return;
      // Work kept on this machine when this person's access last ended goes back first, so
      // its item opens with it.
      await get().restoreKeptDrafts();
      await get().loadFirstItem();
    } catch (e) {
      set({ sessionStatus: 'error', sessionError: (e as Error).message });
    }
  }
};
