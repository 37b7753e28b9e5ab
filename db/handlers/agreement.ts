import type { BackendContext, HandlerGroup } from './context';

/** agreement.* and leaderboard.*: jobs that run in the analysis worker, and their cached results. */
export function agreementHandlers(ctx: BackendContext): HandlerGroup<'agreement' | 'leaderboard'> {
  const cache = ctx.analysis;
  return {
    'agreement.start': ({ judgeSlicesBy }) => {
      if (cache.agreementJob && ctx.jobs.status(cache.agreementJob)?.status === 'running')
        return { jobId: cache.agreementJob };
      const jobId = ctx.jobs.start('agreement', async (job) => {
        job.progress(0, null, 'items');
        const stale = cache.agreementStale;
        cache.agreementStale = false;
        try {
          const { result: r } = await cache.service.run(
            { task: 'agreement', judgeSlicesBy },
            job.signal,
          );
          if (r.task !== 'agreement') throw new Error('unexpected analysis result');
          cache.agreement = { report: r.report, queue: r.queue };
          return {
            computedAt: r.report.computedAt,
            computeMs: r.report.computeMs,
            counts: r.report.counts,
          };
        } catch (e) {
          cache.agreementStale ||= stale;
          throw e;
        } finally {
          cache.agreementJob = null;
        }
      });
      cache.agreementJob = jobId;
      return { jobId };
    },
    'agreement.get': () => ({
      report: cache.agreement?.report ?? null,
      stale: cache.agreementStale,
      runningJobId: cache.agreementJob,
    }),
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
