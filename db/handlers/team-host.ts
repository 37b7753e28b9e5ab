import { getItem } from '../items';
import { requireLabeller, type BackendContext, type HandlerGroup } from './context';
import { currentActor } from '../team-host/actor';
import { listAudit } from '../team-host/audit';
import { computeDashboard } from '../team-host/dashboard';
import { setOverlap } from '../team-host/leases';
import { invitePerson, listPeople, revokePerson } from '../team-host/people';
import { ApiError } from '../../shared/api/errors';

/**
 * access.*, audit.*, dashboard.*, leases.*: people, links and roles, the audit log, the
 * dashboard, the overlap. Any host can invite (the links work on a team host); leases exist
 * only on a team host, whose Backend replaces leases.renew/release and the dashboard with live
 * ones (db/team-host/team-backend.ts).
 */
export function teamHostHandlers(
  ctx: BackendContext,
): HandlerGroup<'access' | 'audit' | 'dashboard' | 'leases'> {
  const { db, events } = ctx;
  return {
    'access.list': () => ({ people: listPeople(db) }),

    'access.invite': (input) => {
      const { invitation, audit } = invitePerson(db, input, currentActor(ctx));
      events.emit('db.changed', { what: 'labellers' });
      events.emit('access.changed', { what: 'people' });
      events.emit('audit.appended', audit);
      return invitation;
    },

    'access.revoke': ({ labellerId }) => {
      const { labeller, revoked, audit } = revokePerson(db, labellerId, currentActor(ctx));
      if (revoked) {
        events.emit('access.changed', { what: 'people' });
        events.emit('access.revoked', { labellerId });
      }
      if (audit) events.emit('audit.appended', audit);
      return { labeller, revoked };
    },

    'audit.list': (input) => listAudit(db, input),

    'dashboard.get': () => computeDashboard(db, { presence: null, agreement: null }),

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
