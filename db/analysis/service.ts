import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { ApiError } from '../../shared/api/errors';
import { openProject, type Project } from '../open';
import { InputCache } from './input-cache';
import { compute, type AnalysisResult, type AnalysisTask } from './run';

export interface WorkerRequest {
  id: number;
  generation: number;
  task: AnalysisTask;
}

export type WorkerReply =
  | { id: number; ok: true; result: AnalysisResult; loadMs: number; reused: boolean }
  | { id: number; ok: false; error: string; code?: string };

/** An analysis's outcome, with how its input was had: loaded for it, or kept from the last. */
export interface AnalysisRun {
  result: AnalysisResult;
  loadMs: number;
  reused: boolean;
}

interface Queued {
  request: WorkerRequest;
  resolve: (r: AnalysisRun) => void;
  reject: (e: Error) => void;
  signal?: AbortSignal;
}

/** Terminated after this long without work, so an idle project holds no input in memory. */
const IDLE_MS = 5 * 60_000;

/**
 * The project's analyses (agreement, leaderboard, and what builds on them), off the
 * backend's thread: one long-lived worker (`workerPath`, the bundled db/analysis/worker.ts)
 * with its own read connection, running one task at a time and keeping the loaded input
 * between tasks until the project's judgments change (`invalidate`). So the review screen's
 * agreement and the leaderboard share one load. Cancelling the running task terminates the
 * worker (the next task starts a new one); a queued task is just dropped. Without a worker
 * bundle (unit tests, scripts) the same happens inline.
 */
export class AnalysisService {
  private worker: Worker | null = null;
  private readonly queue: Queued[] = [];
  private running: Queued | null = null;
  private generation = 0;
  private nextId = 1;
  private idle: NodeJS.Timeout | null = null;
  private inline: { project: Project; cache: InputCache } | null = null;

  constructor(
    private readonly projectPath: string,
    private readonly workerPath: string | undefined,
  ) {}

  /** The project's judgments changed: the next task loads afresh. */
  invalidate(): void {
    this.generation++;
  }

  run(task: AnalysisTask, signal?: AbortSignal): Promise<AnalysisRun> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(cancelled());
      const q: Queued = {
        request: { id: this.nextId++, generation: this.generation, task },
        resolve,
        reject,
        signal,
      };
      signal?.addEventListener('abort', () => this.cancel(q), { once: true });
      this.queue.push(q);
      this.pump();
    });
  }

  async close(): Promise<void> {
    for (const q of this.queue.splice(0)) q.reject(cancelled());
    this.running?.reject(cancelled());
    this.running = null;
    await this.stopWorker();
    this.inline?.project.close();
    this.inline = null;
  }

  private cancel(q: Queued): void {
    const at = this.queue.indexOf(q);
    if (at >= 0) {
      this.queue.splice(at, 1);
      q.reject(cancelled());
    } else if (this.running === q) {
      this.running = null;
      q.reject(cancelled());
      // The worker is busy with it synchronously: only terminating stops it.
      void this.stopWorker().then(() => this.pump());
    }
  }

  private pump(): void {
    if (this.running || this.queue.length === 0) return;
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const q = this.queue.shift()!;
    this.running = q;
    if (this.workerPath && existsSync(this.workerPath)) this.worker ??= this.startWorker();
    if (this.worker) this.worker.postMessage(q.request);
    else setImmediate(() => this.runInline(q));
  }

  private finish(q: Queued, outcome: { run: AnalysisRun } | { error: Error }): void {
    if (this.running !== q) return; // cancelled meanwhile
    this.running = null;
    if ('run' in outcome) q.resolve(outcome.run);
    else q.reject(outcome.error);
    if (this.queue.length) this.pump();
    else if (this.worker) {
      this.idle = setTimeout(() => void this.stopWorker(), IDLE_MS);
      this.idle.unref();
    }
  }

  private runInline(q: Queued): void {
    try {
      this.inline ??= {
        project: openProject(this.projectPath, { readonly: true }),
        cache: new InputCache(),
      };
      const { input, loadMs, reused } = this.inline.cache.get(
        this.inline.project.db,
        q.request.generation,
      );
      this.finish(q, {
        run: {
          result: compute(input, q.request.task, loadMs, this.inline.project.db),
          loadMs,
          reused,
        },
      });
    } catch (e) {
      this.finish(q, { error: e instanceof Error ? e : new Error(String(e)) });
    }
  }

  private startWorker(): Worker {
    const worker = new Worker(this.workerPath!, { workerData: { projectPath: this.projectPath } });
    worker.on('message', (m: WorkerReply) => {
      const q = this.running;
      if (!q || q.request.id !== m.id) return;
      if (m.ok) this.finish(q, { run: { result: m.result, loadMs: m.loadMs, reused: m.reused } });
      else
        this.finish(q, {
          error: new ApiError(
            m.code === 'PROJECT_UNREADABLE' ? 'PROJECT_UNREADABLE' : 'INTERNAL',
            m.error,
          ),
        });
    });
    const gone = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      if (this.running) this.finish(this.running, { error });
    };
    worker.on('error', gone);
    worker.on('exit', (code) =>
      gone(
        new ApiError('INTERNAL', `the analysis worker stopped unexpectedly (exit code ${code})`),
      ),
    );
    return worker;
  }

  private async stopWorker(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}

function cancelled(): ApiError {
  return new ApiError('CANCELLED', 'analysis cancelled');
}
