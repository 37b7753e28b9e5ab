import { z } from 'zod';
import { Id, LabellerSchema, method } from '../schemas';
import { RoleSchema } from './access';

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

export const sessionMethods = {
  'session.get': method(
    z.object({}),
    z.object({
      labeller: LabellerSchema.nullable(),
      host: z.enum(['electron', 'browser', 'in-process']),
      /**
       * On a team host (`rankwise serve --team`): the caller's role, and what the host warns
       * the lead about (listening beyond this machine without TLS, say). Absent elsewhere:
       * one person, every method.
       */
      access: z.object({ role: RoleSchema, warnings: z.array(z.string()) }).optional(),
    }),
    'Who is labelling here, and on which host (on a team host: who this link belongs to, and their role).',
  ),
  'session.identify': method(
    z.object({ name: z.string().trim().min(1).max(100) }),
    LabellerSchema,
    'Set this installation’s labeller (created in the project if new).',
  ),
  'session.summary': method(
    z.object({ labellerId: Id, since: z.number().int().nonnegative() }),
    SessionSummarySchema,
    'What this labeller has done since a time (the start of a session): counts and active time.',
  ),
} as const;
