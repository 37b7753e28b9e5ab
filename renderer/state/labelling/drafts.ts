import type { Draft } from '../../../shared/api/contract';
import { readClock } from '../../model/active-time';
import { draftFromForm } from '../../model/judgment-form/draft';
import { isBlank } from '../../model/judgment-form/judgment-form';
import type { DraftSteps, Room } from './context';

export type DraftStatus = 'none' | 'unsaved' | 'saved' | 'failed';

/**
 * The half-made judgment kept on the backend (drafts.*), so it survives a restart: saved once
 * the labeller pauses, and before they leave the item.
 */
export interface DraftsSlice {
  draftStatus: DraftStatus;
  flushDraft: () => Promise<void>;
  /** The judgment on screen as a draft (null: nothing entered), with the time spent so far. */
  draftNow: () => Draft | null;
  /** Save no more drafts: the host stopped taking this person's work (access-slice.ts). */
  stopDraftSaves: () => void;
}

/** How long the form must be still before it is saved as a draft. */
const DRAFT_DELAY_MS = 600;

export const draftsRoom: Room<DraftsSlice, DraftSteps> = (ctx) => {
  const { set, get, client } = ctx;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function cancel() {
    if (timer) clearTimeout(timer);
    timer = null;
  }

  function schedule() {
    set({ draftStatus: 'unsaved' });
    cancel();
    timer = setTimeout(() => void get().flushDraft(), DRAFT_DELAY_MS);
  }

  return {
    steps: { schedule, cancel },
    state: {
      draftStatus: 'none',

      draftNow() {
        const { current, form } = get();
        if (!current || isBlank(form)) return null;
        return draftFromForm(form, current.displayedOrder, readClock(ctx.clock, performance.now()));
      },

      stopDraftSaves() {
        cancel();
        set({ draftStatus: 'none' });
      },

      async flushDraft() {
        cancel();
        const { current, form, draftStatus } = get();
        if (!current || draftStatus !== 'unsaved') return;
        const itemId = current.id;
        try {
          const labellerId = ctx.labellerId();
          if (isBlank(form)) await client.call('drafts.discard', { labellerId, itemId });
          else
            await client.call('drafts.save', {
              labellerId,
              itemId,
              draft: draftFromForm(
                form,
                current.displayedOrder,
                readClock(ctx.clock, performance.now()),
              ),
            });
          if (get().current?.id === itemId && get().form === form)
            set({ draftStatus: isBlank(form) ? 'none' : 'saved' });
        } catch {
          if (get().current?.id === itemId) set({ draftStatus: 'failed' });
        }
      },
    },
  };
};
