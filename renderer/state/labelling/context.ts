import type { Client } from '../../../shared/api/client';
import type { Draft, ItemView } from '../../../shared/api/contract';
import type { DisplayedVerdict } from '../../../shared/domain/judgment';
import type { ActiveClock } from '../../model/active-time';
import type { JudgmentForm } from '../../model/judgment-form/judgment-form';
import type { AppStore } from '../store';

/*
 * The labelling state is four rooms, each a module: navigation (which item is on screen,
 * what comes next, history), edits (the half-made judgment), saving (submitting, retries and
 * the outbox) and drafts (the half-made judgment kept on the backend). Each puts its state
 * and actions into the store, and offers the others the few steps they take on its behalf:
 * a save moves on to the next item, showing an item stops the timers of the one before.
 */

/** An item fetched with the labeller's draft of it. */
export interface Fetched {
  view: ItemView;
  draft: Draft | null;
}

export interface NavigationSteps {
  /** Show an item (null: the queue is done), opening its form from `form`, its draft or its judgment. */
  show: (view: ItemView | null, draft: Draft | null, form?: JudgmentForm) => void;
  fetchItem: (itemId: string, repeatId?: string | null) => Promise<Fetched>;
  /** After a judgment on `from`: the next item in history when revisiting, else the queue's next. */
  advance: (from: ItemView) => Promise<void>;
  pushHistory: (itemId: string) => void;
  /** Can `advance(from)` show the next item at once (it is fetched and formatted already)? */
  canAdvanceAtOnce: (from: ItemView) => boolean;
  /** Back to an item left behind (its save failed), with the judgment as it was made. */
  returnTo: (view: ItemView, form: JudgmentForm) => void;
}

export interface EditSteps {
  /** The form an item opens with: one given (a draft, an undone answer), the judgment kept, or blank. */
  openingForm: (view: ItemView, given: JudgmentForm | null) => JudgmentForm;
}

export interface SavingSteps {
  /** Submit a verdict made with `form`; on success the next item shows. */
  commit: (verdict: DisplayedVerdict, form?: JudgmentForm) => Promise<void>;
  /** Send the judgments a previous run could not save. */
  flushOutbox: () => Promise<void>;
  /** Ask for this session's figures again, shortly. */
  scheduleSummary: () => void;
  /** Forget the retry pending for the item leaving the screen. */
  cancelRetry: () => void;
  /** Resolves once no judgment is on its way to disk behind the labeller. */
  settled: () => Promise<void>;
}

export interface DraftSteps {
  /** The form changed: save it as a draft once the labeller pauses. */
  schedule: () => void;
  /** Drop a pending draft save (the judgment is being submitted, or the item left). */
  cancel: () => void;
}

export interface LabellingRooms {
  navigation: NavigationSteps;
  edits: EditSteps;
  saving: SavingSteps;
  drafts: DraftSteps;
}

/** What the rooms share besides the store. */
export interface LabellingContext {
  set: AppStore['setState'];
  get: AppStore['getState'];
  client: Client;
  /**
   * Active time on the item on screen. Not in the store: it changes on every mouse move or
   * keystroke and nothing renders it.
   */
  clock: ActiveClock;
  labellerId: () => string;
  projectId: () => string;
  /** Every room's steps, once the store is made (rooms call them only from actions). */
  readonly rooms: LabellingRooms;
}

/** A room: its part of the store, and the steps it offers the other rooms. */
export type Room<State, Steps> = (ctx: LabellingContext) => { state: State; steps: Steps };
