import {
  JobFinishedSchema,
  type JobFinished,
  type JobKind,
  type JobResult,
  type JobState,
} from '../shared/api/contract';
import { ApiError } from '../shared/api/errors';
import type { EventHub } from './events';
import { withinBoundary } from './fault-boundary';
import { uuidv7 } from './ids';
import { storageError } from './storage-errors';

export interface JobContext {
  signal: AbortSignal;
  progress(done: number, total: number | null, unit: 'rows' | 'bytes' | 'items'): void;
}

/** Where a job stands, with its id and kind: what `jobs.get` answers. */
export type JobStatus = JobState;

const PROGRESS_INTERVAL_MS = 100;

/**
 * Long work (import, export, merge, agreement) runs as a job: started by a call that returns
 * at once with an id, reporting progress as events (throttled), cancellable through an
 * AbortSignal, and finishing with exactly one job.finished event. A job's kind is a row of the
 * contract's job table (shared/api/methods/job-results.ts): work of that kind must return that
 * kind's result (a compile error otherwise), and what it returns is checked against its schema
 * when it ends, as dispatch checks what a method returns.
 */
export class JobRunner {
  private readonly running = new Map<string, { kind: JobKind; controller: AbortController }>();
  private readonly finished = new Map<string, JobFinished>();
  private readonly done = new Map<string, Promise<void>>();

  constructor(private readonly events: EventHub) {}

  start<K extends JobKind>(kind: K, work: (ctx: JobContext) => Promise<JobResult<K>>): string {
    const jobId = uuidv7();
    const controller = new AbortController();
    this.running.set(jobId, { kind, controller });
    let last = 0;
    const ctx: JobContext = {
      signal: controller.signal,
      progress: (done, total, unit) => {
        const now = Date.now();
        if (now - last < PROGRESS_INTERVAL_MS && done !== total) return;
        last = now;
        this.events.emit('job.progress', { jobId, kind, done, total, unit });
      },
    };
    // An error that escapes the work (a stream's 'error' nobody listened to) fails this job,
    // not the process; whatever the work does afterwards no longer counts.
    const boundary = {
      what: `job ${jobId} (${kind})`,
      fail: (e: Error) => {
        controller.abort();
        this.finish({ jobId, kind, status: 'failed', error: toApiError(e).toJSON() });
      },
    };
    // Start on the next turn so the caller has the id before any event about it.
    const done = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => withinBoundary(boundary, () => work(ctx)))
      .then(
        (result) => this.finish(checked(jobId, kind, result)),
        (e: unknown) => {
          const cancelled =
            controller.signal.aborted || (e instanceof ApiError && e.code === 'CANCELLED');
          this.finish(
            cancelled
              ? { jobId, kind, status: 'cancelled' }
              : { jobId, kind, status: 'failed', error: toApiError(e).toJSON() },
          );
        },
      );
    this.done.set(jobId, done);
    return jobId;
  }

  cancel(jobId: string): boolean {
    const job = this.running.get(jobId);
    if (!job) return false;
    job.controller.abort();
    return true;
  }

  cancelAll(): void {
    for (const job of this.running.values()) job.controller.abort();
  }

  runningCount(): number {
    return this.running.size;
  }

  status(jobId: string): JobStatus | undefined {
    const running = this.running.get(jobId);
    if (running) return { jobId, kind: running.kind, status: 'running' };
    return this.finished.get(jobId);
  }

  /** Resolves when every running job has finished: used on shutdown and in tests. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.done.values()]);
  }

  private finish(end: JobFinished): void {
    const { jobId } = end;
    // Exactly one job.finished per job, even when an escaped error finished it first.
    if (!this.running.has(jobId)) return;
    this.running.delete(jobId);
    this.done.delete(jobId);
    this.finished.set(jobId, end);
    this.events.emit('job.finished', end);
  }
}

/**
 * A success as the contract has it: its result checked against its kind's schema (and
 * stripped to it, as dispatch strips a method's output). Work that broke the contract is a
 * bug on our side: the job fails as INTERNAL rather than pass the result on.
 */
function checked(jobId: string, kind: JobKind, result: unknown): JobFinished {
  const parsed = JobFinishedSchema.safeParse({ jobId, kind, status: 'succeeded', result });
  if (parsed.success) return parsed.data;
  const error = new ApiError(
    'INTERNAL',
    `a ${kind} job returned a result outside its contract: ${parsed.error.message}`,
  );
  return { jobId, kind, status: 'failed', error: error.toJSON() };
}

export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  const storage = storageError(e);
  if (storage) return storage;
  return new ApiError('INTERNAL', e instanceof Error ? e.message : String(e));
}
