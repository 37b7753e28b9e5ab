import { z } from 'zod';
import { PairwiseChoiceSchema } from '../../domain/judgment';
import { Id, method } from '../schemas';

const Position = z.number().int().nonnegative();

/**
 * A half-made judgment, in display positions (the labeller's seeded order, which is stable,
 * so positions stay meaningful across restarts). Whatever the labeller had entered, even if
 * it is not a valid verdict yet; `displayedOrder` lets a reader check it still applies.
 */
export const DraftSchema = z.object({
  displayedOrder: z.array(Position).min(2),
  pairwise: z
    .object({
      choice: PairwiseChoiceSchema.nullable(),
      strength: z.number().int().min(1).max(4).nullable(),
      criteria: z.record(z.string(), z.enum(['A', 'B', 'tie'])),
    })
    .nullable()
    .default(null),
  ranking: z
    .object({
      order: z.array(Position),
      tiedWithPrev: z.array(z.boolean()),
      noneAcceptable: z.boolean(),
    })
    .nullable()
    .default(null),
  rating: z
    .array(
      z.object({
        position: Position,
        aspects: z.record(z.string(), z.number()),
        thumb: z.enum(['up', 'down']).nullable(),
      }),
    )
    .nullable()
    .default(null),
  rationale: z.string().max(100_000).default(''),
  flags: z.array(z.string().min(1).max(60)).max(24).default([]),
  /** Active time spent on the item so far, carried into the judgment when it is submitted. */
  timeMs: z.number().int().nonnegative().max(86_400_000).default(0),
});
export type Draft = z.output<typeof DraftSchema>;
export type DraftInput = z.input<typeof DraftSchema>;

export const draftMethods = {
  'drafts.get': method(
    z.object({ labellerId: Id, itemId: Id }),
    z.object({ draft: DraftSchema, updatedAt: z.number().int() }).nullable(),
    'This labeller’s half-made judgment on an item, or null.',
  ),
  'drafts.save': method(
    z.object({ labellerId: Id, itemId: Id, draft: DraftSchema }),
    z.object({ updatedAt: z.number().int() }),
    'Keep a half-made judgment (replacing the previous one); submitting a judgment removes it.',
  ),
  'drafts.discard': method(
    z.object({ labellerId: Id, itemId: Id }),
    z.object({ discarded: z.boolean() }),
    'Forget a half-made judgment.',
  ),
} as const;
