import { z } from 'zod';
import { AgreementReportSchema } from '../../analysis/report';
import { Id, JobStartedSchema, method } from '../schemas';

/** How current a computed figure is (agreement, the leaderboard). */
export const Freshness = {
  /** Judgments or reviews changed since it was computed. */
  stale: z.boolean(),
  /** A computation in progress, if any. */
  runningJobId: Id.nullable(),
};

/** What an agreement job finishes with; the report itself is read with agreement.get. */
export const AgreementJobResultSchema = z.object({
  computedAt: z.number(),
  computeMs: z.number(),
  counts: AgreementReportSchema.shape.counts,
});

export const agreementMethods = {
  'agreement.start': method(
    z.object({
      /** An item metadata field to slice each judge's agreement with people by (its `slices`). */
      judgeSlicesBy: z.string().min(1).max(200).nullable().default(null),
    }),
    JobStartedSchema,
    'Compute every agreement figure and the disagreement queue in a worker thread; the review screen stays usable meanwhile.',
  ),
  'agreement.get': method(
    z.object({}),
    z.object({ report: AgreementReportSchema.nullable(), ...Freshness }),
    'The latest agreement report (null before the first computation).',
  ),
} as const;
