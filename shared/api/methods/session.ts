import { z } from 'zod';
import { LabellerSchema, method } from '../schemas';
import { RoleSchema } from './team-host';

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
} as const;
