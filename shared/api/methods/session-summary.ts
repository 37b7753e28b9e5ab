import { z } from 'zod';
import { Id, method } from '../schemas';

export const SessionSummarySchema = z.object({
  /** Items with a verdict (not a skip) made since `since` and still current. */
  judged: z.number().int(),
  skipped: z.number().int(),
  /** Active time recorded on those judgments and skips, ms. */
  activeMs: z.number().int(),
  /** Median active time per judged item, ms (null before the first). */
  medianMs: z.number().int().nullable(),
});
export type SessionSummary = z.infer<typeof SessionSummarySchema>;

export const sessionSummaryMethods = {
  'session.summary': method(
    z.object({ labellerId: Id, since: z.number().int().nonnegative() }),
    SessionSummarySchema,
    'What this labeller has done since a time (the start of a session): counts and active time.',
  ),
} as const;
