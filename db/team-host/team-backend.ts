import { DEFAULT_LEASE_MS } from '../../shared/api/contract';
import type { BackendContext, Handlers } from '../handlers/context';
import { auditCalls } from './audit-calls';
import { DashboardFeed, type DashboardFeedOptions } from './dashboard-feed';
import { Checkpointer } from './checkpointer';
import { GroupCommit } from './group-commit';
import { purgeExpired } from './leases';
import { liveQueueHandlers } from './live-queue';
import type { Presence } from './presence';

/** What makes a Backend a team host's (`rankwise serve --team`); absent, nothing here runs. */
export interface TeamOptions {
  /** Who is connected (kept by the HTTP host); the dashboard reads it. */
  presence: Presence;
  /** How long a lease lasts after the last sign of work (default 10 minutes). */
  leaseMs?: number;
  /** The clock leases are read against (tests move it). */
  now?: () => number;
  dashboard?: DashboardFeedOptions;
  /** The bundled checkpoint worker (dist/cli/checkpoint-worker.mjs); without it SQLite checkpoints in the commit. */
  checkpointWorker?: string | null;
  /** Where the host says what went wrong in the background. */
  log?: (line: string) => void;
}

/**
 * A Backend's handlers as a team host serves them: the labelling writes leased and batched
 * (live-queue.ts, group-commit.ts), the calls the access table marks audited recorded
 * (audit-calls.ts), the dashboard kept live (dashboard-feed.ts), and leases that ran out let
 * go on a timer, so an item left by someone who walked away goes back to the others.
 */
export function teamBackend(
  ctx: BackendContext,
  base: Handlers,
  team: TeamOptions,
): { handlers: Handlers; commit: GroupCommit; close(): Promise<void> } {
  const leaseMs = team.leaseMs ?? DEFAULT_LEASE_MS;
  const now = team.now ?? Date.now;
  const commit = new GroupCommit(ctx.db, `${ctx.project.path}-wal`);
  const checkpoints = new Checkpointer(ctx.db, ctx.project.path, team.checkpointWorker, team.log);
  const feed = new DashboardFeed(ctx, team.presence, team.dashboard);
  const live = liveQueueHandlers(ctx, base, {
    commit,
    leaseMs,
    now,
    changed: () => feed.poke(),
  });
  const audited = auditCalls(
    ctx,
    { ...base, ...live, 'dashboard.get': () => feed.snapshot() },
    (entry) => ctx.events.emit('audit.appended', entry),
  );
  const purge = () =>
    commit
      .run(() => purgeExpired(ctx.db, now()))
      .then(
        (n) => n > 0 && feed.poke(),
        () => undefined,
      );
  void purge();
  const timer = setInterval(() => void purge(), Math.min(Math.max(leaseMs / 4, 250), 30_000));
  timer.unref();
  return {
    handlers: audited.handlers,
    commit,
    async close() {
      clearInterval(timer);
      feed.stop();
      audited.stop();
      commit.close();
      await checkpoints.close();
    },
  };
}
