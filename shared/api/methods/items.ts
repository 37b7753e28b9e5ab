import { z } from 'zod';
import { JudgmentKindSchema } from '../../domain/judgment';
import { Id, ItemViewSchema, method } from '../schemas';

export const ItemFilterSchema = z.enum([
  'all',
  'unlabelled',
  'mine',
  'skipped',
  'flagged',
  'drafts',
]);
export type ItemFilter = z.infer<typeof ItemFilterSchema>;

/** One row of the item browser: enough to recognise an item, never its full text. */
export const ItemRowSchema = z.object({
  id: Id,
  seq: z.number().int(),
  /** The start of the prompt (the last user turn of a conversation), at most 200 characters. */
  preview: z.string(),
  turns: z.number().int(),
  responses: z.number().int(),
  /** This labeller's current verdict kind on the item, or null. */
  status: JudgmentKindSchema.exclude(['retract']).nullable(),
  flags: z.array(z.string()),
  hasDraft: z.boolean(),
});
export type ItemRow = z.infer<typeof ItemRowSchema>;

/** Labelling's queue (next, get) and the item browser (list, recent). */
export const itemMethods = {
  'items.next': method(
    z.object({ labellerId: Id, exclude: z.array(Id).max(100).default([]) }),
    ItemViewSchema.nullable(),
    'The first item this labeller has not judged yet (skipping `exclude`), or null when the queue is empty.',
  ),
  'items.get': method(
    z.object({
      labellerId: Id,
      itemId: Id,
      /** One of this labeller's swapped repeats of the item: the item as that repeat shows it. */
      repeatId: Id.nullable().optional(),
    }),
    ItemViewSchema,
    'One item as this labeller sees it (or as one of their swapped repeats shows it).',
  ),
  'items.list': method(
    z.object({
      labellerId: Id,
      filter: ItemFilterSchema.default('all'),
      /** Words to find in prompts and responses (all of them; "quotes" for a phrase). */
      query: z.string().max(500).default(''),
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().min(1).max(500).default(100),
      /** Count the matches too (a page fetch after the first can skip it). */
      withTotal: z.boolean().default(true),
    }),
    z.object({ rows: z.array(ItemRowSchema), total: z.number().int().nullable() }),
    'A page of items in queue order, filtered and searched, as this labeller sees them.',
  ),
  'items.recent': method(
    z.object({ labellerId: Id, limit: z.number().int().min(1).max(500).default(50) }),
    z.array(Id),
    'The items this labeller judged or skipped most recently, newest first (for "back").',
  ),
} as const;
