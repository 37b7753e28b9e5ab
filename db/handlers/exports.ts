import { join } from 'node:path';
import { exportTrl } from '../export/export-trl';
import { openProject } from '../open';
import type { BackendContext, HandlerGroup } from './context';

export function exportHandlers(ctx: BackendContext): HandlerGroup<'exports'> {
  return {
    'exports.start': ({ format, out }) => {
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const path = out ?? join(ctx.exportsDir, `${format}-${stamp}.jsonl`);
      const jobId = ctx.jobs.start('export', async (job) => {
        // A connection of its own: the export reads a consistent snapshot while judgments
        // keep committing on the main connection.
        const reader = openProject(ctx.project.path, { readonly: true });
        try {
          return await exportTrl(reader.db, path, {
            signal: job.signal,
            onProgress: (p) => job.progress(p.rows, p.total, 'rows'),
          });
        } finally {
          reader.close();
        }
      });
      return { jobId };
    },
  };
}
