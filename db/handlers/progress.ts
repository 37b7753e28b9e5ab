import { progressOf } from '../judgments';
import { requireLabeller, type BackendContext, type HandlerGroup } from './context';

/** progress.*: how far a labeller is through their queue. */
export function progressHandlers(ctx: BackendContext): HandlerGroup<'progress'> {
  return {
    'progress.get': ({ labellerId }) => {
      requireLabeller(ctx, labellerId);
      return progressOf(ctx.db, labellerId);
    },
  };
}
