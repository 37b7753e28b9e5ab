import { z } from 'zod';
import { LabellerSchema, method } from '../schemas';

export const sessionMethods = {
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
} as const;
