import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Db } from '../open';

/** SQLite's default: a checkpoint by the committing connection once the WAL holds 1000 pages. */
const AUTO_CHECKPOINT_PAGES = 1000;

/**
 * Checkpoints off the labellers' thread. A checkpoint copies the WAL into the project file and
 * syncs both: tens of milliseconds under load, and SQLite runs it inside the commit that
 * crosses the threshold, stopping every request meanwhile. On a team host the project's
 * connection is told not to (`wal_autocheckpoint = 0`) and a worker with a connection of its
 * own checkpoints a few times a second instead (checkpoint-worker.ts). Should the worker stop,
 * the connection checkpoints for itself again. Without a worker bundle (tests run sources),
 * nothing changes.
 */
export class Checkpointer {
  private worker: Worker | null = null;

  constructor(
    private readonly db: Db,
    path: string,
    workerPath: string | null | undefined,
    onError: (message: string) => void = () => undefined,
  ) {
    if (!workerPath || !existsSync(workerPath)) return;
    const worker = new Worker(workerPath, { workerData: { path, intervalMs: 200 } });
    this.worker = worker;
    db.pragma('wal_autocheckpoint = 0');
    worker.unref();
    worker.on('message', (m: { error?: string }) => {
      if (m.error) onError(`checkpoint: ${m.error}`);
    });
    const gone = () => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.restore();
    };
    worker.on('error', (e) => {
      onError(`the checkpoint worker stopped: ${e.message}`);
      gone();
    });
    worker.on('exit', gone);
  }

  get running(): boolean {
    return this.worker !== null;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    await new Promise<void>((done) => {
      const timeout = setTimeout(() => void worker.terminate().then(() => done()), 2000);
      worker.once('message', () => {
        clearTimeout(timeout);
        void worker.terminate().then(() => done());
      });
      worker.postMessage({ stop: true });
    });
    this.restore();
  }

  private restore(): void {
    try {
      this.db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
    } catch {
      // The connection is closed already: nothing to restore.
    }
  }
}
