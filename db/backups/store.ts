import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { BackupInfo, BackupReason } from '../../shared/api/contract';

/**
 * Where a project's backups live and what their names say. They sit in a folder beside the
 * project (`study.rankwise` → `study-backups/`), so they travel with it and can be found
 * without the app; each name carries its time, reason and schema version, so listing them
 * needs no index file that could itself be lost.
 *
 *   study.2025-03-01T10-15-00-000Z.scheduled.v1.rankwise
 */
const NAME =
  /^(.+)\.(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z)(?:-(\d+))?\.(pre-migration|scheduled|pre-restore|manual)\.v(\d+)\.rankwise$/;

export function backupsDirFor(projectPath: string): string {
  return join(dirname(projectPath), `${projectBase(projectPath)}-backups`);
}

function projectBase(projectPath: string): string {
  return basename(projectPath, extname(projectPath));
}

/** A new, unused path for a backup of `projectPath` taken now. */
export function newBackupPath(
  projectPath: string,
  reason: BackupReason,
  schemaVersion: number,
  now = Date.now(),
): string {
  const dir = backupsDirFor(projectPath);
  mkdirSync(dir, { recursive: true });
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  for (let n = 0; ; n++) {
    const name = `${projectBase(projectPath)}.${stamp}${n ? `-${n}` : ''}.${reason}.v${schemaVersion}.rankwise`;
    const path = join(dir, name);
    if (!existsSync(path)) return path;
  }
}

export interface BackupEntry {
  name: string;
  path: string;
  createdAt: number;
  reason: BackupReason;
  schemaVersion: number;
  bytes: number;
}

/** Parse a backup file name; null for anything that is not one of ours. */
export function parseBackupName(name: string): Omit<BackupEntry, 'path' | 'bytes'> | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const iso = m[2]!.replace(/^(\d{4}-\d\d-\d\dT\d\d)-(\d\d)-(\d\d)-(\d{3})Z$/, '$1:$2:$3.$4Z');
  return {
    name,
    createdAt: Date.parse(iso),
    reason: m[4] as BackupReason,
    schemaVersion: Number(m[5]),
  };
}

/** The project's backups, newest first. */
export function listBackupEntries(projectPath: string): BackupEntry[] {
  const dir = backupsDirFor(projectPath);
  if (!existsSync(dir)) return [];
  const base = projectBase(projectPath);
  const entries: BackupEntry[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    // Not a folder, or not readable: there are no backups we can offer (the schedule's
    // failure says why).
    return [];
  }
  for (const name of names) {
    const parsed = parseBackupName(name);
    if (!parsed || !name.startsWith(`${base}.`)) continue;
    const path = join(dir, name);
    try {
      entries.push({ ...parsed, path, bytes: statSync(path).size });
    } catch {
      // Removed between readdir and stat: not a backup any more.
    }
  }
  return entries.sort((a, b) => b.createdAt - a.createdAt || b.name.localeCompare(a.name));
}

/**
 * Look a backup up by the name a client sent. Only names that list as backups resolve, so a
 * client can never point a restore at an arbitrary path.
 */
export function findBackup(projectPath: string, name: string): BackupEntry | undefined {
  return listBackupEntries(projectPath).find((e) => e.name === name);
}

/** Counts read from the backup file itself, so the user can tell backups apart. */
export function describeBackup(entry: BackupEntry): BackupInfo {
  const { path: _path, ...rest } = entry;
  let judgments: number | null = null;
  let items: number | null = null;
  try {
    const db = new Database(entry.path, { readonly: true, fileMustExist: true });
    try {
      judgments = db.prepare('SELECT count(*) FROM judgments').pluck().get() as number;
      items = db.prepare('SELECT count(*) FROM items').pluck().get() as number;
    } finally {
      db.close();
    }
  } catch {
    // An unreadable backup is still listed; its counts say it could not be read.
  }
  return { ...rest, judgments, items };
}

/**
 * Remove the oldest scheduled backups beyond `keep`. Backups taken before a migration or a
 * restore, and those the user asked for, are never removed by rotation.
 */
export function rotateScheduled(projectPath: string, keep: number): string[] {
  const scheduled = listBackupEntries(projectPath).filter((e) => e.reason === 'scheduled');
  const removed: string[] = [];
  for (const old of scheduled.slice(keep)) {
    rmSync(old.path, { force: true });
    removed.push(old.name);
  }
  return removed;
}
