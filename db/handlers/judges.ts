import { basename } from 'node:path';
import { ApiError } from '../../shared/api/errors';
import type { ImportSource } from '../../shared/api/methods/imports';
import { judgesFromSource } from '../judges/from-source';
import { importJudgeVerdicts } from '../judges/import-verdicts';
import { API_KEY_ENV, runJudge, testJudge } from '../judges/run-judge';
import { listJudges } from '../judges/store';
import { suggestionFor } from '../judges/suggestions';
import {
  getJudgeTemplate,
  getSuggestionSettings,
  setJudgeTemplate,
  setSuggestionSettings,
} from '../judges/templates';
import { triageQueue } from '../judges/triage';
import type { BackendContext, HandlerGroup } from './context';

/**
 * judges.*: the project's judges (sources of verdicts that are not people), running an LLM
 * judge as a job, the template, suggestions while labelling, and triage. Every change to
 * judges is announced as db.changed {what: 'judges'}, which marks the analysis stale.
 */
export function judgeHandlers(ctx: BackendContext): HandlerGroup<'judges'> {
  const { db, events } = ctx;
  let running: string | null = null;
  const changed = () => events.emit('db.changed', { what: 'judges' });
  // The key given with a call, else the host's environment; held by the closure of one call.
  const keyOf = (given: string | null) => given ?? process.env[API_KEY_ENV] ?? null;
  const oneAtATime = () => {
    if (running && ctx.jobs.status(running)?.status === 'running')
      throw new ApiError('CONFLICT', 'a judge job is already running in this project');
  };
  const fileOf = (source: ImportSource) => {
    if ('path' in source) {
      if (ctx.options.host !== 'in-process')
        throw new ApiError(
          'INVALID_INPUT',
          'this host imports only uploaded or chosen files, never a path sent by a page',
        );
      return { path: source.path, name: basename(source.path) };
    }
    const entry = ctx.uploads.get(source.uploadId);
    return { path: entry.path, name: entry.name };
  };

  return {
    'judges.list': () => ({ judges: listJudges(db) }),

    'judges.import': ({ source }) => {
      oneAtATime();
      const file = fileOf(source);
      running = ctx.jobs.start('judges-import', async (job) => {
        const summary = await importJudgeVerdicts(db, file.path, {
          name: file.name,
          signal: job.signal,
          onProgress: (p) => job.progress(p.bytes, p.totalBytes, 'bytes'),
        });
        if (summary.added) changed();
        if ('uploadId' in source) ctx.uploads.discard(source.uploadId);
        return summary;
      });
      return { jobId: running };
    },

    'judges.fromSource': () => {
      const r = judgesFromSource(db);
      if (r.judges.some((j) => j.added)) changed();
      return r;
    },

    'judges.run': ({ apiKey, ...options }) => {
      oneAtATime();
      const key = keyOf(apiKey);
      running = ctx.jobs.start('judge', async (job) => {
        try {
          const summary = await runJudge(db, options, {
            apiKey: key,
            signal: job.signal,
            onProgress: (p) => job.progress(p.done, p.total, 'items'),
          });
          // A cancelled run keeps its answers; the job reports the cancel.
          if (summary.cancelled) throw new ApiError('CANCELLED', 'judge run cancelled');
          return summary;
        } finally {
          changed();
        }
      });
      return { jobId: running };
    },

    'judges.test': ({ endpoint, model, itemId, template, apiKey }) =>
      testJudge(db, { endpoint, model, itemId, templateText: template }, { apiKey: keyOf(apiKey) }),

    'judges.getTemplate': () => getJudgeTemplate(db),

    'judges.setTemplate': ({ text }) => {
      const t = setJudgeTemplate(db, text);
      events.emit('db.changed', { what: 'settings' });
      return t;
    },

    'judges.getSuggestions': () => getSuggestionSettings(db),

    'judges.setSuggestions': (settings) => {
      const s = setSuggestionSettings(db, settings);
      events.emit('db.changed', { what: 'settings' });
      return s;
    },

    'judges.suggestion': ({ labellerId, itemId }) => suggestionFor(db, labellerId, itemId),

    'judges.triage': ({ offset, limit }) => {
      const all = triageQueue(db);
      return { total: all.length, entries: all.slice(offset, offset + limit) };
    },
  };
}
