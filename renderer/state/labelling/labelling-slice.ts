import { activity, pause, startClock } from '../../model/active-time';
import type { SliceCreator } from '../store';
import type { LabellingContext, LabellingRooms } from './context';
import { draftsRoom, type DraftsSlice } from './drafts';
import { editsRoom, type EditsSlice } from './edits';
import { navigationRoom, type NavigationSlice } from './navigation';
import { savingRoom, type SavingSlice } from './saving';

/** The labelling screen's state: its four rooms, and what they share. */
export type LabellingSlice = NavigationSlice &
  EditsSlice &
  SavingSlice &
  DraftsSlice & {
    /** Something the labeller should know that belongs to no control ("Nothing to undo"). */
    notice: string | null;
    dismissNotice: () => void;
    /** A key, click or scroll: the labeller is at work on the item. */
    noteActivity: () => void;
    pauseClock: () => void;
  };

export const createLabellingSlice: SliceCreator<LabellingSlice> = (set, get, client) => {
  let rooms: LabellingRooms | null = null;
  const ctx: LabellingContext = {
    set,
    get,
    client,
    clock: startClock(performance.now()),
    labellerId() {
      const l = get().labeller;
      if (!l) throw new Error('no labeller');
      return l.id;
    },
    projectId: () => get().project?.projectId ?? 'unknown',
    get rooms() {
      if (!rooms) throw new Error('a labelling room was used before the store was made');
      return rooms;
    },
  };
  const navigation = navigationRoom(ctx);
  const edits = editsRoom(ctx);
  const saving = savingRoom(ctx);
  const drafts = draftsRoom(ctx);
  rooms = {
    navigation: navigation.steps,
    edits: edits.steps,
    saving: saving.steps,
    drafts: drafts.steps,
  };
  return {
    ...navigation.state,
    ...edits.state,
    ...saving.state,
    ...drafts.state,
    notice: null,
    dismissNotice: () => set({ notice: null }),
    noteActivity() {
      ctx.clock = activity(ctx.clock, performance.now());
    },
    pauseClock() {
      ctx.clock = pause(ctx.clock, performance.now());
    },
  };
};
