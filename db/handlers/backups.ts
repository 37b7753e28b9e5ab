import { ApiError } from '../../shared/api/errors';
import { backupServiceFor } from '../backups/service';
import { describeBackup } from '../backups/store';
import { ensureLabeller } from '../labellers';
import type { BackendContext, HandlerGroup } from './context';

export function backupHandlers(ctx: BackendContext): HandlerGroup<'backups'> {
  const service = () => backupServiceFor(ctx.project, ctx.events);
  return {
    'backups.list': () => service().list(),

    'backups.create': async () => describeBackup(await service().create('manual')),

    'backups.restore': ({ name }) => {
      const running = ctx.jobs.runningCount();
      if (running > 0)
        throw new ApiError(
          'CONFLICT',
          `${running} job(s) (an export, say) are still running; restore when they have finished.`,
        );
      const { restored, safety } = service().restore(name);
      // The labeller of this session may be newer than the backup: keep them known, with
      // the same id, so their next judgment lands under their name.
      const labeller = ctx.session.labeller;
      if (labeller) ctx.session.labeller = ensureLabeller(ctx.db, labeller);
      for (const what of ['items', 'judgments', 'labellers', 'settings'] as const)
        ctx.events.emit('db.changed', { what });
      return {
        restored: describeBackup(restored),
        safetyBackup: describeBackup(safety),
        preservedAs: null,
      };
    },

    'backups.setSchedule': (schedule) => service().setSchedule(schedule),
  };
}
