import Database from 'better-sqlite3';
import { accessSync, constants, copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { migrations as allMigrations } from './migrations';
import type { Migration } from './migrations/types';
import { uuidv7 } from './ids';
import { DEFAULT_TASK } from '../shared/domain/task';
import { backupSync } from './files/online-backup';
import { newBackupPath } from './backups/store';
import { classifyOpenError, openProblem, readOnlyProblem, writeBlocker } from './open-problems';
import { quickCheckFindings } from './integrity/quick-check';
import type { ApiError } from '../shared/api/errors';

export type Db = Database.Database;

export interface OpenOptions {
  /** Create the file (and its schema) when it does not exist. */
  create?: boolean;
  /** Open without writing anything, not even a migration. */
  readonly?: boolean;
  /** Milliseconds to wait for another writer (a CLI import, say) before giving up. */
  busyTimeoutMs?: number;
  /** The migration list; tests pass a longer one to exercise upgrades. */
  migrations?: readonly Migration[];
  /**
   * Run `PRAGMA quick_check` before using the file, which reads all of it (seconds for a
   * large project). On by default for writable opens: a one-shot command must not write into
   * a damaged file. Off for read-only ones (the app's own extra connections, or a deliberate
   * look at a damaged file) unless asked. ProjectHost turns it off and checks in the
   * background instead (db/integrity/). Whatever this says, a file that needs a migration is
   * checked before it is backed up and migrated: a damaged file is never migrated.
   */
  quickCheck?: boolean;
}

export interface Project {
  db: Db;
  path: string;
  schemaVersion: number;
  /** Opened read-only: every write fails with PROJECT_READ_ONLY. */
  readOnly: boolean;
  close(): void;
}

/**
 * Open a .rankwise project file. Durability first: WAL with synchronous=FULL, so a judgment
 * acknowledged to the UI survives a crash or power loss, not just a process exit.
 *
 * A file that cannot be used is refused with a specific problem (damaged, locked by another
 * writer, read-only, from a newer version, not a project) and the choices that make sense
 * for it (shared/domain/open-problem.ts). The file is never changed on the way to a refusal.
 */
export function openProject(path: string, options: OpenOptions = {}): Project {
  const exists = existsSync(path);
  if (!exists && (!options.create || options.readonly))
    throw openProblem('missing', path, `${path}: no such project file`);
  const readonly = options.readonly ?? false;
  if (exists && !readonly) {
    const blocker = writeBlocker(path);
    if (blocker) throw readOnlyProblem(path, blocker);
  }

  const migrations = options.migrations ?? allMigrations;
  const latest = migrations[migrations.length - 1]!.version;
  let db: Db;
  let cleanup: (() => void) | undefined;
  try {
    ({ db, cleanup } = connect(path, readonly, options.create ?? false));
  } catch (e) {
    throw classifyOpenError(path, e);
  }
  const close = () => {
    db.close();
    cleanup?.();
  };
  try {
    db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > latest) {
      throw openProblem(
        'newer-version',
        path,
        `${path} was written by a newer Rankwise (project schema v${version}; this version reads up to v${latest}). Update Rankwise to open it; the file was not changed.`,
        { version, supported: latest },
      );
    }
    if (version === 0 && exists && hasTables(db)) {
      throw openProblem(
        'not-a-project',
        path,
        `${path} is an SQLite file but not a Rankwise project; it was not changed.`,
      );
    }
    const migrating = !readonly && version > 0 && version < latest;
    if ((options.quickCheck ?? !readonly) || migrating) quickCheck(db, path);
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      // Statement journals in memory: a statement that fires triggers (judgment_facts) inside a
      // longer transaction journals the pages it touches, and past 64 KiB SQLite spills that
      // to a temporary file per statement, ~30 µs a row in a merge. Temp tables and sorts
      // (merge bookkeeping, packages) are bounded by what one merge or package holds.
      db.pragma('temp_store = MEMORY');
      probeWriteLock(db);
      if (version < latest) upgrade(db, path, migrations, { backupFirst: version > 0 });
    } else if (version < latest) {
      throw openProblem(
        'not-a-project',
        path,
        `${path} uses project schema v${version}; open it once for writing to upgrade it to v${latest}.`,
      );
    }
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    return { db, path, schemaVersion, readOnly: readonly, close };
  } catch (e) {
    close();
    throw classifyOpenError(path, e);
  }
}

function connect(
  path: string,
  readonly: boolean,
  create: boolean,
): { db: Db; cleanup?: () => void } {
  if (!readonly) return { db: new Database(path, { readonly, fileMustExist: !create }) };
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      db.pragma('user_version'); // the first read is where WAL's -shm is needed
      return { db };
    } catch (e) {
      db.close();
      throw e;
    }
  } catch (e) {
    const code = String((e as { code?: string }).code);
    if (code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_READONLY')) return readCopy(path, e);
    throw e;
  }
}

/**
 * A read-only look at a project in a folder we cannot write: SQLite cannot create the -shm
 * a WAL file needs there (and this build of SQLite has no immutable URIs). Read a snapshot
 * copied to a private temp folder instead (with its -wal, if one was left behind), removed
 * when the project is closed. Only for read-only use, so the copy never diverges.
 */
function readCopy(path: string, cause: unknown): { db: Db; cleanup: () => void } {
  if (!canRead(path)) throw cause;
  const dir = mkdtempSync(join(tmpdir(), 'rankwise-readonly-'));
  const copy = join(dir, basename(path));
  try {
    copyFileSync(path, copy);
    if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
    const db = new Database(copy, { readonly: true, fileMustExist: true });
    return { db, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

function canRead(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** Refuse a file SQLite's quick_check finds damaged (see db/integrity/quick-check.ts). */
function quickCheck(db: Db, path: string): void {
  const findings = quickCheckFindings(db);
  if (findings.length) throw corruptProblem(path, findings);
}

/**
 * The problem a damaged file is: what the check found, and the recovery choices. Found while
 * opening, nothing was written; found by the background check of an open project, what was
 * saved meanwhile is in the file and stays there (no more is written).
 */
export function corruptProblem(
  path: string,
  findings: readonly string[],
  foundWhile: 'opening' | 'open' = 'opening',
): ApiError {
  const state =
    foundWhile === 'opening'
      ? 'The file was not changed.'
      : 'Everything saved since it was opened is in the file, and nothing more will be written to it.';
  return openProblem(
    'corrupt',
    path,
    `${path} is damaged: SQLite's check found ${findings.join('; ')}. ${state} You can restore a backup, export what is still readable into a new project, or open it read-only.`,
    { findings },
  );
}

/**
 * Take and release the write lock once, so a file another program is writing to is found
 * now (after busy_timeout), not on the labeller's first judgment.
 */
function probeWriteLock(db: Db): void {
  db.exec('BEGIN IMMEDIATE');
  db.exec('ROLLBACK');
}

function hasTables(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' LIMIT 1").get() !== undefined;
}

/**
 * Bring an open project up to the latest schema: a backup first (SQLite's online backup, into
 * the project's backups folder), then every pending migration in one transaction, so the
 * file is at the old version or the new, never between. Also used after a restore brings an
 * older backup back.
 */
export function upgrade(
  db: Db,
  path: string,
  migrations: readonly Migration[] = allMigrations,
  { backupFirst }: { backupFirst: boolean },
): void {
  const from = db.pragma('user_version', { simple: true }) as number;
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return;
  if (backupFirst) backupBeforeMigration(db, path, from);
  db.transaction(() => {
    for (const m of pending) m.up(db);
    if (from === 0) seedSettings(db, path);
    db.pragma(`user_version = ${pending[pending.length - 1]!.version}`);
  })();
}

/** A consistent copy in the backups folder, named after the version it holds. */
export function backupBeforeMigration(db: Db, path: string, version: number): string {
  const dest = newBackupPath(path, 'pre-migration', version);
  backupSync(db, dest);
  return dest;
}

function seedSettings(db: Db, path: string): void {
  const put = db.prepare('INSERT INTO project_settings (key, value_json) VALUES (?, ?)');
  put.run('project.id', JSON.stringify(uuidv7()));
  put.run('project.name', JSON.stringify(basename(path, extname(path))));
  put.run('project.created_at', JSON.stringify(Date.now()));
  put.run('task', JSON.stringify(DEFAULT_TASK));
  put.run('guidelines', JSON.stringify({ version: 1, markdown: '' }));
}
