import type { ItemView } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { displayOrder } from '../../shared/domain/display-order';
import { toDisplayed } from '../../shared/domain/judgment';
import { getItem, getResponses, nextUnjudgedItemId } from '../items';
import { getHead, getJudgment, verdictOf } from '../judgments';
import { getTask } from '../settings';
import { nextDueRepeat, requireRepeat, swappedOrder } from '../team/repeats';
import { listItems } from '../item-browser';
import { recentItemIds } from '../labelling-stats';
import { requireLabeller, type BackendContext, type HandlerGroup } from './context';

export function itemHandlers(ctx: BackendContext): HandlerGroup<'items'> {
  return {
    'items.next': ({ labellerId, exclude }) => {
      requireLabeller(ctx, labellerId);
      const id = nextUnjudgedItemId(ctx.db, labellerId, exclude);
      // A swapped repeat that has come due goes first (at the end of the queue, any left).
      const repeat = nextDueRepeat(ctx.db, labellerId, id === undefined, exclude);
      if (repeat) return repeatView(ctx, labellerId, repeat);
      return id === undefined ? null : itemView(ctx, labellerId, id);
    },
    'items.get': ({ labellerId, itemId, repeatId }) => {
      requireLabeller(ctx, labellerId);
      if (!repeatId) return itemView(ctx, labellerId, itemId);
      requireRepeat(ctx.db, repeatId, labellerId, itemId);
      return repeatView(ctx, labellerId, { id: repeatId, itemId });
    },
    'items.list': (input) => listItems(ctx.db, input),
    'items.recent': ({ labellerId, limit }) => recentItemIds(ctx.db, labellerId, limit),
  };
}

/**
 * An item as one labeller sees it: responses in that labeller's seeded order, model names
 * only if the project shows them (hidden names never leave the backend), and the labeller's
 * current verdict re-expressed in display terms.
 */
export function itemView(ctx: BackendContext, labellerId: string, itemId: string): ItemView {
  const { db } = ctx;
  const item = getItem(db, itemId);
  if (!item) throw new ApiError('NOT_FOUND', `no item with id ${JSON.stringify(itemId)}`);
  const responses = getResponses(db, item.seq);
  const order = displayOrder(labellerId, item.id, responses.length);
  const showModels = getTask(db).showModelNames;
  const head = getHead(db, labellerId, item.id);
  let current: ItemView['current'] = null;
  if (head && head.kind !== 'retract') {
    const j = getJudgment(db, head.judgment_id)!;
    // Shown in this labeller's current order (the order they judged in, as it is seeded).
    current = {
      judgmentId: j.id,
      kind: j.kind,
      verdict: toDisplayed(verdictOf(j)!, order),
      rationale: j.rationale,
      flags: j.flags_json ? (JSON.parse(j.flags_json) as string[]) : [],
    };
  }
  return {
    id: item.id,
    seq: item.seq,
    prompt: item.prompt,
    metadata: item.metadata,
    responses: order.map((idx) => {
      const r = responses[idx]!;
      return { index: r.idx, model: showModels ? r.model : null, content: r.content };
    }),
    displayedOrder: order,
    current,
  };
}

/** The item again, responses in the other order, as a fresh judgment tagged with its repeat. */
function repeatView(
  ctx: BackendContext,
  labellerId: string,
  repeat: { id: string; itemId: string },
): ItemView {
  const v = itemView(ctx, labellerId, repeat.itemId);
  const order = swappedOrder(v.displayedOrder);
  return {
    ...v,
    responses: order.map((idx) => v.responses.find((r) => r.index === idx)!),
    displayedOrder: order,
    current: null,
    repeatId: repeat.id,
  };
}
