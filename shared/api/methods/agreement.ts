import { z } from 'zod';
import { AgreementReportSchema, LeaderboardSchema } from '../../analysis/report';
import { Id, JobStartedSchema, method } from '../schemas';

const Freshness = {
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

/** What a leaderboard job finishes with; the leaderboard itself is read with leaderboard.get. */
export const LeaderboardJobResultSchema = z.object({
  computedAt: z.number(),
  /** Models on the leaderboard. */
  models: z.number().int(),
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

export const leaderboardMethods = {
  'leaderboard.start': method(
    z.object({
      bootstrapRounds: z.number().int().min(0).max(2000).default(200),
      bothBadAsTie: z.boolean().default(true),
    }),
    JobStartedSchema,
    'Compute Bradley–Terry (with bootstrap intervals), Elo and win rates in a worker thread.',
  ),
  'leaderboard.get': method(
    z.object({}),
    z.object({ leaderboard: LeaderboardSchema.nullable(), ...Freshness }),
    'The latest leaderboard (null before the first computation).',
  ),
} as const;
