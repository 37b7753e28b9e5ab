import type { BackendContext, HandlerGroup } from './context';

/** leaderboard.*: a job that runs in the analysis worker (sharing agreement's load), and its cached result. */
export function leaderboardHandlers(ctx: BackendContext): HandlerGroup<'leaderboard'> {
  const cache = ctx.analysis;
  return {
    'leaderboard.start': ({ bootstrapRounds, bothBadAsTie }) => {
      const jobId = ctx.jobs.start('leaderboard', async (job) => {
        cache.leaderboardStale = false;
        try {
          const { result: r } = await cache.service.run(
            { task: 'leaderboard', options: { bootstrapRounds, bothBadAsTie } },
            job.signal,
          );
          if (r.task !== 'leaderboard') throw new Error('unexpected analysis result');
          cache.leaderboard = r.leaderboard;
          return { computedAt: r.leaderboard.computedAt, models: r.leaderboard.models.length };
        } finally {
          cache.leaderboardJob = null;
        }
      });
      cache.leaderboardJob = jobId;
      return { jobId };
    },
    'leaderboard.get': () => ({
      leaderboard: cache.leaderboard,
      stale: cache.leaderboardStale,
      runningJobId: cache.leaderboardJob,
    }),
  };
}
