import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { Db } from '../open';
import { errorCode } from '../storage-errors';

/**
 * SQLite's quick_check: reads every page and checks the b-tree structure (not index contents,
 * which integrity_check also does at several times the cost). Up to five findings; none when
 * the file is sound.
 */
export function quickCheckFindings(db: Db): string[] {
  const rows = db.prepare('PRAGMA quick_check(5)').pluck().all() as string[];
  return rows.length === 1 && rows[0] === 'ok' ? [] : rows;
}

/**
 * Check a project file on a read-only connection of its own: a snapshot of the file as
 * committed when it starts, so judgments keep committing on the host's connection meanwhile.
 */
export function checkFile(path: string): string[] {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return quickCheckFindings(db);
  } catch (e) {
    // Some damage stops the check itself ("database disk image is malformed"): a finding too.
    if (errorCode(e).startsWith('SQLITE_CORRUPT')) return [(e as Error).message];
    throw e;
  } finally {
    db.close();
  }
}

/**
 * Check a project file off the calling thread: in a worker thread from `workerPath` (the
 * bundled db/integrity/check-worker.ts), so the seconds a large file takes never hold up a
 * request. Without a bundle (tests under vitest run the TypeScript sources) it runs on this
 * thread after the current turn. Resolves to the findings; rejects when the file could not
 * be read at all (which opening it would have found).
 */
export function checkInBackground(
  path: string,
  workerPath: string | null | undefined,
): Promise<string[]> {
  if (!workerPath || !existsSync(workerPath))
    return new Promise((resolve, reject) =>
      setImmediate(() => {
        try {
          resolve(checkFile(path));
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      }),
    );
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerPath, { workerData: { path } });
    worker.once(
      'message',
      (m: { ok: true; findings: string[] } | { ok: false; error: string; code?: string }) => {
        void worker.terminate();
        if (m.ok) resolve(m.findings);
        else reject(Object.assign(new Error(m.error), { code: m.code }));
      },
    );
    worker.once('error', reject);
  });
}
