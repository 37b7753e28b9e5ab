/**
 * The import worker thread's entry (bundled to dist/cli/import-worker.mjs). It runs one import
 * on its own connection and reports progress, then the summary or the error, to its parent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toApiError } from '../jobs';
import { inThisThread, type ImportJobSpec, type WorkerMessage } from './import-job';

const { spec, cancelFlag } = workerData as { spec: ImportJobSpec; cancelFlag: SharedArrayBuffer };
const flag = new Int32Array(cancelFlag);
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

inThisThread(spec, {
  shouldCancel: () => Atomics.load(flag, 0) === 1,
  onProgress: (progress) => post({ type: 'progress', progress }),
}).then(
  (summary) => post({ type: 'done', summary }),
  (e: unknown) => post({ type: 'failed', error: toApiError(e).toJSON() }),
);
