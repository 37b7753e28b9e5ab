import { ApiError } from '../../shared/api/errors';
import { getItem } from '../items';
import { setOverlap } from '../team-host/leases';
import { requireLabeller, type BackendContext, type HandlerGroup } from './context';

/**
 * leases.*: leases exist only on a team host, whose Backend replaces renew and release with
 * live ones (db/team-host/team-backend.ts); here they hold nothing. The overlap is the
 * project's, set anywhere.
 */
export function leaseHandlers(ctx: BackendContext): HandlerGroup<'leases'> {
  const { db, events } = ctx;
  return {
    'leases.renew': ({ labellerId, itemId }) => {
      requireLabeller(ctx, labellerId);
      if (!getItem(db, itemId))
        throw new ApiError('NOT_FOUND', `no item with id ${JSON.stringify(itemId)}`);
      return { heldUntil: null };
    },

    'leases.release': () => ({ released: false }),

    'leases.setOverlap': ({ overlap }) => {
      setOverlap(db, overlap);
      events.emit('access.changed', { what: 'overlap' });
      return { overlap };
    },
  };
}
