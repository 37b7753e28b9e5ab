/**
 * The one contract between the UI (or any script) and the backend.
 *
 * Every method is declared once, here, with runtime schemas for its input and output; types
 * are inferred from the schemas. The Backend in db/ must implement every method (a missing
 * handler is a compile error), and both transports (Electron IPC and HTTP) carry exactly
 * these names. Method names are `noun.verb`.
 */
import { z } from 'zod';
import { PromptSchema, MetadataSchema } from '../domain/item';
import { JudgmentKindSchema, PairwiseChoiceSchema } from '../domain/judgment';
import { ApiErrorSchema } from './errors';
import type { MethodNameLiteral } from './method-names';

const Id = z.string().min(1).max(200);

export const LabellerSchema = z.object({ id: Id, name: z.string() });
export type Labeller = z.infer<typeof LabellerSchema>;

export const ProgressSchema = z.object({
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type Progress = z.infer<typeof ProgressSchema>;

export const ProjectInfoSchema = z.object({
  path: z.string(),
  name: z.string(),
  projectId: z.string(),
  schemaVersion: z.number().int(),
  showModelNames: z.boolean(),
  counts: z.object({
    items: z.number().int(),
    responses: z.number().int(),
    judgments: z.number().int(),
    labellers: z.number().int(),
  }),
});
export type ProjectInfo = z.infer<typeof ProjectInfoSchema>;

/** A response as the labeller sees it: in display order, the model name only if shown. */
export const DisplayedResponseSchema = z.object({
  index: z.number().int().nonnegative(),
  model: z.string().nullable(),
  content: z.string(),
});

/** The labeller's current verdict on an item, re-expressed in display terms. */
export const CurrentJudgmentSchema = z.object({
  judgmentId: Id,
  kind: JudgmentKindSchema,
  choice: PairwiseChoiceSchema.nullable(),
  strength: z.number().int().nullable(),
});

export const ItemViewSchema = z.object({
  id: Id,
  seq: z.number().int(),
  prompt: PromptSchema,
  metadata: MetadataSchema.nullable(),
  /** Responses in the order this labeller sees them. */
  responses: z.array(DisplayedResponseSchema).min(2),
  /** Response indices in display order: what the UI sends back with a judgment. */
  displayedOrder: z.array(z.number().int().nonnegative()),
  current: CurrentJudgmentSchema.nullable(),
});
export type ItemView = z.infer<typeof ItemViewSchema>;

export const ExportFormatSchema = z.enum(['trl']);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

export const ExportResultSchema = z.object({
  path: z.string(),
  format: ExportFormatSchema,
  rows: z.number().int(),
  excluded: z.object({ ties: z.number().int(), bothBad: z.number().int() }),
});
export type ExportResult = z.infer<typeof ExportResultSchema>;

export const ImportSkipSchema = z.object({ line: z.number().int(), reason: z.string() });
export const ImportSummarySchema = z.object({
  file: z.string(),
  format: z.string(),
  imported: z.number().int(),
  duplicates: z.number().int(),
  skipped: z.array(ImportSkipSchema),
});
export type ImportSummary = z.infer<typeof ImportSummarySchema>;

const JobStarted = z.object({ jobId: Id });

function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, doc: string) {
  return { input, output, doc };
}

export const methods = {
  'project.info': method(z.object({}), ProjectInfoSchema, 'Counts and settings of the open project.'),
  'session.get': method(
    z.object({}),
    z.object({
      labeller: LabellerSchema.nullable(),
      host: z.enum(['electron', 'browser', 'in-process']),
    }),
    'Who is labelling here, and on which host.',
  ),
  'session.identify': method(
    z.object({ name: z.string().trim().min(1).max(100) }),
    LabellerSchema,
    'Set this installation’s labeller (created in the project if new).',
  ),
  'items.next': method(
    z.object({ labellerId: Id, exclude: z.array(Id).max(100).default([]) }),
    ItemViewSchema.nullable(),
    'The first item this labeller has not judged yet, or null when the queue is empty.',
  ),
  'items.get': method(
    z.object({ labellerId: Id, itemId: Id }),
    ItemViewSchema,
    'One item as this labeller sees it.',
  ),
  'judgments.submit': method(
    z.object({
      labellerId: Id,
      itemId: Id,
      displayedOrder: z.array(z.number().int().nonnegative()).min(2),
      choice: PairwiseChoiceSchema,
      strength: z.number().int().min(0).max(10).nullable().default(null),
      rationale: z.string().max(100_000).nullable().default(null),
      timeMs: z.number().int().nonnegative().max(86_400_000),
    }),
    z.object({ judgmentId: Id, revision: z.number().int(), progress: ProgressSchema }),
    'Record a pairwise judgment. Committed to disk before this returns.',
  ),
  'judgments.undo': method(
    z.object({ labellerId: Id }),
    z.object({ itemId: Id, progress: ProgressSchema }).nullable(),
    'Retract this labeller’s most recent judgment; returns the item to show again.',
  ),
  'progress.get': method(z.object({ labellerId: Id }), ProgressSchema, 'Items judged / total.'),
  'exports.start': method(
    z.object({ format: ExportFormatSchema, out: z.string().min(1).optional() }),
    JobStarted,
    'Start an export job; watch job.progress and job.finished.',
  ),
  'jobs.cancel': method(z.object({ jobId: Id }), z.object({ cancelled: z.boolean() }), 'Cancel a running job.'),
  'jobs.get': method(
    z.object({ jobId: Id }),
    z.discriminatedUnion('status', [
      z.object({ jobId: Id, status: z.literal('running') }),
      z.object({ jobId: Id, status: z.literal('succeeded'), result: z.unknown() }),
      z.object({ jobId: Id, status: z.literal('failed'), error: ApiErrorSchema }),
      z.object({ jobId: Id, status: z.literal('cancelled') }),
    ]),
    'A job’s status, for a caller that missed its events.',
  ),
} as const;

export const events = {
  'job.progress': z.object({
    jobId: Id,
    kind: z.string(),
    done: z.number(),
    total: z.number().nullable(),
    unit: z.enum(['rows', 'bytes', 'items']),
  }),
  'job.finished': z.discriminatedUnion('status', [
    z.object({ jobId: Id, kind: z.string(), status: z.literal('succeeded'), result: z.unknown() }),
    z.object({ jobId: Id, kind: z.string(), status: z.literal('failed'), error: ApiErrorSchema }),
    z.object({ jobId: Id, kind: z.string(), status: z.literal('cancelled') }),
  ]),
  'db.changed': z.object({ what: z.enum(['items', 'judgments', 'labellers', 'settings']) }),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

// Compile-time: METHOD_NAMES (used by the preload) lists exactly the methods above.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatch: Exact<MethodName, MethodNameLiteral> = true;
void namesMatch;
