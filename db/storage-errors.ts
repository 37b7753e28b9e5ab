import { ApiError } from '../shared/api/errors';

/**
 * Turn what SQLite or the file system threw into an error that says what happened to the
 * user's work. SQLite reports disk full as SQLITE_FULL, the file system as ENOSPC; both mean
 * the same to a labeller: nothing was half-written (the transaction or the temp file was
 * rolled back), free some space and it will go through. Returns null for anything else.
 */
export function storageError(e: unknown): ApiError | null {
  if (e instanceof ApiError) return e;
  const code = errorCode(e);
  const detail = e instanceof Error ? e.message : String(e);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') {
    return new ApiError(
      'DISK_FULL',
      `The disk is full (${detail}). Nothing was half-written; free some space and try again.`,
      { cause: code },
    );
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') {
    return new ApiError(
      'PROJECT_READ_ONLY',
      `The project is open read-only, so nothing can be written to it (${detail}).`,
      { cause: code },
    );
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_PERM') {
    return new ApiError(
      'PERMISSION_DENIED',
      `Permission denied (${detail}). Nothing was half-written; fix the permissions and try again.`,
      { cause: code },
    );
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new ApiError(
      'PROJECT_LOCKED',
      `Another program is writing to the project (${detail}). Nothing was written; try again in a moment.`,
      { cause: code },
    );
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new ApiError(
      'PROJECT_CORRUPT',
      `The project file is damaged (${detail}). Restore a backup from the Backups screen.`,
      { cause: code },
    );
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') {
    return new ApiError(
      'IO_ERROR',
      `The disk reported an error (${detail}). Nothing was half-written; try again.`,
      { cause: code },
    );
  }
  return null;
}

/** The `code` an error from SQLite (SQLITE_*) or Node's fs (E*) carries, or ''. */
export function errorCode(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}
