import { z } from 'zod';
import { ApiErrorSchema, type ApiErrorShape } from '../errors';
import { Id, method } from '../schemas';
import { JOB_KINDS, JobKindSchema, jobResults, type JobKind, type JobResult } from './job-results';

export * from './job-results';

/** A job that succeeded, one shape per kind: `result` is what that kind finishes with. */
type SucceededOf = {
  [K in JobKind]: z.ZodObject<{
    jobId: typeof Id;
    kind: z.ZodLiteral<K>;
    status: z.ZodLiteral<'succeeded'>;
    result: (typeof jobResults)[K];
  }>;
}[JobKind];

// Built from the table, so a new kind of job needs no line here. The map loses each row's
// own type; the mapped type above says what it builds.
const SucceededSchema = z.discriminatedUnion(
  'kind',
  JOB_KINDS.map((kind) =>
    z.object({
      jobId: Id,
      kind: z.literal(kind),
      status: z.literal('succeeded'),
      result: jobResults[kind],
    }),
  ) as unknown as [SucceededOf, ...SucceededOf[]],
);
const FailedSchema = z.object({
  jobId: Id,
  kind: JobKindSchema,
  status: z.literal('failed'),
  error: ApiErrorSchema,
});
const CancelledSchema = z.object({
  jobId: Id,
  kind: JobKindSchema,
  status: z.literal('cancelled'),
});
const RunningSchema = z.object({ jobId: Id, kind: JobKindSchema, status: z.literal('running') });

/** How a job ended, as `job.finished` tells it: a success carries its kind's result. */
export const JobFinishedSchema = z.discriminatedUnion('status', [
  SucceededSchema,
  FailedSchema,
  CancelledSchema,
]);
export type JobFinished = z.output<typeof JobFinishedSchema>;

/** Where a job stands, as `jobs.get` tells it. */
export const JobStateSchema = z.discriminatedUnion('status', [
  RunningSchema,
  SucceededSchema,
  FailedSchema,
  CancelledSchema,
]);
export type JobState = z.output<typeof JobStateSchema>;

/** How a job of kind K ended, its result typed by its kind. */
export type JobOutcome<K extends JobKind> =
  | { status: 'succeeded'; result: JobResult<K> }
  | { status: 'failed'; error: ApiErrorShape }
  | { status: 'cancelled' };

/**
 * The end of a job of kind `kind`, or null when the job is another kind (a caller watching
 * the wrong id). Matching the kind is what ties the result to its schema.
 */
export function outcomeOf<K extends JobKind>(job: JobFinished, kind: K): JobOutcome<K> | null {
  if (job.kind !== kind) return null;
  if (job.status === 'failed') return { status: 'failed', error: job.error };
  if (job.status === 'cancelled') return { status: 'cancelled' };
  // job.kind === kind, and the table pairs each kind with its result's schema.
  return { status: 'succeeded', result: job.result as JobResult<K> };
}

export const jobMethods = {
  'jobs.cancel': method(
    z.object({ jobId: Id }),
    z.object({ cancelled: z.boolean() }),
    'Cancel a running job.',
  ),
  'jobs.get': method(
    z.object({ jobId: Id }),
    JobStateSchema,
    'A job’s status and kind (with its result, typed by kind, once it succeeded), for a caller that missed its events.',
  ),
} as const;

export const jobEvents = {
  'job.progress': z.object({
    jobId: Id,
    kind: JobKindSchema,
    done: z.number(),
    total: z.number().nullable(),
    unit: z.enum(['rows', 'bytes', 'items']),
  }),
  'job.finished': JobFinishedSchema,
} as const;
