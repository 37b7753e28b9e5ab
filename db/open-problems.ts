import { accessSync, constants } from 'node:fs';
import { dirname } from 'node:path';
import { ApiError, type ErrorCode } from '../shared/api/errors';
import {
  choicesFor,
  type OpenProblemKind,
  type RecoveryChoice,
} from '../shared/domain/open-problem';
import { listBackupEntries } from './backups/store';
import { errorCode, storageError } from './storage-errors';

/**
 * Why a project could not be opened, as an ApiError whose details carry the problem's kind
 * and the choices that make sense for it (see shared/domain/open-problem.ts). Every message
 * names the file and says that it was left unchanged.
 */
export function openProblem(
  kind: OpenProblemKind,
  path: string,
  message: string,
  extra: Record<string, unknown> = {},
  only?: readonly RecoveryChoice[],
): ApiError {
  const hasBackups = listBackupEntries(path).length > 0;
  const choices = choicesFor(kind, hasBackups).filter((c) => !only || only.includes(c));
  return new ApiError(CODE[kind], message, { ...extra, kind, path, choices });
}

const CODE: Record<OpenProblemKind, ErrorCode> = {
  corrupt: 'PROJECT_CORRUPT',
  locked: 'PROJECT_LOCKED',
  'read-only': 'PROJECT_READ_ONLY',
  'newer-version': 'PROJECT_NEWER_VERSION',
  'not-a-project': 'PROJECT_UNREADABLE',
  'no-permission': 'PERMISSION_DENIED',
  missing: 'NOT_FOUND',
};

/** The problem an ApiError from openProject describes, if it describes one. */
export function problemOf(
  e: unknown,
): { kind: OpenProblemKind; path: string; choices: string[] } | null {
  if (!(e instanceof ApiError)) return null;
  const d = e.details as { kind?: OpenProblemKind; path?: string; choices?: string[] } | undefined;
  return d?.kind && d.path && d.choices ? { kind: d.kind, path: d.path, choices: d.choices } : null;
}

/** Map what SQLite threw while opening or checking the file onto a problem. */
export function classifyOpenError(path: string, e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  const code = errorCode(e);
  const detail = e instanceof Error ? e.message : String(e);
  const unchanged = 'The file was not changed.';
  if (code.startsWith('SQLITE_CORRUPT')) {
    return openProblem(
      'corrupt',
      path,
      `${path} is damaged (${detail}). ${unchanged} You can restore a backup, export what is still readable into a new project, or open it read-only.`,
      { sqliteCode: code },
    );
  }
  if (code === 'SQLITE_NOTADB') {
    // A damaged header looks exactly like a file that never was a database; backups made
    // of this path say it used to be a project.
    return listBackupEntries(path).length > 0
      ? openProblem(
          'corrupt',
          path,
          `${path} is damaged: it is no longer readable as a database. ${unchanged} Restore one of its backups.`,
          { sqliteCode: code },
          // Nothing in it can be read, so neither salvage nor a read-only look can help.
          ['restore-backup'],
        )
      : openProblem(
          'not-a-project',
          path,
          `${path}: it is not a Rankwise project (not an SQLite database). ${unchanged}`,
          { sqliteCode: code },
        );
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return openProblem(
      'locked',
      path,
      `${path} is locked: another program (a \`rankwise import\`, another Rankwise window) is writing to it. ${unchanged} Try again when it has finished, or open it read-only.`,
      { sqliteCode: code },
    );
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return openProblem(
      'read-only',
      path,
      `${path} cannot be written (${detail}). ${unchanged} You can open it read-only: browse and export, but judgments cannot be saved.`,
      { sqliteCode: code },
    );
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'EACCES' || code === 'EPERM') {
    if (!canAccess(path, constants.R_OK)) {
      return openProblem('no-permission', path, `${path} cannot be read: permission denied.`, {
        sqliteCode: code,
      });
    }
    const why = writeBlocker(path);
    if (why) return readOnlyProblem(path, why);
    return openProblem(
      'not-a-project',
      path,
      `${path} could not be opened (${detail}). ${unchanged}`,
      { sqliteCode: code },
    );
  }
  // Anything else (a failing migration, say) is not a problem with the file: say what it was.
  return storageError(e) ?? new ApiError('INTERNAL', `${path}: ${detail}`);
}

export function readOnlyProblem(path: string, why: string): ApiError {
  return openProblem(
    'read-only',
    path,
    `${path} cannot be written: ${why}. The file was not changed. You can open it read-only: browse and export, but judgments cannot be saved.`,
  );
}

/**
 * Why the file cannot be written, or null. SQLite needs to write the file and to create its
 * -wal and -shm beside it, so the folder must be writable too; SQLite itself would silently
 * fall back to read-only and fail later, on the first judgment.
 */
export function writeBlocker(path: string): string | null {
  if (!canAccess(path, constants.W_OK)) return 'the file is read-only';
  if (!canAccess(dirname(path), constants.W_OK))
    return `its folder (${dirname(path)}) is not writable`;
  return null;
}

function canAccess(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}
