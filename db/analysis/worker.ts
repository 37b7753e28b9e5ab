/**
 * Worker-thread entry (bundled to dist/cli/analysis-worker.mjs and
 * dist/electron/analysis-worker.cjs): the analyses of one project, one task at a time, on a
 * read connection of its own, keeping the loaded input between tasks (AnalysisService).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openProject } from '../open';
import { InputCache } from './input-cache';
import { compute, type AnalysisTask } from './run';
import type { WorkerReply, WorkerRequest } from './service';

const { projectPath } = workerData as { projectPath: string };
const project = openProject(projectPath, { readonly: true });
const cache = new InputCache();

parentPort!.on('message', ({ id, generation, task }: WorkerRequest & { task: AnalysisTask }) => {
  let reply: WorkerReply;
  try {
    const { input, loadMs, reused } = cache.get(project.db, generation);
    reply = { id, ok: true, result: compute(input, task, loadMs, project.db), loadMs, reused };
  } catch (e) {
    reply = {
      id,
      ok: false,
      error: e instanceof Error ? e.message : String(e),
      code: (e as { code?: string }).code,
    };
  }
  parentPort!.postMessage(reply);
});
