import {
  methodNames,
  type MethodName,
  type RecoveryStatus,
  type OpenProblem,
} from '../shared/api/contract';
import { ApiError } from '../shared/api/errors';
import { OPEN_PROBLEM_KINDS, choicesFor } from '../shared/domain/open-problem';
import { createBackend, type Backend, type BackendOptions, type Handlers } from './backend';
import { backupServiceFor, DEFAULT_SCHEDULE } from './backups/service';
import { backupsDirFor, describeBackup, listBackupEntries } from './backups/store';
import { EventHub } from './events';
import type { JobStatus } from './jobs';
import { UploadRegistry } from './uploads';
import { checkInBackground } from './integrity/quick-check';
import { corruptProblem, openProject, type OpenOptions } from './open';
import { problemOf } from './open-problems';
import { errorCode } from './storage-errors';
import { salvageProject } from './recovery/salvage';
import { restoreOverDamaged } from './recovery/restore-offline';

export interface ProjectHostOptions extends Omit<BackendOptions, 'project'> {
  path: string;
  /** Open read-only from the start (`rankwise serve --read-only`). */
  readOnly?: boolean;
  /** Run scheduled backups while the project is open for writing. */
  scheduleBackups?: boolean;
  open?: Pick<OpenOptions, 'busyTimeoutMs' | 'migrations'>;
  /**
   * When a writable open runs SQLite's quick_check, which reads the whole file (seconds for a
   * large project). 'before-open' (the default): the project is not served until it passed,
   * for one-shot work (`rankwise backups`) that must know first. 'background': served at
   * once, checked on a connection and thread of its own; damage found puts the project in
   * the damaged state (see `damaged`). The hosts a labeller waits on use 'background'. A
   * file that needs a migration is checked before it is migrated either way (db/open.ts).
   */
  check?: 'before-open' | 'background';
  /** The bundled check worker (dist/cli/check-worker.mjs); without it the check runs on this thread, after the open. */
  checkWorker?: string | null;
  /**
   * Runs the background check: `checkInBackground` on the check worker unless given. Tests
   * wrap the real check to choose when it reports.
   */
  runCheck?: (path: string) => Promise<string[]>;
}

/**
 * Methods that read the project and nothing else: served by a project the background check
 * found damaged. Every other method (a write, or anything added later until it is listed
 * here) answers PROJECT_CORRUPT with the recovery choices.
 */
const READS: ReadonlySet<MethodName> = new Set<MethodName>([
  'project.info',
  'session.get',
  'settings.get',
  'items.next',
  'items.get',
  'items.list',
  'items.recent',
  'progress.get',
  'session.summary',
  'drafts.get',
  'exports.start',
  'exports.preview',
  'jobs.get',
  'jobs.cancel',
  'team.members',
  'team.exportAnnotations',
  'agreement.start',
  'agreement.get',
  'leaderboard.start',
  'leaderboard.get',
  'reviews.queue',
  'reviews.item',
  'imports.preview',
  'imports.pickFile',
  'imports.discard',
  'imports.list',
  'access.list',
  'audit.list',
  'dashboard.get',
  'judges.list',
  'judges.getTemplate',
  'judges.getSuggestions',
  'judges.suggestion',
  'judges.triage',
]);

type Served = { backend: Backend; unsubscribe: () => void };
type State =
  | ({ kind: 'open'; readOnly: string | null } & Served)
  /** Opened, then found damaged by the background check: reads served, writes refused. */
  | ({ kind: 'damaged'; error: ApiError; problem: OpenProblem } & Served)
  | { kind: 'failed'; error: ApiError; problem: OpenProblem };

/**
 * What a host (the browser host, the desktop shell) serves: one project that may or may not
 * have opened. When it opened, calls go to its Backend; when it did not, every call answers
 * with the reason, except those that help: recovery.* (status, open read-only, try again,
 * export what is readable) and backups.list/restore. The UI shows the problem and the
 * choices instead of a dead end, and nothing about the file changes until the user picks one.
 */
export class ProjectHost {
  /** Stable across reopenings, so transports subscribe once. */
  readonly events = new EventHub();
  /** Files uploaded (or registered by the shell) to import or merge, kept across reopenings. */
  readonly uploads = new UploadRegistry();
  readonly handlers: Handlers;
  private state: State;
  /** Bumped whenever the project is opened or let go: a check of an earlier opening is ignored. */
  private generation = 0;
  private checking: Promise<void> = Promise.resolve();

  constructor(private readonly options: ProjectHostOptions) {
    this.handlers = this.buildHandlers();
    this.state = this.tryOpen(options.readOnly ? 'read-only' : 'writable');
  }

  get backend(): Backend | null {
    return this.state.kind === 'failed' ? null : this.state.backend;
  }

  get path(): string {
    return this.options.path;
  }

  /** For the browser host's downloads: only finished jobs of the open project. */
  readonly jobs = {
    status: (jobId: string): JobStatus | undefined => this.backend?.jobs.status(jobId),
  };

  status(): RecoveryStatus {
    return this.state.kind === 'open'
      ? { state: 'open', path: this.options.path, readOnly: this.state.readOnly }
      : { state: 'failed', problem: this.state.problem };
  }

  /** Settles when the background check of the current opening has reported (at once if none). */
  whenChecked(): Promise<void> {
    return this.checking;
  }

  async close(): Promise<void> {
    this.uploads.clear();
    await this.release();
  }

  /** Let go of the open project (a damaged one too), keeping the state's problem if any. */
  private async release(): Promise<void> {
    this.generation++;
    const s = this.state;
    if (s.kind === 'failed') return;
    s.unsubscribe();
    await backupServiceFor(s.backend.project).stop();
    await s.backend.close();
    if (s.kind === 'damaged') this.state = { kind: 'failed', error: s.error, problem: s.problem };
  }

  private tryOpen(mode: 'writable' | 'read-only', reason?: string): State {
    const readonly = mode === 'read-only';
    const background = !readonly && this.options.check === 'background';
    let backend: Backend;
    try {
      const project = openProject(this.options.path, {
        ...this.options.open,
        readonly,
        // Checked below, off the critical path; a migration still checks first (open.ts).
        ...(background ? { quickCheck: false } : {}),
      });
      try {
        backend = createBackend({ ...this.options, project, uploads: this.uploads });
      } catch (e) {
        // A labeller fixed by the host cannot be added to a read-only project: open without.
        if (!readonly || !(e instanceof ApiError) || e.code !== 'PROJECT_READ_ONLY') {
          project.close();
          throw e;
        }
        backend = createBackend({
          ...this.options,
          project,
          labeller: undefined,
          uploads: this.uploads,
        });
      }
    } catch (e) {
      return { kind: 'failed', ...describeFailure(this.options.path, e) };
    }
    const unsubscribe = backend.events.subscribe((name, payload) =>
      this.events.emit(name, payload as never),
    );
    const service = backupServiceFor(backend.project, backend.events);
    if (!readonly && this.options.scheduleBackups) service.start();
    if (background) this.startCheck();
    return {
      kind: 'open',
      backend,
      unsubscribe,
      readOnly: readonly ? (reason ?? 'opened read-only') : null,
    };
  }

  /**
   * quick_check the file just opened, on a read-only connection in a worker thread, while the
   * project is served. Findings are reported the moment the check returns them (`damaged`).
   * A check that could not run at all says nothing about the file unless SQLite said the
   * file is damaged; the next opening checks again.
   */
  private startCheck(): void {
    const generation = ++this.generation;
    const path = this.options.path;
    const run = this.options.runCheck ?? ((p) => checkInBackground(p, this.options.checkWorker));
    this.checking = run(path).then(
      (findings) => {
        if (generation === this.generation && findings.length) this.damaged(findings);
      },
      (e: unknown) => {
        const code = errorCode(e);
        if (generation !== this.generation) return;
        if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
          this.damaged([e instanceof Error ? e.message : String(e)]);
      },
    );
  }

  /**
   * The open project turned out to be damaged (the background check, or SQLite reporting
   * corruption during a request). From now on every write is refused with the problem, so
   * nothing more goes into the file; everything already saved stays in it, for salvage, or
   * moved aside by a restore. Scheduled backups stop (a copy of a damaged file must not
   * rotate a good one out), running jobs are cancelled (an import's last step writes), and
   * an open page learns it by `recovery.changed`.
   */
  private damaged(findings: readonly string[]): void {
    const s = this.state;
    if (s.kind !== 'open' || s.readOnly !== null) return;
    const { error, problem } = describeFailure(
      this.options.path,
      corruptProblem(this.options.path, findings, 'open'),
    );
    void backupServiceFor(s.backend.project).stop();
    s.backend.jobs.cancelAll();
    // A second wall behind the method list: this connection writes nothing more.
    s.backend.project.db.pragma('query_only = ON');
    this.state = {
      kind: 'damaged',
      backend: s.backend,
      unsubscribe: s.unsubscribe,
      error,
      problem,
    };
    this.events.emit('recovery.changed', this.status());
  }

  private async reopen(mode: 'writable' | 'read-only', reason?: string): Promise<RecoveryStatus> {
    if (this.state.kind === 'open') throw new ApiError('CONFLICT', 'the project is already open');
    await this.release();
    this.state = this.tryOpen(mode, reason);
    return this.status();
  }

  private buildHandlers(): Handlers {
    const table = {} as Record<MethodName, (input: never) => unknown>;
    for (const name of methodNames) {
      table[name] = (input: never) => {
        const s = this.state;
        const own = this.recoveryHandler(name);
        if (own) return own(input);
        if (s.kind === 'failed' || (s.kind === 'damaged' && !READS.has(name))) throw s.error;
        const handler = s.backend.handlers[name] as (i: never) => unknown;
        if (s.kind === 'damaged') return handler(input);
        return this.watchingForDamage(() => handler(input));
      };
    }
    return table as unknown as Handlers;
  }

  /** Run a request of the open project; SQLite reporting corruption makes the project damaged. */
  private watchingForDamage(run: () => unknown): unknown {
    const seen = (e: unknown) => {
      const code = errorCode(e);
      if (code.startsWith('SQLITE_CORRUPT'))
        this.damaged([e instanceof Error ? e.message : String(e)]);
      throw e;
    };
    try {
      const out = run();
      return out instanceof Promise ? out.catch(seen) : out;
    } catch (e) {
      return seen(e);
    }
  }

  /** The methods the host answers itself, in either state; undefined for the rest. */
  private recoveryHandler(name: MethodName): ((input: never) => unknown) | undefined {
    const failed = this.state.kind === 'open' ? null : this.state;
    switch (name) {
      case 'recovery.status':
        return () => this.status();
      case 'recovery.retry':
        return () => (failed ? this.reopen('writable') : this.status());
      case 'recovery.openReadOnly':
        return () => {
          if (!failed) {
            if (this.state.kind === 'open' && this.state.readOnly) return this.status();
            throw new ApiError('CONFLICT', 'the project is already open for writing');
          }
          if (!failed.problem.choices.includes('open-read-only'))
            throw new ApiError(
              'CONFLICT',
              `a ${failed.problem.kind} project cannot be opened read-only`,
            );
          return this.reopen('read-only', failed.problem.message);
        };
      case 'recovery.salvage':
        return () => salvageProject(this.options.path);
      case 'backups.list':
        return failed
          ? () => ({
              dir: backupsDirFor(this.options.path),
              backups: listBackupEntries(this.options.path).map(describeBackup),
              schedule: DEFAULT_SCHEDULE,
              lastError: null,
            })
          : undefined;
      case 'backups.restore':
        return failed
          ? async (input: never) => {
              if (!failed.problem.choices.includes('restore-backup'))
                throw new ApiError(
                  'CONFLICT',
                  `restoring over a ${failed.problem.kind} project would hide the problem: ${failed.problem.message}`,
                );
              // A damaged project still open is let go first: its file (with everything
              // saved in it) is then moved aside whole.
              await this.release();
              const result = restoreOverDamaged(
                this.options.path,
                (input as { name: string }).name,
              );
              this.state = this.tryOpen('writable');
              return result;
            }
          : undefined;
      default:
        return undefined;
    }
  }
}

/** The problem an open failure describes; failures that are not about the file are 'not-a-project'. */
function describeFailure(path: string, e: unknown): { error: ApiError; problem: OpenProblem } {
  const error = e instanceof ApiError ? e : new ApiError('INTERNAL', `${path}: ${String(e)}`);
  const p = problemOf(error);
  const kind =
    p && (OPEN_PROBLEM_KINDS as readonly string[]).includes(p.kind) ? p.kind : 'not-a-project';
  return {
    error,
    problem: {
      kind,
      code: error.code,
      message: error.message,
      path,
      choices: p
        ? (p.choices as OpenProblem['choices'])
        : choicesFor(kind, listBackupEntries(path).length > 0),
    },
  };
}
