import { ApiError } from '../../shared/api/errors';
import { errorCode, storageError } from '../storage-errors';

/**
 * A failed file write as a message a person can act on: which path, and what went wrong in
 * words. Disk full, permissions and read-only disks say what the rest of the app says (and
 * carry its codes: DISK_FULL, PERMISSION_DENIED…); path problems are named here.
 */
export function fileError(e: unknown, path: string): Error {
  if (e instanceof ApiError) return e;
  const storage = storageError(e);
  if (storage)
    return new ApiError(storage.code, `cannot write ${path}: ${storage.message}`, {
      path,
      cause: errorCode(e),
    });
  const why = PATH_PROBLEMS[errorCode(e)] ?? (e instanceof Error ? e.message : String(e));
  return new ApiError('EXPORT_FAILED', `cannot write ${path}: ${why}`, {
    path,
    cause: errorCode(e) || null,
  });
}

const PATH_PROBLEMS: Record<string, string> = {
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'a folder is in the way',
  ENAMETOOLONG: 'the path is too long',
  ENOENT: 'the folder does not exist',
};
