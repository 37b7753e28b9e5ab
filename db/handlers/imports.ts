import { basename } from 'node:path';
import { ApiError } from '../../shared/api/errors';
import type { ImportSource } from '../../shared/api/contract';
import { runImport } from '../import/import-job';
import { previewFile } from '../import/preview';
import { stmt } from '../statements';
import type { BackendContext, HandlerGroup } from './context';

/**
 * Imports: preview a file, run the import as a job (one at a time per project), and the files
 * the backend holds for them (uploads, dialog choices).
 */
export function importHandlers(ctx: BackendContext): HandlerGroup<'imports'> {
  const { uploads } = ctx;
  let running: string | null = null;

  /** The file behind a source. Paths only from in-process callers (CLI, scripts, tests). */
  function fileOf(source: ImportSource): {
    path: string;
    fileName: string;
    uploadId: string | null;
  } {
    if ('path' in source) {
      if (ctx.options.host !== 'in-process')
        throw new ApiError(
          'INVALID_INPUT',
          'this host imports only uploaded or chosen files, never a path sent by a page',
        );
      return { path: source.path, fileName: basename(source.path), uploadId: null };
    }
    const entry = uploads.get(source.uploadId);
    return { path: entry.path, fileName: entry.name, uploadId: source.uploadId };
  }

  return {
    'imports.preview': async ({ source, format, container, mapping, limit, skipBadLines }) => {
      const { path, fileName } = fileOf(source);
      return previewFile(path, { fileName, format, container, mapping, skipBadLines, limit });
    },

    'imports.start': ({ source, format, container, mapping, skipBadLines }) => {
      if (running)
        throw new ApiError(
          'CONFLICT',
          'an import is already running in this project: wait for it or cancel it',
        );
      const { path, fileName, uploadId } = fileOf(source);
      let jobId = '';
      jobId = ctx.jobs.start('import', async (job) => {
        try {
          const summary = await runImport(
            {
              projectPath: ctx.project.path,
              path,
              request: { fileName, format, container, mapping, skipBadLines },
            },
            {
              workerPath: ctx.options.importWorker ?? null,
              signal: job.signal,
              onProgress: (p) => {
                ctx.events.emit('import.progress', { jobId, ...p });
                job.progress(p.bytes, p.totalBytes, 'bytes');
              },
            },
          );
          if (summary.imported > 0) ctx.events.emit('db.changed', { what: 'items' });
          // Done with the upload; after a failure it is kept, so a retry need not upload again.
          if (uploadId) uploads.discard(uploadId);
          return summary;
        } finally {
          running = null;
        }
      });
      running = jobId;
      return { jobId };
    },

    'imports.pickFile': async () => {
      if (!ctx.options.pickFile)
        throw new ApiError(
          'INVALID_INPUT',
          'this host has no file dialog: upload the file instead',
        );
      const path = await ctx.options.pickFile();
      return path === null ? null : uploads.registerPath(path);
    },

    'imports.discard': ({ uploadId }) => ({ discarded: uploads.discard(uploadId) }),

    'imports.list': () =>
      stmt<
        [],
        {
          id: string;
          file: string;
          format: string;
          itemsAdded: number;
          duplicates: number;
          skipped: number;
          createdAt: number;
        }
      >(
        ctx.db,
        `SELECT id, file_name AS file, format, items_added AS itemsAdded, duplicates, skipped,
                created_at AS createdAt
           FROM imports ORDER BY created_at DESC, id DESC`,
      ).all(),
  };
}
