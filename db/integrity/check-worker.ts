/**
 * Worker-thread entry (bundled to dist/cli/check-worker.mjs and dist/electron/check-worker.cjs):
 * one quick_check of a project file on a read-only connection of its own.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkFile } from './quick-check';

const { path } = workerData as { path: string };
try {
  parentPort!.postMessage({ ok: true, findings: checkFile(path) });
} catch (e) {
  parentPort!.postMessage({
    ok: false,
    error: e instanceof Error ? e.message : String(e),
    code: (e as { code?: string }).code,
  });
}
