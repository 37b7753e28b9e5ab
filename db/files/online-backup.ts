import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Db } from '../open';
import { fsyncDir, fsyncFile } from './fsync';

/**
 * Copies of a live project through SQLite's online backup API: a page-for-page snapshot of
 * one committed state, taken while other connections keep reading and writing. Every copy
 * is written to a temp name, switched to a self-contained rollback-journal file (no -wal
 * beside it, so it can be mailed or restored as one file), fsynced, and only then renamed
 * into place: a crash or a full disk mid-copy leaves no half backup that looks whole.
 */

/** The native backup handle better-sqlite3 drives from its async `backup()`. */
interface NativeBackup {
  transfer(pages: number): { totalPages: number; remainingPages: number };
  close(): void;
}
type NativeDb = { backup(db: Db, schema: string, dest: string, isNew: boolean): NativeBackup };

/** better-sqlite3 keeps its native handle under a symbol-keyed property of each Database. */
function nativeOf(db: Db): NativeDb | undefined {
  for (const key of Object.getOwnPropertySymbols(db)) {
    const value = (db as unknown as Record<symbol, unknown>)[key] as Partial<NativeDb> | undefined;
    if (value && typeof value.backup === 'function') return value as NativeDb;
  }
  return undefined;
}

/**
 * Copy `db` to `dest` in one synchronous step. Opening a project (and so the backup made
 * before a migration) and restoring one are synchronous, and nothing may commit between the
 * copy and what follows it; better-sqlite3 only offers the backup API as a Promise stepping
 * over setImmediate, so this drives the same native handle to completion at once.
 */
export function backupSync(db: Db, dest: string): void {
  const native = nativeOf(db);
  if (!native) {
    throw new Error(
      'better-sqlite3 no longer exposes its backup handle: update db/files/online-backup.ts',
    );
  }
  const tmp = tempBeside(dest);
  try {
    const backup = native.backup(db, 'main', tmp, true);
    try {
      backup.transfer(-1);
    } finally {
      backup.close();
    }
    finish(tmp, dest);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Copy `db` to `dest` in steps of `pagesPerStep`, yielding to the event loop between them,
 * so judgments keep committing while a scheduled backup of a large project runs. SQLite
 * restarts the copy by itself if a page it already copied changes.
 */
export async function backupAsync(db: Db, dest: string, pagesPerStep = 256): Promise<void> {
  const tmp = tempBeside(dest);
  try {
    await db.backup(tmp, { progress: () => pagesPerStep });
    finish(tmp, dest);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

function tempBeside(dest: string): string {
  return join(dirname(dest), `.${basename(dest)}.${randomBytes(4).toString('hex')}.partial`);
}

function finish(tmp: string, dest: string): void {
  const copy = new Database(tmp);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  fsyncFile(tmp);
  renameSync(tmp, dest);
  fsyncDir(dirname(dest));
}

/**
 * Copy `source` over the database at `destPath` in place, through a connection of its own:
 * one write transaction on the destination, so other connections to it (the app's own)
 * see the old database or the new one, and keep working. Used to restore a backup.
 */
export function copyInto(source: Db, destPath: string): void {
  const native = nativeOf(source);
  if (!native) throw new Error('better-sqlite3 no longer exposes its backup handle');
  const backup = native.backup(source, 'main', destPath, false);
  try {
    backup.transfer(-1);
  } finally {
    backup.close();
  }
}
