import { AsyncLocalStorage } from 'node:async_hooks';
import type { BackendContext } from '../handlers/context';
import type { Actor } from './audit';

const current = new AsyncLocalStorage<Actor>();

/**
 * Run a call on behalf of someone: a team host runs each request as the person whose link it
 * carries (db/team-host/gate.ts), and what the call records in the audit log names them. The
 * context follows the call through every await, as the fault boundary's does.
 */
export function actingAs<T>(actor: Actor, work: () => T): T {
  return current.run(actor, work);
}

/**
 * Who the current call is for: the person a team host's request came from, else this host's
 * own labeller (the desktop app, the single-user browser host), else this computer.
 */
export function currentActor(ctx: Pick<BackendContext, 'session' | 'options'>): Actor {
  const acting = current.getStore();
  if (acting) return acting;
  const via = ctx.options.host === 'in-process' ? 'cli' : 'host';
  const who = ctx.session.labeller;
  return who ? { id: who.id, name: who.name, via } : { id: null, name: 'this computer', via };
}
