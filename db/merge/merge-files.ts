import { ApiError } from '../../shared/api/errors';
import type { FileOutcomeView } from '../../shared/api/methods/merge';
import type { Db } from '../open';
import { applyMerge, type MergeOptions } from './apply';
import { MergeRefused } from './refusal';
import { readSource } from './sources';

/** What `merge.start` reports per file (shared/api/methods/merge.ts). */
export type FileOutcome = FileOutcomeView;

export interface MergeFilesOptions extends MergeOptions {
  signal?: AbortSignal;
  onFile?: (index: number, total: number, file: string) => void;
  /** The name to report for a path (uploads carry the name the user chose). */
  displayName?: (path: string) => string;
}

/**
 * Merge several sources, each atomically: a refused file changes nothing and does not stop
 * the others. The outcome lists every file, merged or refused with its reasons.
 */
export async function mergeFiles(
  db: Db,
  paths: readonly string[],
  options: MergeFilesOptions = {},
): Promise<FileOutcome[]> {
  const out: FileOutcome[] = [];
  for (const [i, path] of paths.entries()) {
    options.signal?.throwIfAborted();
    const name = options.displayName?.(path);
    options.onFile?.(i, paths.length, name ?? path);
    try {
      const set = await readSource(path, options.signal);
      if (name) set.file = name;
      out.push({ status: 'merged', ...applyMerge(db, set, options) });
    } catch (e) {
      if (e instanceof MergeRefused) {
        const refused = name ? e.named(name) : e;
        out.push({
          status: 'refused',
          file: refused.file,
          code: refused.code,
          message: refused.message,
          problems: refused.details,
          problemCount: refused.total,
          problemList: [...refused.problems],
        });
      } else if ((e as Error).name === 'AbortError')
        throw new ApiError('CANCELLED', 'merge cancelled');
      else throw e;
    }
  }
  return out;
}
