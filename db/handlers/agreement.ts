import type { BackendContext, HandlerGroup } from './context';

/** agreement.*: a job that runs in the analysis worker, and its cached result. */
export function agreementHandlers(ctx: BackendContext): HandlerGroup<'agreement'> {
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
  };
}
