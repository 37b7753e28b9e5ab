import { z } from 'zod';
import { ApiErrorSchema } from '../errors';
import { Id, method } from '../schemas';

export const jobMethods = {
  'jobs.cancel': method(
    z.object({ jobId: Id }),
    z.object({ cancelled: z.boolean() }),
    'Cancel a running job.',
  ),
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

export const jobEvents = {
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
} as const;
