import { listAudit } from '../team-host/audit';
import type { BackendContext, HandlerGroup } from './context';

/** audit.*: the audit log a team host keeps. */
export function auditHandlers(ctx: BackendContext): HandlerGroup<'audit'> {
  const { db } = ctx;
  return {
    'audit.list': (input) => listAudit(db, input),
  };
}
