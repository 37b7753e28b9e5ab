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
import { openProject, type OpenOptions } from './open';
import { problemOf } from './open-problems';
import { salvageProject } from './recovery/salvage';
import { restoreOverDamaged } from './recovery/restore-offline';

export interface ProjectHostOptions extends Omit<BackendOptions, 'project'> {
  path: string;
  /** Open read-only from the start (`rankwise serve --read-only`). */
  readOnly?: boolean;
  /** Run scheduled backups while the project is open for writing. */
  scheduleBackups?: boolean;
  open?: Pick<OpenOptions, 'busyTimeoutMs' | 'migrations'>;
}

type State =
  | { kind: 'open'; backend: Backend; readOnly: string | null; unsubscribe: () => void }
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

  constructor(private readonly options: ProjectHostOptions) {
    this.handlers = this.buildHandlers();
    this.state = this.tryOpen(options.readOnly ? 'read-only' : 'writable');
  }

  get backend(): Backend | null {
    return this.state.kind === 'open' ? this.state.backend : null;
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

  async close(): Promise<void> {
    this.uploads.clear();
    const s = this.state;
    if (s.kind !== 'open') return;
    s.unsubscribe();
    await backupServiceFor(s.backend.project).stop();
    await s.backend.close();
  }

  private tryOpen(mode: 'writable' | 'read-only', reason?: string): State {
    const readonly = mode === 'read-only';
    let backend: Backend;
    try {
      const project = openProject(this.options.path, { ...this.options.open, readonly });
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
    return {
      kind: 'open',
      backend,
      unsubscribe,
      readOnly: readonly ? (reason ?? 'opened read-only') : null,
    };
  }

  private reopen(mode: 'writable' | 'read-only', reason?: string): RecoveryStatus {
    if (this.state.kind === 'open') throw new ApiError('CONFLICT', 'the project is already open');
    this.state = this.tryOpen(mode, reason);
    return this.status();
  }

  private failure(): ApiError {
    if (this.state.kind !== 'failed') throw new Error('not failed');
    return this.state.error;
  }

  private buildHandlers(): Handlers {
    const table = {} as Record<MethodName, (input: never) => unknown>;
    for (const name of methodNames) {
      table[name] = (input: never) => {
        const s = this.state;
        const own = this.recoveryHandler(name);
        if (own) return own(input);
        if (s.kind === 'open') return (s.backend.handlers[name] as (i: never) => unknown)(input);
        throw this.failure();
      };
    }
    return table as unknown as Handlers;
  }

  /** The methods the host answers itself, in either state; undefined for the rest. */
  private recoveryHandler(name: MethodName): ((input: never) => unknown) | undefined {
    const failed = this.state.kind === 'failed' ? this.state : null;
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
          ? (input: never) => {
              if (!failed.problem.choices.includes('restore-backup'))
                throw new ApiError(
                  'CONFLICT',
                  `restoring over a ${failed.problem.kind} project would hide the problem: ${failed.problem.message}`,
                );
              const result = restoreOverDamaged(
                this.options.path,
                (input as { name: string }).name,
              );
              this.reopen('writable');
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
