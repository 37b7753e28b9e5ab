import { basename, dirname, extname, join } from 'node:path';
import { EventHub } from './events';
import { JobRunner } from './jobs';
import type { Project } from './open';
import type { BackendContext, BackendOptions, Handlers } from './handlers/context';
import { exportHandlers } from './handlers/exports';
import { itemHandlers } from './handlers/items';
import { jobHandlers } from './handlers/jobs';
import { judgmentHandlers } from './handlers/judgments';
import { projectHandlers } from './handlers/project';
import { initialSessionLabeller, sessionHandlers } from './handlers/session';
import { settingsHandlers } from './handlers/settings';
import { backupHandlers } from './handlers/backups';
import { recoveryHandlers } from './handlers/recovery';
import { teamHandlers } from './handlers/team';
import { mergeHandlers } from './handlers/merge';
import { agreementHandlers } from './handlers/agreement';
import { leaderboardHandlers } from './handlers/leaderboard';
import { progressHandlers } from './handlers/progress';
import { reviewHandlers } from './handlers/reviews';
import { AnalysisCache } from './analysis/cache';
import { AnalysisService } from './analysis/service';
import { UploadRegistry } from './uploads';
import { draftHandlers } from './handlers/drafts';
import { importHandlers } from './handlers/imports';
import { accessHandlers } from './handlers/access';
import { auditHandlers } from './handlers/audit';
import { dashboardHandlers } from './handlers/dashboard';
import { leaseHandlers } from './handlers/leases';
import { teamBackend } from './team-host/team-backend';
import { judgeHandlers } from './handlers/judges';

export type { BackendOptions, Handlers, IdentityStore } from './handlers/context';

export interface Backend {
  handlers: Handlers;
  events: EventHub;
  jobs: JobRunner;
  project: Project;
  /** Files the browser host received (to import or merge), or the shell registered. */
  uploads: UploadRegistry;
  close(): Promise<void>;
}

/**
 * The backend for one open project: the handler groups composed into the total table that
 * dispatch serves to every transport.
 */
export function createBackend(options: BackendOptions): Backend {
  const { project } = options;
  const events = new EventHub();
  const jobs = new JobRunner(events);
  const base = {
    options,
    project,
    db: project.db,
    events,
    jobs,
    exportsDir:
      options.exportsDir ??
      join(dirname(project.path), `${basename(project.path, extname(project.path))}-exports`),
    uploads: options.uploads ?? new UploadRegistry(),
    analysis: new AnalysisCache(events, new AnalysisService(project.path, options.analysisWorker)),
  };
  const ctx: BackendContext = { ...base, session: { labeller: initialSessionLabeller(base) } };

  const own: Handlers = {
    ...projectHandlers(ctx),
    ...sessionHandlers(ctx),
    ...settingsHandlers(ctx),
    ...itemHandlers(ctx),
    ...judgmentHandlers(ctx),
    ...progressHandlers(ctx),
    ...exportHandlers(ctx),
    ...jobHandlers(ctx),
    ...backupHandlers(ctx),
    ...recoveryHandlers(ctx),
    ...teamHandlers(ctx),
    ...mergeHandlers(ctx),
    ...agreementHandlers(ctx),
    ...leaderboardHandlers(ctx),
    ...reviewHandlers(ctx),
    ...draftHandlers(ctx),
    ...importHandlers(ctx),
    ...accessHandlers(ctx),
    ...auditHandlers(ctx),
    ...dashboardHandlers(ctx),
    ...leaseHandlers(ctx),
    ...judgeHandlers(ctx),
  };
  // A team host leases, batches, audits and keeps the dashboard live on top of the same handlers.
  const team = options.team ? teamBackend(ctx, own, options.team) : null;
  const handlers = team?.handlers ?? own;

  return {
    handlers,
    events,
    jobs,
    project,
    uploads: ctx.uploads,
    async close() {
      await team?.close();
      jobs.cancelAll();
      await jobs.idle();
      await ctx.analysis.service.close();
      if (!options.uploads) ctx.uploads.clear();
      project.close();
    },
  };
}
