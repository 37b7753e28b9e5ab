import type { Leaderboard } from '../../shared/analysis/report';
import { endedJob, runningJob, watchJob, type JobView } from '../api/watch-job';
import type { SliceCreator } from './store';

/** The model leaderboard, computed by a job in the backend's analysis worker. */
export interface LeaderboardSlice {
  leaderboard: Leaderboard | null;
  /** Judgments changed since it was computed. */
  leaderboardStale: boolean;
  /** The latest computation this page started. */
  leaderboardJob: JobView<'leaderboard'> | null;
  refreshLeaderboard: (bootstrapRounds?: number) => Promise<void>;
  loadLeaderboard: () => Promise<void>;
}

export const createLeaderboardSlice: SliceCreator<LeaderboardSlice> = (set, get, client) => {
  const stale = () => set({ leaderboardStale: get().leaderboard !== null });
  client.on('team.changed', stale);
  client.on('db.changed', (c) => {
    if (c.what === 'judgments' || c.what === 'judges') stale();
  });

  return {
    leaderboard: null,
    leaderboardStale: false,
    leaderboardJob: null,

    async refreshLeaderboard(bootstrapRounds = 200) {
      const { jobId } = await client.call('leaderboard.start', { bootstrapRounds });
      set({ leaderboardJob: runningJob(jobId, 'leaderboard') });
      watchJob(client, jobId, 'leaderboard', {
        onEnd(end) {
          const job = get().leaderboardJob;
          if (job?.jobId === jobId) set({ leaderboardJob: { ...job, ...endedJob(end) } });
          if (end.status === 'succeeded') void get().loadLeaderboard();
        },
      });
    },

    async loadLeaderboard() {
      const r = await client.call('leaderboard.get', {});
      set({ leaderboard: r.leaderboard, leaderboardStale: r.stale });
    },
  };
};
