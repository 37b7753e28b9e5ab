import type { ItemView, MethodOutput } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { BackendContext, Handlers } from '../handlers/context';
import { requireLabeller } from '../handlers/context';
import { itemView } from '../handlers/items';
import { getItem, hasAssignment } from '../items';
import { getHead } from '../judgments';
import type { GroupCommit } from './group-commit';
import {
  capHeld,
  getOverlap,
  heldUntil,
  inAssignment,
  loadOfItem,
  nextOpenItem,
  ownLeasedItem,
  planExists,
  purgeExpired,
  releaseLease,
  renewLease,
  takeLease,
} from './leases';

const VERDICTS: ReadonlySet<string> = new Set(['pairwise', 'ranking', 'rating']);

/**
 * Leases are answered once committed, without waiting for the disk: a crash may lose one,
 * which costs a repeat offer at worst (a verdict beyond the overlap is still refused).
 */
const SOFT = { durable: false } as const;

export interface LiveQueueOptions {
  commit: GroupCommit;
  leaseMs: number;
  now: () => number;
  /** Something the dashboard shows changed (a lease taken or let go). */
  changed: () => void;
}

/**
 * The labelling methods as a team host serves them: items are leased to the person they are
 * shown to, and each runs in the shared write batch (GroupCommit), so "is there room" and
 * "take it" happen in one write transaction and are answered once on disk.
 *
 * - With a plan (`team.assign`), each person gets their planned queue (and nobody else
 *   anything); leases only say who is on what.
 * - Without one, `items.next` gives the first open item: fewer than `overlap` people hold or
 *   have judged it. A lease lasts `leaseMs` from the last sign of work (items.next showing it
 *   again, drafts.save, leases.renew) and ends with the answer, a skip, leases.release, or
 *   expiry. A verdict on an item the person does not hold is taken only while there is room:
 *   nobody can push an item past the overlap by going back to it.
 */
export function liveQueueHandlers(
  ctx: BackendContext,
  base: Handlers,
  o: LiveQueueOptions,
): Pick<
  Handlers,
  | 'items.next'
  | 'judgments.submit'
  | 'judgments.undo'
  | 'drafts.save'
  | 'drafts.discard'
  | 'leases.renew'
  | 'leases.release'
> {
  const { db } = ctx;
  const sync = <M extends keyof Handlers>(m: M, input: Parameters<Handlers[M]>[0]) =>
    (base[m] as (i: typeof input) => MethodOutput<M>)(input);

  function withLease(view: ItemView | null, labellerId: string, now: number) {
    if (!view || view.repeatId) return view;
    const until = takeLease(db, labellerId, view.seq, now, o.leaseMs);
    capHeld(db, labellerId, view.seq);
    o.changed();
    return { ...view, heldUntil: until };
  }

  return {
    'items.next': (input) =>
      o.commit.run(() => {
        const { labellerId, exclude } = input;
        requireLabeller(ctx, labellerId);
        const now = o.now();
        purgeExpired(db, now);
        const own = ownLeasedItem(db, labellerId, exclude, now);
        if (own) return withLease(itemView(ctx, labellerId, own.id), labellerId, now);
        if (planExists(db)) {
          if (!hasAssignment(db, labellerId)) return null;
          return withLease(sync('items.next', input), labellerId, now);
        }
        const next = nextOpenItem(db, labellerId, getOverlap(db), exclude);
        return next ? withLease(itemView(ctx, labellerId, next.id), labellerId, now) : null;
      }, SOFT),

    'judgments.submit': (input) =>
      o.commit.run(() => {
        const item = input.repeatId ? undefined : getItem(db, input.itemId);
        if (item) {
          const now = o.now();
          purgeExpired(db, now);
          refuseBeyondOverlap(input.labellerId, item, input.verdict.kind !== 'skip', now);
        }
        const out = sync('judgments.submit', input);
        if (item && releaseLease(db, input.labellerId, item.seq)) o.changed();
        return out;
      }),

    // The item taken back is shown again: it is held for them while there is room, so nobody
    // takes the place their verdict freed before they answer again.
    'judgments.undo': (input) =>
      o.commit.run(() => {
        const out = sync('judgments.undo', input);
        const item = out && !out.repeatId ? getItem(db, out.itemId) : undefined;
        if (item) {
          const now = o.now();
          const room = planExists(db) || loadOfItem(db, item.seq) < getOverlap(db);
          if (room) {
            takeLease(db, input.labellerId, item.seq, now, o.leaseMs);
            capHeld(db, input.labellerId, item.seq);
            o.changed();
          }
        }
        return out;
      }),

    'drafts.save': (input) =>
      o.commit.run(() => {
        const out = sync('drafts.save', input);
        const item = getItem(db, input.itemId);
        if (item) renewLease(db, input.labellerId, item.seq, o.now(), o.leaseMs);
        return out;
      }),

    'drafts.discard': (input) => o.commit.run(() => sync('drafts.discard', input)),

    'leases.renew': ({ labellerId, itemId }) =>
      o.commit.run(() => {
        requireLabeller(ctx, labellerId);
        const item = getItem(db, itemId);
        if (!item) throw new ApiError('NOT_FOUND', `no item with id ${JSON.stringify(itemId)}`);
        const now = o.now();
        purgeExpired(db, now);
        const renewed = renewLease(db, labellerId, item.seq, now, o.leaseMs);
        if (renewed !== null) return { heldUntil: renewed };
        // Let go meanwhile (expired): theirs again if nobody filled it.
        const head = getHead(db, labellerId, itemId);
        if (head && head.kind !== 'retract') return { heldUntil: null };
        const room = planExists(db)
          ? inAssignment(db, labellerId, itemId)
          : loadOfItem(db, item.seq) < getOverlap(db);
        if (!room) return { heldUntil: null };
        const until = takeLease(db, labellerId, item.seq, now, o.leaseMs);
        capHeld(db, labellerId, item.seq);
        o.changed();
        return { heldUntil: until };
      }, SOFT),

    'leases.release': ({ labellerId, itemId }) =>
      o.commit.run(() => {
        const item = getItem(db, itemId);
        const released = item ? releaseLease(db, labellerId, item.seq) : false;
        if (released) o.changed();
        return { released };
      }, SOFT),
  };

  /**
   * A submission that would put an item past what the team host allows: with a plan, an item
   * outside the person's queue; without one, a verdict (skips add nothing) on an item they do
   * not hold, have no verdict on yet, and that is full.
   */
  function refuseBeyondOverlap(
    labellerId: string,
    item: { id: string; seq: number },
    isVerdict: boolean,
    now: number,
  ): void {
    const head = getHead(db, labellerId, item.id);
    if (planExists(db)) {
      if (!head && !inAssignment(db, labellerId, item.id))
        throw new ApiError(
          'CONFLICT',
          `item ${item.id} is not in your queue: the lead's plan gives it to others. Your answer was not saved; ask the next item instead.`,
        );
      return;
    }
    if (!isVerdict || (head && VERDICTS.has(head.kind))) return;
    if (heldUntil(db, labellerId, item.seq, now) !== null) return;
    const overlap = getOverlap(db);
    if (loadOfItem(db, item.seq) >= overlap)
      throw new ApiError(
        'CONFLICT',
        `item ${item.id} already has ${overlap === 1 ? 'someone' : `${overlap} people`} on it (it was given to others while it was not yours). Your answer was not saved; ask the next item instead.`,
      );
  }
}
