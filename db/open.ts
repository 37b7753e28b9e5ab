import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { ApiError } from '../shared/api/errors';
import { migrations as allMigrations } from './migrations';
import type { Migration } from './migrations/types';
import { uuidv7 } from './ids';
import { DEFAULT_TASK } from '../shared/domain/task';

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
}

export interface Project {
  db: Db;
  path: string;
  schemaVersion: number;
  close(): void;
}

/**
 * Open a .rankwise project file. Durability first: WAL with synchronous=FULL, so a judgment
 * acknowledged to the UI survives a crash or power loss, not just a process exit.
 */
export function openProject(path: string, options: OpenOptions = {}): Project {
  const exists = existsSync(path);
  if (!exists && !options.create) throw new ApiError('NOT_FOUND', `${path}: no such project file`);
  if (!exists && options.readonly) throw new ApiError('NOT_FOUND', `${path}: no such project file`);

  const migrations = options.migrations ?? allMigrations;
  const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1]!.version;
  let db: Db;
  try {
    db = new Database(path, {
      readonly: options.readonly ?? false,
      fileMustExist: !options.create,
    });
  } catch (e) {
    throw unreadable(path, e);
  }
  try {
    db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    let version: number;
    try {
      version = db.pragma('user_version', { simple: true }) as number;
    } catch (e) {
      throw unreadable(path, e);
    }
    if (version > LATEST_SCHEMA_VERSION) {
      throw new ApiError(
        'PROJECT_NEWER_VERSION',
        `${path} was written by a newer Rankwise (project schema v${version}; this version reads up to v${LATEST_SCHEMA_VERSION}). Update Rankwise to open it; the file was not changed.`,
        { version, supported: LATEST_SCHEMA_VERSION },
      );
    }
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      if (version < LATEST_SCHEMA_VERSION) {
        if (version === 0 && hasTables(db)) {
          throw new ApiError(
            'PROJECT_UNREADABLE',
            `${path} is an SQLite file but not a Rankwise project; it was not changed.`,
          );
        }
        if (version > 0) backupBeforeMigration(db, path, version);
        migrate(db, migrations, version, path);
      }
    } else if (version < LATEST_SCHEMA_VERSION) {
      throw new ApiError(
        'PROJECT_UNREADABLE',
        `${path} uses project schema v${version}; open it once for writing to upgrade it to v${LATEST_SCHEMA_VERSION}.`,
      );
    }
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    return { db, path, schemaVersion, close: () => db.close() };
  } catch (e) {
    db.close();
    throw e;
  }
}

function unreadable(path: string, cause: unknown): ApiError {
  const code = (cause as { code?: string }).code;
  const reason =
    code === 'SQLITE_NOTADB'
      ? 'it is not a Rankwise project (not an SQLite database)'
      : code === 'SQLITE_CORRUPT'
        ? 'the file is damaged'
        : code === 'SQLITE_CANTOPEN'
          ? 'it cannot be opened (missing, or no permission)'
          : String((cause as Error).message ?? cause);
  return new ApiError('PROJECT_UNREADABLE', `${path}: ${reason}`, { sqliteCode: code });
}

function hasTables(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' LIMIT 1").get() !== undefined;
}

/** Pending migrations run in one transaction: the file is at the old version or the new, never between. */
function migrate(db: Db, migrations: readonly Migration[], from: number, path: string): void {
  const pending = migrations.filter((m) => m.version > from);
  db.transaction(() => {
    for (const m of pending) m.up(db);
    if (from === 0) seedSettings(db, path);
    db.pragma(`user_version = ${pending[pending.length - 1]!.version}`);
  })();
}

/** A consistent copy beside the file, named after the version it holds. */
export function backupBeforeMigration(db: Db, path: string, version: number): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dest = join(
    dirname(path),
    `${basename(path, extname(path))}.v${version}-backup-${stamp}.rankwise`,
  );
  db.prepare('VACUUM INTO ?').run(dest);
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
