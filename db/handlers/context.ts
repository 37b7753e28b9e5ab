import type { MethodName, MethodOutput, MethodParsedInput } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { EventHub } from '../events';
import type { JobRunner } from '../jobs';
import { findLabeller } from '../labellers';
import type { Db, Project } from '../open';
import type { AnalysisCache } from '../analysis/cache';
import type { UploadRegistry } from '../uploads';
import { getGuidelines } from '../settings';
import type { TeamOptions } from '../team-host/team-backend';

/** The backend's handler table: one entry per contract method, or it does not compile. */
export type Handlers = {
  [M in MethodName]: (input: MethodParsedInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

/** The handlers of one method group (`items.*`, say), keyed by their names. */
export type HandlerGroup<Prefix extends string> = Pick<
  Handlers,
  Extract<MethodName, `${Prefix}.${string}`>
>;

/** Where this installation keeps who its labeller is (a file in the user's config dir). */
export interface IdentityStore {
  get(): { id: string; name: string } | null;
  set(labeller: { id: string; name: string }): void;
}

export interface BackendOptions {
  project: Project;
  host: 'electron' | 'browser' | 'in-process';
  identity: IdentityStore;
  /** A labeller fixed by the host (`rankwise serve --labeller`), overriding the installation's. */
  labeller?: { name: string; id?: string };
  /** Where exports go when the caller names no path. */
  exportsDir?: string;
  /** The bundled analysis worker (dist/cli/analysis-worker.mjs); without it analyses run inline. */
  analysisWorker?: string;
  /** Uploads shared across reopenings of the project (ProjectHost); the backend's own otherwise. */
  uploads?: UploadRegistry;
  /** The bundled import worker (dist/cli/import-worker.mjs); without it imports run in-thread. */
  importWorker?: string | null;
  /** The host's native file dialog (Electron): a chosen path, or null when cancelled. */
  pickFile?: () => Promise<string | null>;
  /**
   * A team host (`rankwise serve --team`): items leased as they are shown, labelling writes
   * batched, audited calls recorded, the dashboard live (db/team-host/). Absent: as ever.
   */
  team?: TeamOptions;
}

/** What every handler group shares: the open project, events, jobs and session state. */
export interface BackendContext {
  options: BackendOptions;
  project: Project;
  db: Db;
  events: EventHub;
  jobs: JobRunner;
  exportsDir: string;
  session: { labeller: { id: string; name: string } | null };
  /** Files uploaded through the browser host, by id. */
  uploads: UploadRegistry;
  /** The latest agreement report and leaderboard, and whether they are stale. */
  analysis: AnalysisCache;
}

export function requireLabeller(ctx: BackendContext, id: string): { id: string; name: string } {
  const l = findLabeller(ctx.db, id);
  if (!l) throw new ApiError('NOT_FOUND', `no labeller with id ${id} in this project`);
  return l;
}

export function guidelineVersion(ctx: BackendContext): number {
  return getGuidelines(ctx.db).version;
}
