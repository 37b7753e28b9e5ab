import { currentActor } from '../team-host/actor';
import { invitePerson, listPeople, revokePerson } from '../team-host/people';
import type { BackendContext, HandlerGroup } from './context';

/** access.*: people, their links and roles. Any host can invite; the links work on a team host. */
export function accessHandlers(ctx: BackendContext): HandlerGroup<'access'> {
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
  };
}
