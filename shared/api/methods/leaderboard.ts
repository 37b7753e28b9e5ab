import { z } from 'zod';
import { LeaderboardSchema } from '../../analysis/report';
import { JobStartedSchema, method } from '../schemas';
import { Freshness } from './agreement';

/** What a leaderboard job finishes with; the leaderboard itself is read with leaderboard.get. */
export const LeaderboardJobResultSchema = z.object({
  computedAt: z.number(),
  /** Models on the leaderboard. */
  models: z.number().int(),
});

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
