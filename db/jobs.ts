import { ApiError } from '../shared/api/errors';
import type { EventHub } from './events';
import { withinBoundary } from './fault-boundary';
import { uuidv7 } from './ids';
import { storageError } from './storage-errors';

export interface JobContext {
  signal: AbortSignal;
  progress(done: number, total: number | null, unit: 'rows' | 'bytes' | 'items'): void;
}

export type JobStatus =
  | { status: 'running' }
  | { status: 'succeeded'; result: unknown }
  | { status: 'failed'; error: ReturnType<ApiError['toJSON']> }
  | { status: 'cancelled' };

const PROGRESS_INTERVAL_MS = 100;

/**
 * Long work (import, export, merge, agreement) runs as a job: started by a call that returns
 * at once with an id, reporting progress as events (throttled), cancellable through an
 * AbortSignal, and finishing with exactly one job.finished event.
 */
export class JobRunner {
  private readonly running = new Map<string, AbortController>();
  private readonly finished = new Map<string, JobStatus>();
  private readonly done = new Map<string, Promise<void>>();

  constructor(private readonly events: EventHub) {}

  start(kind: string, work: (ctx: JobContext) => Promise<unknown>): string {
    const jobId = uuidv7();
    const controller = new AbortController();
    this.running.set(jobId, controller);
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
        this.finish(jobId, kind, { status: 'failed', error: toApiError(e).toJSON() });
      },
    };
    // Start on the next turn so the caller has the id before any event about it.
    const done = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => withinBoundary(boundary, () => work(ctx)))
      .then(
        (result) => this.finish(jobId, kind, { status: 'succeeded', result }),
        (e: unknown) => {
          const cancelled =
            controller.signal.aborted || (e instanceof ApiError && e.code === 'CANCELLED');
          this.finish(
            jobId,
            kind,
            cancelled
              ? { status: 'cancelled' }
              : { status: 'failed', error: toApiError(e).toJSON() },
          );
        },
      );
    this.done.set(jobId, done);
    return jobId;
  }

  cancel(jobId: string): boolean {
    const c = this.running.get(jobId);
    if (!c) return false;
    c.abort();
    return true;
  }

  cancelAll(): void {
    for (const c of this.running.values()) c.abort();
  }

  runningCount(): number {
    return this.running.size;
  }

  status(jobId: string): JobStatus | undefined {
    if (this.running.has(jobId)) return { status: 'running' };
    return this.finished.get(jobId);
  }

  /** Resolves when every running job has finished: used on shutdown and in tests. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.done.values()]);
  }

  private finish(
    jobId: string,
    kind: string,
    status: Exclude<JobStatus, { status: 'running' }>,
  ): void {
    // Exactly one job.finished per job, even when an escaped error finished it first.
    if (!this.running.has(jobId)) return;
    this.running.delete(jobId);
    this.done.delete(jobId);
    this.finished.set(jobId, status);
    this.events.emit('job.finished', { jobId, kind, ...status });
  }
}

export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  const storage = storageError(e);
  if (storage) return storage;
  return new ApiError('INTERNAL', e instanceof Error ? e.message : String(e));
}
