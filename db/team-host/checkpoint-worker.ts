/**
 * Worker-thread entry (bundled to dist/cli/checkpoint-worker.mjs): a team host's checkpoints,
 * on a connection and a thread of their own. Every `intervalMs` it copies what the WAL holds
 * into the project file (`wal_checkpoint(PASSIVE)`: it waits for no reader or writer), with
 * the syncs that takes, so the thread serving the labellers never stops for one.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const { path, intervalMs } = workerData as { path: string; intervalMs: number };
const db = new Database(path, { fileMustExist: true });
db.pragma('busy_timeout = 100');
db.pragma('synchronous = FULL');
db.pragma('wal_autocheckpoint = 0');
let frames = 0;
const timer = setInterval(() => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)') as Array<{
      log: number;
      checkpointed: number;
    }>;
    if (r && r.checkpointed > 0) frames += r.checkpointed;
  } catch (e) {
    // Busy (another checkpoint, a restore): the next tick tries again. Anything else is said.
    const code = (e as { code?: string }).code ?? '';
    if (!code.startsWith('SQLITE_BUSY') && !code.startsWith('SQLITE_LOCKED'))
      parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) });
  }
}, intervalMs);
parentPort!.on('message', (m: { stop?: boolean }) => {
  if (!m.stop) return;
  clearInterval(timer);
  db.close();
  parentPort!.postMessage({ stopped: true, frames });
});
