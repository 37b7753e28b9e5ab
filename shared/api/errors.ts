import { z } from 'zod';

/** Error codes every transport carries unchanged. Add codes here, never ad hoc strings. */
export const ErrorCodeSchema = z.enum([
  'UNKNOWN_METHOD',
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'IMPORT_FAILED',
  'EXPORT_FAILED',
  'PROJECT_NEWER_VERSION',
  'PROJECT_UNREADABLE',
  'CANCELLED',
  'INTERNAL',
  // Storage: each names what went wrong with the file or the disk, so the UI can say so
  // plainly and decide whether keeping the work and retrying makes sense.
  'PROJECT_CORRUPT',
  'PROJECT_LOCKED',
  'PROJECT_READ_ONLY',
  'DISK_FULL',
  'PERMISSION_DENIED',
  'IO_ERROR',
  'MERGE_REFUSED',
  // The desktop shell refused an IPC call from a frame that is not its own page.
  'UNTRUSTED_SENDER',
  // A team host (rankwise serve --team): no valid link or token, a link that was revoked or
  // replaced, a role that does not allow the call (or a call made as someone else), and an
  // address refused for a while after repeated wrong tokens.
  'UNAUTHORIZED',
  'ACCESS_REVOKED',
  'FORBIDDEN',
  'RATE_LIMITED',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ApiErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  details: z.unknown().optional(),
});
export type ApiErrorShape = z.infer<typeof ApiErrorSchema>;

/** What every call returns across every boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };

/**
 * An error a handler throws on purpose: dispatch turns it into `{ok: false, error}` with its
 * code, and the client turns that back into an `ApiError` on the other side.
 */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toJSON(): ApiErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}
