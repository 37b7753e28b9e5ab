import { ApiError } from '../../shared/api/errors';
import { mergeFiles } from '../merge/merge-files';
import type { BackendContext, HandlerGroup } from './context';

export function mergeHandlers(ctx: BackendContext): HandlerGroup<'merge'> {
  return {
    'merge.start': ({ sources, allowOtherProject }) => {
      const names = new Map<string, string>();
      const paths = sources.map((s) => {
        if ('uploadId' in s) {
          const u = ctx.uploads.resolve(s.uploadId);
          if (!u) throw new ApiError('NOT_FOUND', `no upload with id ${s.uploadId}`);
          names.set(u.path, u.name);
          return u.path;
        }
        // A path names a file on the backend's disk: fine for the desktop app and scripts,
        // refused over HTTP, where it would let a web page read the host's files.
        if (ctx.options.host === 'browser')
          throw new ApiError(
            'INVALID_INPUT',
            'the browser host merges uploaded files only (POST /upload)',
          );
        return s.path;
      });
      const jobId = ctx.jobs.start('merge', async (job) => {
        const files = await mergeFiles(ctx.db, paths, {
          allowOtherProject,
          signal: job.signal,
          displayName: (p) => names.get(p) ?? p,
          onFile: (i, total) => job.progress(i, total, 'items'),
        });
        if (files.some((f) => f.status === 'merged' && (f.added > 0 || f.repeatAnswersAdded > 0))) {
          ctx.events.emit('db.changed', { what: 'judgments' });
          ctx.events.emit('team.changed', { what: 'merge' });
        }
        job.progress(paths.length, paths.length, 'items');
        return { files };
      });
      return { jobId };
    },
  };
}
