/**
 * Worker-thread entry (bundled to dist/cli/analysis-worker.mjs and
 * dist/electron/analysis-worker.cjs): one analysis per worker, on its own read connection.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyse, type AnalysisTask } from './run';

const { projectPath, task } = workerData as { projectPath: string; task: AnalysisTask };
try {
  parentPort!.postMessage({ ok: true, result: analyse(projectPath, task) });
} catch (e) {
  parentPort!.postMessage({
    ok: false,
    error: e instanceof Error ? e.message : String(e),
    code: (e as { code?: string }).code,
  });
}
