import { ApiError } from '../../shared/api/errors';
import type { BackendContext, HandlerGroup } from './context';

export function jobHandlers(ctx: BackendContext): HandlerGroup<'jobs'> {
  return {
    'jobs.cancel': ({ jobId }) => ({ cancelled: ctx.jobs.cancel(jobId) }),
    'jobs.get': ({ jobId }) => {
      const status = ctx.jobs.status(jobId);
      if (!status) throw new ApiError('NOT_FOUND', `no job with id ${jobId}`);
      return status;
    },
  };
}
