import { ApiError } from '../../shared/api/errors';
import { isPermutation } from '../../shared/domain/display-order';
import { toStored, VerdictError } from '../../shared/domain/judgment';
import { verdictProblem } from '../../shared/domain/task-rules';
import { getItem, getResponses } from '../items';
import { appendRevision, latestUndoable, progressOf } from '../judgments';
import { getTask } from '../settings';
import { answerRepeat, latestUndoableRepeat, retractRepeatAnswer } from '../team/repeats';
import { discardDraft } from '../drafts';
import { shownSuggestion } from '../judges/suggestions';
import {
  guidelineVersion,
  requireLabeller,
  type BackendContext,
  type HandlerGroup,
} from './context';

export function judgmentHandlers(ctx: BackendContext): HandlerGroup<'judgments'> {
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
      const task = getTask(db);
      const problem = verdictProblem(task, input.verdict, {
        rationale: input.rationale,
        flags: input.flags,
      });
      if (problem) throw new ApiError('INVALID_INPUT', problem);
      let verdict;
      try {
        // The one place display positions become response indices.
        verdict = toStored(input.verdict, input.displayedOrder);
      } catch (e) {
        if (e instanceof VerdictError) throw new ApiError('INVALID_INPUT', e.message);
        throw e;
      }
      const suggestion = input.suggestion
        ? shownSuggestion(db, item.id, input.suggestion.judge)
        : null;
      const record = {
        itemId: item.id,
        suggestion,
        labellerId: input.labellerId,
        verdict,
        rationale: input.rationale,
        flags: input.flags,
        displayedOrder: input.displayedOrder,
        timeMs: input.timeMs,
        guidelineVersion: guidelineVersion(ctx),
        taskVersion: task.version,
      };
      // The judgment replaces the labeller's draft on the item, in the same transaction. The
      // answer to a swapped repeat is kept beside the first judgment, never as a revision.
      const { id, revision } = db
        .transaction(() => {
          const r = input.repeatId
            ? answerRepeat(db, { ...record, repeatId: input.repeatId })
            : appendRevision(db, record);
          discardDraft(db, input.labellerId, item.id);
          return r;
        })
        .immediate();
      events.emit('db.changed', { what: 'judgments' });
      return { judgmentId: id, revision, progress: progressOf(db, input.labellerId) };
    },

    'judgments.undo': ({ labellerId }) => {
      requireLabeller(ctx, labellerId);
      const versions = {
        guidelineVersion: guidelineVersion(ctx),
        taskVersion: getTask(db).version,
      };
      const undone = db
        .transaction(() => {
          // The labeller's latest answer, whichever table holds it: a swapped repeat's answer
          // is taken back by a retraction of its own, never by retracting another item.
          const last = latestUndoable(db, labellerId);
          const repeat = latestUndoableRepeat(db, labellerId);
          if (repeat && (!last || later(repeat, last))) {
            retractRepeatAnswer(db, { ...repeat, ...versions });
            return { itemId: repeat.itemId, repeatId: repeat.repeatId };
          }
          if (!last) return null;
          appendRevision(db, {
            itemId: last.itemId,
            labellerId,
            verdict: { kind: 'retract' },
            rationale: null,
            flags: [],
            displayedOrder: last.displayedOrder,
            timeMs: 0,
            ...versions,
          });
          return { itemId: last.itemId };
        })
        .immediate();
      if (!undone) return null;
      events.emit('db.changed', { what: 'judgments' });
      return { ...undone, progress: progressOf(db, labellerId) };
    },
  };
}

/** Made after: by time, then id (the order revisions are chained in). */
function later(
  a: { createdAt: number; id: string },
  b: { createdAt: number; id: string },
): boolean {
  return a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id);
}
