import { DEFAULT_STRENGTH_LABELS } from '../../shared/domain/task';
import { ratingCells } from '../model/judgment-form/judgment-form';
import { decisionOptions } from '../model/review-decisions';
import { formContext } from '../state/labelling/edits';
import type { ViewId } from '../state/views';
import type { AppState } from '../state/store';

export type ActionGroup =
  'Judge' | 'Ranking' | 'Rating' | 'Flags and notes' | 'Move' | 'View' | 'App';

export interface Action {
  id: string;
  /** What the action does, in general. */
  label: string;
  /** What it does here and now, when that depends on the task (buttons and help show this). */
  labelFor?: (s: AppState) => string;
  group: ActionGroup;
  /**
   * Keys as keyOf() names them. No key may belong to two actions, unless they name different
   * views (checked when the keymap is built).
   */
  keys: string[];
  /**
   * The one screen the action works on, when it has one. Actions of different views may share
   * a key (1 judges on the labelling screen and decides on the review screen).
   */
  view?: ViewId;
  /** Whether the action can run now (a disabled button, an ignored key). */
  enabled: (s: AppState) => boolean;
  /**
   * Whether it means anything under this project's task and settings at all (the help lists
   * only these: no ranking keys in a pairwise project, no strength keys without a scale).
   * Absent: always.
   */
  applies?: (s: AppState) => boolean;
  run: (s: AppState) => void;
}

const labelling = (s: AppState) => s.sessionStatus === 'ready' && s.view === 'label';
const judging = (s: AppState) =>
  labelling(s) && s.current !== null && !s.saving && s.unsaved === null;
const inMode = (m: 'pairwise' | 'ranking' | 'rating') => (s: AppState) =>
  judging(s) && s.task?.mode === m;
const pairwise = inMode('pairwise');
const ranking = inMode('ranking');
const rating = inMode('rating');
const letter = (i: number) => String.fromCharCode(65 + i);
/** The task is of this kind (whatever is on screen): what `applies` asks. */
const taskIs = (m: 'pairwise' | 'ranking' | 'rating') => (s: AppState) => s.task?.mode === m;
const hasFlags = (n: number) => (s: AppState) => (s.task?.flags.length ?? 0) >= n;

/** The rating cell under the cursor, if any. */
function cursorCell(s: AppState) {
  const ctx = formContext(s);
  return ctx ? ratingCells(ctx)[s.form.cursor] : undefined;
}

function digitEnabled(n: number) {
  return (s: AppState): boolean => {
    if (!judging(s) || !s.task || !s.current) return false;
    switch (s.task.mode) {
      case 'pairwise':
        return n <= 2;
      case 'ranking':
        return n <= s.current.responses.length;
      case 'rating': {
        const cell = cursorCell(s);
        const aspect = s.task.rating.aspects.find((a) => a.name === cell?.aspect);
        return !!aspect && n >= aspect.min && n <= aspect.max;
      }
    }
  };
}

function digitApplies(n: number) {
  return (s: AppState): boolean => {
    switch (s.task?.mode) {
      case 'pairwise':
        return n <= 2;
      case 'ranking':
        return n <= (s.current?.responses.length ?? 9);
      case 'rating':
        return s.task.rating.aspects.some((a) => n >= a.min && n <= a.max);
      default:
        return false;
    }
  };
}

function digitLabel(n: number) {
  return (s: AppState): string => {
    switch (s.task?.mode) {
      case 'ranking':
        return `Rank ${letter(n - 1)} next`;
      case 'rating':
        return `Rate ${n}`;
      default:
        return n === 1 ? 'A is better' : n === 2 ? 'B is better' : `Response ${n}`;
    }
  };
}

function strengthLabel(s: AppState, level: number): string {
  const labels = s.task?.pairwise.strengthLabels ?? [];
  return labels[level - 1] || DEFAULT_STRENGTH_LABELS[level - 1] || `level ${level}`;
}

/** Focus the first control inside an element of the labelling screen (a way into a widget). */
function focusInto(testId: string) {
  const el = document.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  const target = el?.matches('input, textarea, button')
    ? el
    : el?.querySelector<HTMLElement>('input, textarea, button');
  target?.focus();
}

const digits: Action[] = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({
  id: `pick-${n}`,
  label: n === 1 ? 'A is better · rank A next · rate 1' : `Response ${n} / value ${n}`,
  labelFor: digitLabel(n),
  group: 'Judge',
  keys: [String(n)],
  view: 'label',
  enabled: digitEnabled(n),
  applies: digitApplies(n),
  run: (s) => s.pick(n),
}));

const strengths: Action[] = ['z', 'x', 'c', 'v'].map((key, i) => ({
  id: `strength-${i + 1}`,
  label: `Strength ${i + 1}`,
  labelFor: (s) => `Strength: ${strengthLabel(s, i + 1)}`,
  group: 'Judge',
  keys: [key],
  enabled: (s) => pairwise(s) && (s.task?.pairwise.strengthLevels ?? 0) > i,
  applies: (s) => taskIs('pairwise')(s) && (s.task?.pairwise.strengthLevels ?? 0) > i,
  run: (s) => s.setStrength(i + 1),
}));

const flagKeys: Action[] = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({
  id: `flag-${n}`,
  label: `Flag ${n}`,
  labelFor: (s) => `Flag: ${s.task?.flags[n - 1] ?? n}`,
  group: 'Flags and notes',
  keys: [`shift+${n}`],
  enabled: (s) => judging(s) && (s.task?.flags.length ?? 0) >= n,
  applies: hasFlags(n),
  run: (s) => s.toggleFlag(s.task!.flags[n - 1]!),
}));

// Adjudication on the review screen: the queue beside the item, a decision by key, save and
// move on. They share the labelling screen's keys (1, 2, t, b, Enter), scoped by view.
const adjudicating = (s: AppState) =>
  s.sessionStatus === 'ready' &&
  s.view === 'review' &&
  s.reviewPane === 'queue' &&
  s.selectedItem !== null &&
  !s.reviewSaving;
const hasOption = (key: string) => (s: AppState) =>
  adjudicating(s) && decisionOptions(s.selectedItem!).some((o) => o.key === key);
/** The option's words for the item on screen ("Response 2 better"); the general label elsewhere. */
const optionLabel = (key: string, fallback: string) => (s: AppState) =>
  (s.view === 'review' &&
    s.selectedItem &&
    decisionOptions(s.selectedItem).find((o) => o.key === key)?.label) ||
  fallback;

const reviewActions: Action[] = [
  ...(
    [
      ['review-lo', 'lo', '1', 'Review: the first response is better'],
      ['review-hi', 'hi', '2', 'Review: the second response is better'],
      ['review-tie', 'tie', 't', 'Review: a tie'],
      ['review-both-bad', 'both_bad', 'b', 'Review: both bad'],
    ] as const
  ).map(([id, key, k, label]): Action => ({
    id,
    label,
    labelFor: optionLabel(key, label),
    group: 'Judge',
    keys: [k],
    view: 'review',
    enabled: hasOption(key),
    run: (s) => s.setReviewDraft({ choice: key }),
  })),
  {
    id: 'review-save',
    label: 'Review: save the decision, open the next',
    group: 'Judge',
    keys: ['Enter'],
    view: 'review',
    enabled: (s) => adjudicating(s) && s.reviewDraft.choice !== null,
    run: (s) => void s.saveDecision(),
  },
  {
    id: 'review-next',
    label: 'Review: next in the queue',
    group: 'Move',
    keys: ['j'],
    view: 'review',
    enabled: (s) => s.sessionStatus === 'ready' && s.view === 'review' && s.queue.total > 0,
    run: (s) => void s.stepQueue(1),
  },
  {
    id: 'review-previous',
    label: 'Review: previous in the queue',
    group: 'Move',
    keys: ['k'],
    view: 'review',
    enabled: (s) => s.sessionStatus === 'ready' && s.view === 'review' && s.queue.total > 0,
    run: (s) => void s.stepQueue(-1),
  },
];

/**
 * Every action the app offers, once. Buttons and keys both run these, so a shortcut can never
 * do something its button does not, and the help overlay is generated from this table.
 */
export const actions: readonly Action[] = [
  ...digits,
  {
    id: 'choose-a',
    label: 'A is better',
    labelFor: (s) => (s.task?.mode === 'rating' ? 'One point lower' : 'A is better'),
    group: 'Judge',
    keys: ['ArrowLeft'],
    enabled: (s) => pairwise(s) || rating(s),
    applies: (s) => taskIs('pairwise')(s) || taskIs('rating')(s),
    run: (s) => (s.task?.mode === 'rating' ? s.nudge(-1) : s.chooseSide('A')),
  },
  {
    id: 'choose-b',
    label: 'B is better',
    labelFor: (s) => (s.task?.mode === 'rating' ? 'One point higher' : 'B is better'),
    group: 'Judge',
    keys: ['ArrowRight'],
    enabled: (s) => pairwise(s) || rating(s),
    applies: (s) => taskIs('pairwise')(s) || taskIs('rating')(s),
    run: (s) => (s.task?.mode === 'rating' ? s.nudge(1) : s.chooseSide('B')),
  },
  {
    id: 'tie',
    label: 'Tie',
    labelFor: (s) => (s.task?.mode === 'ranking' ? 'Tie the next with the last' : 'Tie'),
    group: 'Judge',
    keys: ['t'],
    view: 'label',
    enabled: (s) =>
      (pairwise(s) && (s.form.cursor > 0 || !!s.task?.pairwise.allowTie)) ||
      (ranking(s) && !!s.task?.ranking.allowTies && s.form.ranking.order.length > 0),
    applies: (s) =>
      (taskIs('pairwise')(s) && (!!s.task?.pairwise.allowTie || !!s.task?.criteria.length)) ||
      (taskIs('ranking')(s) && !!s.task?.ranking.allowTies),
    run: (s) => s.chooseSide('tie'),
  },
  {
    id: 'both-bad',
    label: 'Both bad',
    group: 'Judge',
    keys: ['b'],
    view: 'label',
    enabled: (s) => pairwise(s) && !!s.task?.pairwise.allowBothBad,
    applies: (s) => taskIs('pairwise')(s) && !!s.task?.pairwise.allowBothBad,
    run: (s) => s.chooseBothBad(),
  },
  ...strengths,
  {
    id: 'row-up',
    label: 'Previous question',
    group: 'Judge',
    keys: ['ArrowUp'],
    enabled: (s) => (pairwise(s) || rating(s)) && s.form.cursor > 0,
    applies: (s) => (taskIs('pairwise')(s) && !!s.task?.criteria.length) || taskIs('rating')(s),
    run: (s) => s.moveCursor(-1),
  },
  {
    id: 'row-down',
    label: 'Next question',
    group: 'Judge',
    keys: ['ArrowDown'],
    enabled: (s) => pairwise(s) || rating(s),
    applies: (s) => (taskIs('pairwise')(s) && !!s.task?.criteria.length) || taskIs('rating')(s),
    run: (s) => s.moveCursor(1),
  },
  {
    id: 'clear',
    label: 'Clear',
    labelFor: (s) =>
      s.task?.mode === 'ranking' ? 'Take back the last place' : 'Clear this answer',
    group: 'Judge',
    keys: ['Backspace'],
    enabled: judging,
    run: (s) => s.clearLast(),
  },
  {
    id: 'none-acceptable',
    label: 'None acceptable',
    group: 'Ranking',
    keys: ['0'],
    enabled: (s) => ranking(s) && !!s.task?.ranking.allowNoneAcceptable,
    applies: (s) => taskIs('ranking')(s) && !!s.task?.ranking.allowNoneAcceptable,
    run: (s) => s.toggleNoneAcceptable(),
  },
  {
    id: 'thumb-up',
    label: 'Thumbs up',
    group: 'Rating',
    keys: ['+'],
    enabled: (s) => rating(s) && !!s.task?.rating.thumbs,
    applies: (s) => taskIs('rating')(s) && !!s.task?.rating.thumbs,
    run: (s) => s.thumb('up'),
  },
  {
    id: 'thumb-down',
    label: 'Thumbs down',
    group: 'Rating',
    keys: ['-'],
    enabled: (s) => rating(s) && !!s.task?.rating.thumbs,
    applies: (s) => taskIs('rating')(s) && !!s.task?.rating.thumbs,
    run: (s) => s.thumb('down'),
  },
  ...flagKeys,
  {
    id: 'flags',
    label: 'Go to the flags',
    group: 'Flags and notes',
    keys: ['f'],
    enabled: (s) => judging(s) && (s.task?.flags.length ?? 0) > 0,
    applies: hasFlags(1),
    run: () => focusInto('flags'),
  },
  {
    id: 'rationale',
    label: 'Write a rationale',
    group: 'Flags and notes',
    keys: ['r'],
    enabled: (s) => judging(s) && s.task?.rationale !== 'off',
    applies: (s) => !!s.task && s.task.rationale !== 'off',
    run: () => focusInto('rationale'),
  },
  {
    id: 'submit',
    label: 'Submit',
    group: 'Judge',
    keys: ['Enter'],
    view: 'label',
    enabled: judging,
    run: (s) => void s.submit(),
  },
  {
    id: 'skip',
    label: 'Skip',
    group: 'Move',
    keys: ['s'],
    enabled: judging,
    run: (s) => void s.skip(),
  },
  {
    id: 'undo',
    label: 'Undo last judgment',
    group: 'Move',
    keys: ['u', 'mod+z'],
    enabled: (s) => labelling(s) && !s.saving && !s.unsaved && s.labeller !== null,
    run: (s) => void s.undo(),
  },
  {
    id: 'back',
    label: 'Back',
    group: 'Move',
    keys: ['[', 'p'],
    enabled: (s) => labelling(s) && !s.saving && !s.unsaved && s.historyPos > 0,
    run: (s) => void s.back(),
  },
  {
    id: 'next',
    label: 'Next',
    group: 'Move',
    keys: [']', 'n'],
    enabled: (s) => labelling(s) && !s.saving && !s.unsaved && s.historyPos < s.history.length - 1,
    run: (s) => void s.next(),
  },
  {
    id: 'jump',
    label: 'Go to item…',
    group: 'Move',
    keys: ['o'],
    enabled: (s) => s.sessionStatus === 'ready',
    run: (s) => s.setOverlay('jump'),
  },
  {
    id: 'browse',
    label: 'Item browser',
    labelFor: (s) => (s.view === 'items' ? 'Back to labelling' : 'Item browser'),
    group: 'Move',
    keys: ['i'],
    enabled: (s) => s.sessionStatus === 'ready' && s.mayCall('items.list'),
    applies: (s) => s.mayCall('items.list'),
    run: (s) => s.setView(s.view === 'items' ? 'label' : 'items'),
  },
  {
    id: 'search',
    label: 'Search items',
    group: 'Move',
    keys: ['/'],
    enabled: (s) => s.sessionStatus === 'ready' && s.mayCall('items.list'),
    applies: (s) => s.mayCall('items.list'),
    run: (s) => {
      s.setView('items');
      // The browser mounts on this render; focus its box once it is there.
      requestAnimationFrame(() => focusInto('browser-search'));
    },
  },
  {
    id: 'toggle-diff',
    label: 'Word diff',
    group: 'View',
    keys: ['d'],
    enabled: labelling,
    run: (s) => s.togglePref('diff'),
  },
  {
    id: 'toggle-layout',
    label: 'Side by side / stacked',
    group: 'View',
    keys: ['l'],
    enabled: labelling,
    run: (s) => s.setPref('layout', s.prefs.layout === 'side' ? 'stacked' : 'side'),
  },
  {
    id: 'toggle-sync',
    label: 'Scroll responses together',
    group: 'View',
    keys: ['y'],
    enabled: labelling,
    run: (s) => s.togglePref('syncScroll'),
  },
  {
    id: 'toggle-guidelines',
    label: 'Guidelines',
    group: 'View',
    keys: ['g'],
    enabled: labelling,
    run: (s) => s.togglePref('guidelinesOpen'),
  },
  {
    id: 'toggle-turns',
    label: 'Earlier turns',
    group: 'View',
    keys: ['h'],
    enabled: (s) => labelling(s) && Array.isArray(s.current?.prompt) && s.current.prompt.length > 1,
    applies: (s) => Array.isArray(s.current?.prompt) && s.current.prompt.length > 1,
    run: (s) => s.togglePref('earlierTurns'),
  },
  {
    id: 'auto-submit',
    label: 'Submit as soon as complete',
    labelFor: (s) => (s.prefs.autoSubmit ? 'Submit with Enter only' : 'Submit as soon as complete'),
    group: 'App',
    keys: ['alt+s'],
    enabled: () => true,
    run: (s) => s.togglePref('autoSubmit'),
  },
  {
    id: 'theme',
    label: 'Theme (system, light, dark)',
    group: 'App',
    keys: ['alt+t'],
    enabled: () => true,
    run: (s) => s.cycleTheme(),
  },
  {
    id: 'font-bigger',
    label: 'Larger text',
    group: 'App',
    keys: ['mod+=', 'mod++'],
    enabled: () => true,
    run: (s) => s.changeFontSize(1),
  },
  {
    id: 'font-smaller',
    label: 'Smaller text',
    group: 'App',
    keys: ['mod+-'],
    enabled: () => true,
    run: (s) => s.changeFontSize(-1),
  },
  {
    id: 'settings',
    label: 'Task settings',
    labelFor: (s) => (s.view === 'settings' ? 'Back to labelling' : 'Task settings'),
    group: 'App',
    keys: ['mod+,'],
    enabled: (s) => s.sessionStatus === 'ready' && s.mayCall('settings.updateTask'),
    applies: (s) => s.mayCall('settings.updateTask'),
    run: (s) => s.setView(s.view === 'settings' ? 'label' : 'settings'),
  },
  {
    id: 'export',
    label: 'Export…',
    group: 'App',
    keys: ['e'],
    // On a team host, only for roles that may export (a labeller may not).
    enabled: (s) => s.mayCall('exports.start'),
    applies: (s) => s.mayCall('exports.start'),
    run: (s) => s.setExportOpen(true),
  },
  {
    id: 'help',
    label: 'Keyboard shortcuts',
    group: 'App',
    keys: ['?'],
    enabled: () => true,
    run: (s) => s.setOverlay(s.overlay === 'help' ? null : 'help'),
  },
  {
    id: 'escape',
    label: 'Leave a text box · close · back to labelling',
    group: 'App',
    keys: ['Escape'],
    enabled: () => true,
    run: (s) => {
      if (s.overlay) s.setOverlay(null);
      else if (s.exportOpen) s.setExportOpen(false);
      else if (s.view !== 'label') s.setView('label');
      else if (s.notice) s.dismissNotice();
    },
  },
  ...reviewActions,
];

export type ActionId = (typeof actions)[number]['id'];

/**
 * key → action, refusing any key claimed twice: an ambiguous table is a bug, found at start-up.
 * The one exception is a key shared by actions of different views, which can never both
 * apply: it is bound to the one of the view on screen (under the first one's id).
 */
export function buildKeymap(table: readonly Action[]): Map<string, Action> {
  const byKey = new Map<string, Action[]>();
  for (const action of table) {
    for (const key of action.keys) {
      const taken = byKey.get(key) ?? [];
      const clash = taken.find((t) => !t.view || !action.view || t.view === action.view);
      if (clash) throw new Error(`key "${key}" is bound to both "${clash.id}" and "${action.id}"`);
      byKey.set(key, [...taken, action]);
    }
  }
  return new Map(
    [...byKey].map(([key, list]) => [key, list.length > 1 ? perView(list) : list[0]!]),
  );
}

/** One binding for actions of different views: whichever belongs to the view on screen. */
function perView(list: Action[]): Action {
  const here = (s: AppState) => list.find((a) => a.view === s.view);
  return {
    ...list[0]!,
    enabled: (s) => here(s)?.enabled(s) ?? false,
    run: (s) => here(s)?.run(s),
  };
}

export function actionById(id: string): Action {
  const a = actions.find((x) => x.id === id);
  if (!a) throw new Error(`no action ${id}`);
  return a;
}

/** Whether the action means anything in this project (see `Action.applies`). */
export function actionApplies(a: Action, s: AppState): boolean {
  return a.applies ? a.applies(s) : true;
}

/** The label for the situation at hand. */
export function actionLabel(a: Action, s: AppState): string {
  return a.labelFor ? a.labelFor(s) : a.label;
}
