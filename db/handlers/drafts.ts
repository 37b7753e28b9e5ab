import { ApiError } from '../../shared/api/errors';
import { discardDraft, getDraft, saveDraft } from '../drafts';
import { getItem } from '../items';
import { requireLabeller, type BackendContext, type HandlerGroup } from './context';

export function draftHandlers(ctx: BackendContext): HandlerGroup<'drafts'> {
  const { db } = ctx;
  return {
    'drafts.get': ({ labellerId, itemId }) => getDraft(db, labellerId, itemId),
    'drafts.save': ({ labellerId, itemId, draft }) => {
      requireLabeller(ctx, labellerId);
      if (!getItem(db, itemId))
        throw new ApiError('NOT_FOUND', `no item with id ${JSON.stringify(itemId)}`);
      return { updatedAt: saveDraft(db, labellerId, itemId, draft) };
    },
    'drafts.discard': ({ labellerId, itemId }) => ({
      discarded: discardDraft(db, labellerId, itemId),
    }),
  };
}
