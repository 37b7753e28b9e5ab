import { z } from 'zod';
import { QueueEntrySchema } from '../../analysis/report';
import { PromptSchema, MetadataSchema } from '../../domain/item';
import { Id, method } from '../schemas';
import { GoldAnswerSchema } from './team';

const Index = z.number().int().nonnegative();

/** A reviewer's decision, in response indices (source order), as db/reviews.ts stores it. */
export const ReviewDecisionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('pairwise'),
    outcome: z.enum(['preferred', 'tie', 'both_bad']),
    chosenIdx: Index,
    rejectedIdx: Index,
    strength: z.number().int().min(1).max(4).nullable().default(null),
  }),
  z.object({
    kind: z.literal('ranking'),
    tiers: z.array(z.array(Index).min(1)).min(1),
    noneAcceptable: z.boolean().default(false),
  }),
  z.object({ kind: z.literal('discard') }),
]);
export type ReviewDecisionInput = z.input<typeof ReviewDecisionSchema>;

/** A stored verdict in response terms (shared/domain/judgment.ts StoredVerdict). */
const StoredVerdictSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('pairwise'),
    outcome: z.enum(['preferred', 'tie', 'both_bad']),
    chosenIdx: Index,
    rejectedIdx: Index,
    strength: z.number().int().nullable(),
    criteria: z.record(z.string(), z.union([Index, z.literal('tie')])),
  }),
  z.object({
    kind: z.literal('ranking'),
    tiers: z.array(z.array(Index)),
    noneAcceptable: z.boolean(),
  }),
  z.object({
    kind: z.literal('rating'),
    ratings: z.array(
      z.object({
        idx: Index,
        aspects: z.record(z.string(), z.number()),
        thumb: z.enum(['up', 'down']).nullable(),
      }),
    ),
  }),
  z.object({ kind: z.literal('skip'), reason: z.string().nullable() }),
]);

export const ReviewItemSchema = z.object({
  item: z.object({
    id: Id,
    seq: z.number().int(),
    prompt: PromptSchema,
    metadata: MetadataSchema.nullable(),
    /** In source order; model names only where the project shows them. */
    responses: z.array(
      z.object({ index: Index, model: z.string().nullable(), content: z.string() }),
    ),
  }),
  judgments: z.array(
    z.object({
      judgmentId: Id,
      labellerId: Id,
      labellerName: z.string(),
      revision: z.number().int(),
      verdict: StoredVerdictSchema,
      rationale: z.string().nullable(),
      flags: z.array(z.string()),
      timeMs: z.number(),
      createdAt: z.number(),
      /** Was the preferred response shown on the left? (null: not a preference) */
      leftWon: z.boolean().nullable(),
      /**
       * The responses (indices) in the order this labeller saw them: position 0 was their A,
       * so a reviewer can read their verdict in the letters they used.
       */
      displayedOrder: z.array(Index),
    }),
  ),
  decision: ReviewDecisionSchema.nullable(),
  history: z.array(
    z.object({
      id: Id,
      revision: z.number().int(),
      kind: z.enum(['pairwise', 'ranking', 'discard', 'retract']),
      summary: z.string(),
      note: z.string().nullable(),
      reviewerName: z.string(),
      createdAt: z.number(),
    }),
  ),
  gold: GoldAnswerSchema.nullable(),
  strengthLevels: z.number().int(),
});
export type ReviewItem = z.infer<typeof ReviewItemSchema>;

export const QueueRowSchema = QueueEntrySchema.extend({
  /** The decision in force, summarised, or null when the item is still open. */
  decision: z.string().nullable(),
});
export type QueueRow = z.infer<typeof QueueRowSchema>;

export const reviewMethods = {
  'reviews.queue': method(
    z.object({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(50),
      status: z.enum(['all', 'open', 'adjudicated']).default('all'),
    }),
    z.object({
      total: z.number().int(),
      rows: z.array(QueueRowSchema),
      computedAt: z.number().nullable(),
    }),
    'The disagreement queue, most disagreement first, from the latest agreement computation.',
  ),
  'reviews.item': method(
    z.object({ itemId: Id }),
    ReviewItemSchema,
    'An item with every labeller’s current judgment side by side, rationales, and its review history.',
  ),
  'reviews.decide': method(
    z.object({
      itemId: Id,
      reviewerId: Id,
      decision: ReviewDecisionSchema,
      note: z.string().max(100_000).nullable().default(null),
      /** Also make this the item's gold answer (pairwise and ranking decisions only). */
      asGold: z
        .object({ hidden: z.boolean().default(true) })
        .nullable()
        .default(null),
    }),
    z.object({ id: Id, revision: z.number().int() }),
    'Adjudicate an item: a final decision plus a note (append-only; the latest is in force).',
  ),
  'reviews.retract': method(
    z.object({
      itemId: Id,
      reviewerId: Id,
      note: z.string().max(100_000).nullable().default(null),
    }),
    z.object({ id: Id, revision: z.number().int() }),
    'Withdraw the item’s decision (a retraction revision; the history stays).',
  ),
} as const;
