import { z } from 'zod';
import { Id, method } from '../schemas';

/**
 * leases.*: on a team host, an item shown to a labeller is theirs for a while, so no more than
 * the overlap hold or have judged it at once.
 */
/** Leases last this long from the last sign of work on the item (items.next, drafts.save, leases.renew). */
export const DEFAULT_LEASE_MS = 10 * 60_000;

export const leaseMethods = {
  'leases.renew': method(
    z.object({ labellerId: Id, itemId: Id }),
    z.object({ heldUntil: z.number().int().nullable() }),
    'Keep the item leased to this labeller while they work on it (taken again if it was let go and is still free); null when it cannot be held (not a team host, or others hold it).',
  ),
  'leases.release': method(
    z.object({ labellerId: Id, itemId: Id }),
    z.object({ released: z.boolean() }),
    'Let go of an item shown to this labeller without answering it, so others may be offered it.',
  ),
  'leases.setOverlap': method(
    z.object({ overlap: z.number().int().min(1).max(100) }),
    z.object({ overlap: z.number().int() }),
    'How many people may hold or have judged an item at once when no plan (team.assign) says who labels what.',
  ),
} as const;
