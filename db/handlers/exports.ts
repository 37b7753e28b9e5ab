import { join } from 'node:path';
import { ApiError } from '../../shared/api/errors';
import { EXTENSION } from '../export/destination';
import { previewExport } from '../export/preview';
import { containerFor, runExport, setUpExport } from '../export/run-export';
import { openProject } from '../open';
import { getSetting } from '../settings';
import type { BackendContext, HandlerGroup } from './context';

export function exportHandlers(ctx: BackendContext): HandlerGroup<'exports'> {
  /** Exports read through a connection of their own: a consistent snapshot while judgments keep committing. */
  const withReader = async <T>(work: (db: ReturnType<typeof openProject>['db']) => Promise<T>) => {
    const reader = openProject(ctx.project.path, { readonly: true });
    try {
      return await work(reader.db);
    } finally {
      reader.close();
    }
  };

  /** Where an export goes when the caller names no path: the project's exports folder. */
  const defaultOut = (format: string, container: string | undefined) => {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const slug = (getSetting<string>(ctx.db, 'project.name') ?? 'export')
      .replace(/[^\w-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60);
    const name = `${slug || 'export'}-${format}-${stamp}`;
    if (container === 'folder') return join(ctx.exportsDir, name) + '/';
    return join(ctx.exportsDir, name + EXTENSION[(container ?? 'jsonl') as keyof typeof EXTENSION]);
  };

  return {
    'exports.preview': ({ limit, ...options }) =>
      withReader((db) => previewExport(db, options, options.container ?? 'jsonl', limit)),

    'exports.start': ({ out, ...options }) => {
      // A destination names a place on the backend's disk: fine for the desktop app and
      // scripts, refused over HTTP, where it would let a page write anywhere the host can.
      // The browser host exports to the project's exports folder and serves the result as
      // a download.
      if (out !== undefined && ctx.options.host === 'browser') {
        throw new ApiError(
          'INVALID_INPUT',
          'the browser host exports to the project’s exports folder only; download the result',
        );
      }
      const path = out ?? defaultOut(options.format, options.container);
      // Refuse a bad destination or impossible options now, not as a failed job.
      setUpExport(ctx.db, options, containerFor(path, options.container));
      const jobId = ctx.jobs.start('export', (job) =>
        withReader((db) =>
          runExport(db, ctx.project.path, path, options, {
            signal: job.signal,
            onProgress: (p) => job.progress(p.done, p.total, 'rows'),
          }),
        ),
      );
      return { jobId };
    },
  };
}
