import { ApiError } from '../../shared/api/errors';
import { isPermutation } from '../../shared/domain/display-order';
import { resolvePairwise } from '../../shared/domain/judgment';
import { getItem, getResponses } from '../items';
import { appendRevision, latestUndoable, progressOf } from '../judgments';
import {
  guidelineVersion,
  requireLabeller,
  type BackendContext,
  type HandlerGroup,
} from './context';

export function judgmentHandlers(ctx: BackendContext): HandlerGroup<'judgments' | 'progress'> {
  const { db, events } = ctx;
  return {
    'judgments.submit': (input) => {
      requireLabeller(ctx, input.labellerId);
      const item = getItem(db, input.itemId);
      if (!item) throw new ApiError('NOT_FOUND', `no item with id ${JSON.stringify(input.itemId)}`);
      const count = getResponses(db, item.seq).length;
      if (!isPermutation(input.displayedOrder, count)) {
        throw new ApiError(
          'INVALID_INPUT',
          `displayedOrder must be a permutation of the item's ${count} response indices, got ${JSON.stringify(input.displayedOrder)}`,
        );
      }
      // The one place display positions become response indices.
      const { outcome, chosenIdx, rejectedIdx } = resolvePairwise(
        input.choice,
        input.displayedOrder,
      );
      const { id, revision } = appendRevision(db, {
        itemId: item.id,
        labellerId: input.labellerId,
        kind: 'pairwise',
        outcome,
        chosenIdx,
        rejectedIdx,
        strength: input.strength,
        rationale: input.rationale,
        displayedOrder: input.displayedOrder,
        timeMs: input.timeMs,
        guidelineVersion: guidelineVersion(ctx),
      });
      events.emit('db.changed', { what: 'judgments' });
      return { judgmentId: id, revision, progress: progressOf(db, input.labellerId) };
    },

    'judgments.undo': ({ labellerId }) => {
      requireLabeller(ctx, labellerId);
      const last = latestUndoable(db, labellerId);
      if (!last) return null;
      appendRevision(db, {
        itemId: last.itemId,
        labellerId,
        kind: 'retract',
        outcome: null,
        chosenIdx: null,
        rejectedIdx: null,
        strength: null,
        rationale: null,
        displayedOrder: last.displayedOrder,
        timeMs: 0,
        guidelineVersion: guidelineVersion(ctx),
      });
      events.emit('db.changed', { what: 'judgments' });
      return { itemId: last.itemId, progress: progressOf(db, labellerId) };
    },

    'progress.get': ({ labellerId }) => {
      requireLabeller(ctx, labellerId);
      return progressOf(db, labellerId);
    },
  };
}
