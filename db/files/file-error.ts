import { ApiError, type ErrorCode } from '../../shared/api/errors';
import { errorCode } from '../storage-errors';

/**
 * A failed file write as a message a person can act on: which path, and what went wrong in
 * words (disk full, no permission, read-only disk…) rather than a bare errno, with the
 * storage error codes the rest of the app uses (DISK_FULL, PERMISSION_DENIED).
 */
export function fileError(e: unknown, path: string): Error {
  if (e instanceof ApiError) return e;
  const errno = errorCode(e);
  const known = REASONS[errno];
  const message = known
    ? `cannot write ${path}: ${known[1]}`
    : `cannot write ${path}: ${e instanceof Error ? e.message : String(e)}`;
  return new ApiError(known?.[0] ?? 'EXPORT_FAILED', message, { path, cause: errno || null });
}

const REASONS: Record<string, [ErrorCode, string]> = {
  ENOSPC: ['DISK_FULL', 'the disk is full (free some space and export again)'],
  EDQUOT: ['DISK_FULL', 'the disk quota is used up'],
  EACCES: ['PERMISSION_DENIED', 'permission denied (choose a folder you can write to)'],
  EPERM: ['PERMISSION_DENIED', 'permission denied (choose a folder you can write to)'],
  EROFS: ['PERMISSION_DENIED', 'the disk is read-only (choose another folder)'],
  ENOTDIR: ['EXPORT_FAILED', 'a part of the path is a file, not a folder'],
  EISDIR: ['EXPORT_FAILED', 'a folder is in the way'],
  ENAMETOOLONG: ['EXPORT_FAILED', 'the path is too long'],
};
