import { ApiError } from '../../shared/api/errors';

/**
 * A problem with the file as a whole, or one that stops reading it (a broken JSON array, a
 * CSV quote that never closes, a damaged gzip stream): no "skip bad lines" can step over it.
 */
export class ImportFileError extends Error {
  constructor(
    readonly file: string,
    /** The physical line (or Parquet row) where it was found, when there is one. */
    readonly line: number | null,
    readonly reason: string,
  ) {
    super(line === null ? `${file}: ${reason}` : `${file}:${line}: ${reason}`);
    this.name = 'ImportFileError';
  }
}

export interface LineFailure {
  file: string;
  line: number;
  field: string;
  reason: string;
}

/** The error an import fails with: `file:line: field: reason`, details for scripts. */
export function importFailed(f: LineFailure): ApiError {
  const where = f.field ? `${f.field}: ` : '';
  return new ApiError('IMPORT_FAILED', `${f.file}:${f.line}: ${where}${f.reason}`, f);
}

export function fileFailed(e: ImportFileError): ApiError {
  return new ApiError('IMPORT_FAILED', e.message, {
    file: e.file,
    line: e.line,
    field: '',
    reason: e.reason,
  });
}
