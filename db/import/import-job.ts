import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { ApiError, type ApiErrorShape } from '../../shared/api/errors';
import type { ImportSummary } from '../../shared/api/contract';
import { toApiError } from '../jobs';
import { openProject } from '../open';
import { importFile, type ImportProgress, type ImportRequest } from './import-file';

export interface ImportJobSpec {
  /** The project file: the import opens a connection of its own to it. */
  projectPath: string;
  /** The data file. */
  path: string;
  request: ImportRequest;
}

export interface RunOptions {
  /** The bundled worker script; null runs on this thread (tests, or a build without it). */
  workerPath: string | null;
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
}

/** The merge waits for judgments being written elsewhere; a minute is far more than any takes. */
const IMPORT_BUSY_TIMEOUT_MS = 60_000;

/**
 * Run an import on a connection of its own, never the one judgments are saved on: in a worker
 * thread when the host built one (so parsing a big file never stalls the UI's calls), on this
 * thread otherwise. Either way the import stages without locking the project and merges in one
 * short transaction (see import-file.ts).
 */
export function runImport(spec: ImportJobSpec, options: RunOptions): Promise<ImportSummary> {
  if (options.workerPath && existsSync(options.workerPath))
    return inWorker(spec, options.workerPath, options);
  return inThisThread(spec, options);
}

export async function inThisThread(
  spec: ImportJobSpec,
  options: Omit<RunOptions, 'workerPath'> & { shouldCancel?: () => boolean },
): Promise<ImportSummary> {
  // Not checked again: the host that started the job has the project open and checks it in
  // the background (seconds per import on a large file otherwise); damage found cancels the
  // job before its one write transaction commits, or refuses the job.
  const project = openProject(spec.projectPath, {
    busyTimeoutMs: IMPORT_BUSY_TIMEOUT_MS,
    quickCheck: false,
  });
  try {
    return await importFile(project.db, spec.path, {
      ...spec.request,
      signal: options.signal,
      shouldCancel: options.shouldCancel,
      onProgress: options.onProgress,
    });
  } finally {
    project.close();
  }
}

export type WorkerMessage =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'done'; summary: ImportSummary }
  | { type: 'failed'; error: ApiErrorShape };

function inWorker(
  spec: ImportJobSpec,
  workerPath: string,
  options: RunOptions,
): Promise<ImportSummary> {
  // A shared flag, not a message: the worker sees a cancel even in the middle of synchronous work.
  const cancelFlag = new SharedArrayBuffer(4);
  const worker = new Worker(workerPath, { workerData: { spec, cancelFlag } });
  const cancel = () => Atomics.store(new Int32Array(cancelFlag), 0, 1);
  if (options.signal?.aborted) cancel();
  options.signal?.addEventListener('abort', cancel, { once: true });
  return new Promise<ImportSummary>((resolve, reject) => {
    let settled = false;
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') options.onProgress?.(m.progress);
      else {
        settled = true;
        if (m.type === 'done') resolve(m.summary);
        else reject(new ApiError(m.error.code, m.error.message, m.error.details));
      }
    });
    worker.on('error', (e) => {
      settled = true;
      reject(toApiError(e));
    });
    worker.on('exit', (code) => {
      options.signal?.removeEventListener('abort', cancel);
      if (!settled)
        reject(
          new ApiError('INTERNAL', `the import worker stopped unexpectedly (exit code ${code})`),
        );
    });
  });
}
