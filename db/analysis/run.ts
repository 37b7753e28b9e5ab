import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { computeAgreement } from '../../shared/analysis/agreement-report';
import { computeLeaderboard, type LeaderboardOptions } from '../../shared/analysis/leaderboard';
import type { PackedQueue } from '../../shared/analysis/queue-pack';
import type { AgreementReport, Leaderboard } from '../../shared/analysis/report';
import { ApiError } from '../../shared/api/errors';
import { openProject } from '../open';
import { loadAnalysisInput } from './load';

export type AnalysisTask =
  { task: 'agreement' } | { task: 'leaderboard'; options?: LeaderboardOptions };

export type AnalysisResult =
  | { task: 'agreement'; report: AgreementReport; queue: PackedQueue }
  | { task: 'leaderboard'; leaderboard: Leaderboard };

/**
 * The analysis itself, on a read-only connection of its own (a consistent snapshot while
 * judgments keep committing elsewhere). Runs in the worker thread, or inline where no worker
 * bundle exists (unit tests, scripts).
 */
export function analyse(projectPath: string, t: AnalysisTask): AnalysisResult {
  const project = openProject(projectPath, { readonly: true });
  try {
    const t0 = performance.now();
    const input = loadAnalysisInput(project.db);
    if (t.task === 'agreement') {
      const { report, queue } = computeAgreement(input);
      return {
        task: 'agreement',
        report: { ...report, computeMs: performance.now() - t0 },
        queue,
      };
    }
    const lb = computeLeaderboard(input, t.options);
    return { task: 'leaderboard', leaderboard: { ...lb, computeMs: performance.now() - t0 } };
  } finally {
    project.close();
  }
}

/**
 * Run an analysis off the calling thread: a worker thread from `workerPath` (the bundled
 * db/analysis/worker.ts) keeps the backend's event loop free, so labelling and the review
 * screen stay responsive while 100k items are crunched. Cancelling terminates the worker.
 */
export function runAnalysis(
  projectPath: string,
  t: AnalysisTask,
  workerPath: string | undefined,
  signal?: AbortSignal,
): Promise<AnalysisResult> {
  if (!workerPath || !existsSync(workerPath)) {
    return new Promise((resolve, reject) =>
      setImmediate(() => {
        try {
          signal?.throwIfAborted();
          resolve(analyse(projectPath, t));
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      }),
    );
  }
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerPath, { workerData: { projectPath, task: t } });
    const onAbort = () => {
      void worker.terminate();
      reject(new ApiError('CANCELLED', 'analysis cancelled'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once(
      'message',
      (m: { ok: true; result: AnalysisResult } | { ok: false; error: string; code?: string }) => {
        signal?.removeEventListener('abort', onAbort);
        void worker.terminate();
        if (m.ok) resolve(m.result);
        else
          reject(
            new ApiError(
              m.code === 'PROJECT_UNREADABLE' ? 'PROJECT_UNREADABLE' : 'INTERNAL',
              m.error,
            ),
          );
      },
    );
    worker.once('error', (e) => {
      signal?.removeEventListener('abort', onAbort);
      reject(e);
    });
  });
}
