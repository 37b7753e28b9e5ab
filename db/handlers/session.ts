import { packageLabeller } from '../handoff/package';
import { ensureLabeller, findLabellerByName } from '../labellers';
import type { BackendContext, HandlerGroup } from './context';
import { sessionSummary } from '../labelling-stats';

/** The host may fix the labeller (serve --labeller); otherwise it is the installation's identity. */
export function initialSessionLabeller(ctx: Omit<BackendContext, 'session'>) {
  // A labeller package is made for one labeller: it opens as them, whoever's machine it is on.
  const fixed = ctx.options.labeller ?? packageLabeller(ctx.db);
  if (!fixed) return null;
  if (fixed.id) return ensureLabeller(ctx.db, { id: fixed.id, name: fixed.name });
  return findLabellerByName(ctx.db, fixed.name) ?? ensureLabeller(ctx.db, { name: fixed.name });
}

export function sessionHandlers(ctx: BackendContext): HandlerGroup<'session'> {
  const { db, options, session } = ctx;
  return {
    'session.get': () => {
      if (!session.labeller) {
        const stored = options.identity.get();
        // The installation's labeller keeps its id in every project it works on.
        if (stored) session.labeller = ensureLabeller(db, stored);
      }
      return { labeller: session.labeller, host: options.host };
    },

    'session.identify': ({ name }) => {
      const stored = options.identity.get();
      const labeller = ensureLabeller(db, stored && stored.name === name ? stored : { name });
      options.identity.set(labeller);
      session.labeller = labeller;
      ctx.events.emit('db.changed', { what: 'labellers' });
      return labeller;
    },
    'session.summary': ({ labellerId, since }) => sessionSummary(db, labellerId, since),
  };
}
