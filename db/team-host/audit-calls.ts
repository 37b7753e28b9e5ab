import { METHOD_ACCESS } from '../../shared/api/access';
import {
  methodNames,
  type AuditAction,
  type AuditEntry,
  type MethodName,
} from '../../shared/api/contract';
import type { BackendContext, Handlers } from '../handlers/context';
import { findLabeller } from '../labellers';
import { appendAudit, type Actor } from './audit';
import { currentActor } from './actor';

type Input = Record<string, unknown>;
type Output = Record<string, unknown> | null;

/**
 * On a team host, every call the access table marks `audit` is recorded when it succeeds:
 * who (the person the request came from), when, and what (the options, and for a job its
 * outcome in a second entry when it finishes). Entries are written on the project's own
 * connection, after the call, and announced as `audit.appended`.
 */
export function auditCalls(
  ctx: BackendContext,
  handlers: Handlers,
  announce: (entry: AuditEntry) => void,
): { handlers: Handlers; stop(): void } {
  const { db } = ctx;
  const jobs = new Map<string, { actor: Actor; action: AuditAction; target: string | null }>();
  const wrapped = { ...handlers } as Record<MethodName, (input: unknown) => unknown>;
  for (const method of methodNames) {
    const action = METHOD_ACCESS[method].audit;
    if (!action) continue;
    const handler = handlers[method] as (input: unknown) => unknown;
    wrapped[method] = async (input: unknown) => {
      const actor = currentActor(ctx);
      const out = (await handler(input)) as Output;
      const { target, detail } = describeCall(ctx, method, input as Input, out);
      const jobId = typeof out?.['jobId'] === 'string' ? out['jobId'] : null;
      if (jobId) jobs.set(jobId, { actor, action, target });
      announce(
        appendAudit(
          db,
          actor,
          action,
          target,
          jobId ? { jobId, status: 'started', ...detail } : detail,
        ),
      );
      return out;
    };
  }
  const unsubscribe = ctx.events.subscribe((name, payload) => {
    if (name !== 'job.finished') return;
    const p = payload as {
      jobId: string;
      status: string;
      result?: unknown;
      error?: { message: string };
    };
    const job = jobs.get(p.jobId);
    if (!job) return;
    jobs.delete(p.jobId);
    try {
      announce(
        appendAudit(db, job.actor, job.action, job.target, {
          jobId: p.jobId,
          status: p.status,
          ...(p.status === 'succeeded' ? jobOutcome(job.action, p.result) : {}),
          ...(p.error ? { error: p.error.message } : {}),
        }),
      );
    } catch {
      // The project went away (closed, damaged) as the job ended: nothing more to record in it.
    }
  });
  return { handlers: wrapped as unknown as Handlers, stop: unsubscribe };
}

/** What a call is recorded as: a target in words, and its options (long texts cut by appendAudit). */
function describeCall(
  ctx: BackendContext,
  method: MethodName,
  input: Input,
  out: Output,
): { target: string | null; detail: Record<string, unknown> } {
  const uploadName = (s: unknown) => {
    const source = s as { uploadId?: string; path?: string } | undefined;
    if (source?.uploadId) return ctx.uploads.resolve(source.uploadId)?.name ?? source.uploadId;
    return source?.path ?? null;
  };
  const nameOf = (id: unknown) =>
    typeof id === 'string' ? (findLabeller(ctx.db, id)?.name ?? id) : null;
  switch (method) {
    case 'settings.updateGuidelines':
      return {
        target: 'guidelines',
        detail: {
          version: out?.['version'],
          characters: typeof input['markdown'] === 'string' ? input['markdown'].length : 0,
        },
      };
    case 'settings.updateTask':
      return {
        target: 'task settings',
        detail: { version: out?.['version'], task: input['task'] },
      };
    case 'judges.run':
      // The API key is the caller's secret: never in the log.
      return {
        target: String(input['name'] ?? input['model']),
        detail: { ...input, apiKey: undefined },
      };
    case 'judges.import':
      return { target: uploadName(input['source']), detail: { ...input, source: undefined } };
    case 'leases.setOverlap':
      return { target: 'overlap', detail: { overlap: input['overlap'] } };
    case 'imports.start':
      return { target: uploadName(input['source']), detail: { ...input, source: undefined } };
    case 'merge.start': {
      const files = ((input['sources'] as unknown[]) ?? []).map(uploadName);
      return {
        target: files.join(', '),
        detail: { files, allowOtherProject: input['allowOtherProject'] },
      };
    }
    case 'team.exportPackage':
    case 'team.exportAnnotations':
      return { target: nameOf(input['labellerId']), detail: input };
    case 'team.assign':
      return {
        target: `${(input['labellerIds'] as unknown[] | undefined)?.length ?? 0} labellers`,
        detail: { ...input, items: out?.['items'] },
      };
    case 'team.setGold':
      return { target: String(input['itemId']), detail: input };
    case 'backups.restore':
      return {
        target: String(input['name']),
        detail: { safetyBackup: (out?.['safetyBackup'] as { name?: string } | null)?.name ?? null },
      };
    case 'backups.create':
      return { target: typeof out?.['name'] === 'string' ? out['name'] : null, detail: {} };
    default:
      return { target: null, detail: input };
  }
}

/** The part of a finished job's result worth keeping in the log. */
export function jobOutcome(action: AuditAction, result: unknown): Record<string, unknown> {
  const r = (result ?? {}) as Record<string, unknown>;
  switch (action) {
    case 'import':
      return {
        file: r['file'],
        format: r['format'],
        imported: r['imported'],
        duplicates: r['duplicates'],
        skipped: r['skippedCount'],
      };
    case 'export':
      return { path: r['path'], format: r['format'], rows: r['rows'], items: r['items'] };
    case 'merge':
      return {
        files: ((r['files'] as Array<Record<string, unknown>>) ?? []).map((f) => ({
          file: f['file'],
          status: f['status'],
          added: f['added'] ?? 0,
          labellers: ((f['labellers'] as Array<{ name: string }> | undefined) ?? []).map(
            (l) => l.name,
          ),
        })),
      };
    case 'package':
      return {
        path: r['path'],
        labeller: r['labeller'],
        items: r['items'],
        judgments: r['judgments'],
      };
    case 'annotations':
      return { path: r['path'], labeller: r['labeller'], revisions: r['revisions'] };
    case 'judge':
      return { ...r };
    default:
      return {};
  }
}
