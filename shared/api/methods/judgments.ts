import { z } from 'zod';
import { PairwiseChoiceSchema } from '../../domain/judgment';
import { Id, method, ProgressSchema } from '../schemas';

export const judgmentMethods = {
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
} as const;
