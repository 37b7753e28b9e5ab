import { z } from 'zod';
import { Id, ItemViewSchema, method } from '../schemas';

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
} as const;
