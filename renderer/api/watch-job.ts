import type { Client } from '../../shared/api/client';
import {
  outcomeOf,
  type EventPayload,
  type JobFinished,
  type JobKind,
  type JobOutcome,
  type JobResult,
} from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';

/** A job as a screen shows it: how far it got, and how it ended, its result typed by kind. */
export interface JobView<K extends JobKind> {
  jobId: string;
  kind: K;
  status: 'running' | 'succeeded' | 'failed' | 'cancelled';
  done: number;
  total: number | null;
  result: JobResult<K> | null;
  error: string | null;
}

/** A job of kind `kind` just started: running, nothing done yet. */
export function runningJob<K extends JobKind>(jobId: string, kind: K): JobView<K> {
  return { jobId, kind, status: 'running', done: 0, total: null, result: null, error: null };
}

/** What the end of a job changes in its view. */
export function endedJob<K extends JobKind>(
  end: JobOutcome<K>,
): Pick<JobView<K>, 'status' | 'result' | 'error'> {
  return {
    status: end.status,
    result: end.status === 'succeeded' ? end.result : null,
    error: end.status === 'failed' ? end.error.message : null,
  };
}

export interface JobWatcher<K extends JobKind> {
  /** Each `job.progress` of the job. */
  onProgress?: (progress: EventPayload<'job.progress'>) => void;
  /** How the job ended: called once. */
  onEnd: (end: JobOutcome<K>) => void;
}

/**
 * Follow one job of kind `kind` to its end: its progress and its end through events, and
 * `jobs.get` asked once, for a job that finished before this page was listening (the event
 * stream connected late, or the job was quicker than the reply that named it). `onEnd` is
 * called exactly once, whichever tells first, and the watch stops there; the returned
 * function stops it sooner.
 */
export function watchJob<K extends JobKind>(
  client: Client,
  jobId: string,
  kind: K,
  watcher: JobWatcher<K>,
): () => void {
  let over = false;
  const stop = () => {
    over = true;
    offProgress();
    offFinished();
  };
  const end = (finished: JobFinished) => {
    if (over) return;
    stop();
    watcher.onEnd(
      outcomeOf(finished, kind) ?? {
        status: 'failed',
        error: { code: 'INTERNAL', message: `job ${jobId} is a ${finished.kind} job, not ${kind}` },
      },
    );
  };
  const offProgress = client.on('job.progress', (p) => {
    if (!over && p.jobId === jobId) watcher.onProgress?.(p);
  });
  const offFinished = client.on('job.finished', (f) => {
    if (f.jobId === jobId) end(f);
  });
  client.call('jobs.get', { jobId }).then(
    (state) => {
      if (state.status !== 'running') end(state);
    },
    (e: unknown) => {
      // A backend that does not know the job (the project was opened again meanwhile) will
      // never tell its end; any other failure leaves the events to tell it.
      if (e instanceof ApiError && e.code === 'NOT_FOUND')
        end({ jobId, kind, status: 'failed', error: e.toJSON() });
    },
  );
  return stop;
}
