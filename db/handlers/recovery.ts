import { ApiError } from '../../shared/api/errors';
import { salvageProject } from '../recovery/salvage';
import type { BackendContext, HandlerGroup } from './context';

/**
 * Recovery as seen from a project that opened. A host that can reopen the project (the
 * browser host, the desktop shell: db/project-host.ts) answers these itself; a bare backend
 * reports its state and refuses what only a host can do.
 */
export function recoveryHandlers(ctx: BackendContext): HandlerGroup<'recovery'> {
  const status = () => ({
    state: 'open' as const,
    path: ctx.project.path,
    readOnly: ctx.project.readOnly ? 'opened read-only' : null,
  });
  const hostOnly = () => {
    throw new ApiError(
      'CONFLICT',
      'the project is open; reopening it is up to the app that hosts it',
    );
  };
  return {
    'recovery.status': status,
    'recovery.openReadOnly': hostOnly,
    'recovery.retry': status,
    'recovery.salvage': () => salvageProject(ctx.project.path),
  };
}
