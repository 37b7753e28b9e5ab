import type { AppState } from '../state/store';

export interface Action {
  id: string;
  label: string;
  /** Keys as keyOf() names them. No key may belong to two actions (checked when the keymap is built). */
  keys: string[];
  /** Whether the action can run now (a disabled button, an ignored key). */
  enabled: (s: AppState) => boolean;
  run: (s: AppState) => void;
}

/** Judgment keys act on the labelling screen only (never on an item the review screen hides). */
const judging = (s: AppState) => s.view === 'label' && s.current !== null && !s.saving;

/**
 * Every action the labelling screen offers, once. Buttons and keys both run these, so a
 * shortcut can never do something its button does not.
 */
export const actions: readonly Action[] = [
  {
    id: 'choose-a',
    label: 'A is better',
    keys: ['1', 'ArrowLeft'],
    enabled: judging,
    run: (s) => void s.choose('A'),
  },
  {
    id: 'choose-b',
    label: 'B is better',
    keys: ['2', 'ArrowRight'],
    enabled: judging,
    run: (s) => void s.choose('B'),
  },
  { id: 'tie', label: 'Tie', keys: ['t'], enabled: judging, run: (s) => void s.choose('tie') },
  {
    id: 'both-bad',
    label: 'Both bad',
    keys: ['b'],
    enabled: judging,
    run: (s) => void s.choose('both_bad'),
  },
  {
    id: 'undo',
    label: 'Undo last judgment',
    keys: ['u', 'mod+z'],
    enabled: (s) => s.view === 'label' && !s.saving && s.labeller !== null,
    run: (s) => void s.undo(),
  },
  {
    id: 'export',
    label: 'Export…',
    keys: ['e'],
    enabled: () => true,
    run: (s) => s.setExportOpen(true),
  },
  {
    id: 'help',
    label: 'Keyboard shortcuts',
    keys: ['?'],
    enabled: () => true,
    run: () => undefined,
  },
];

export type ActionId = (typeof actions)[number]['id'];

/** key → action, refusing any key claimed twice: an ambiguous table is a bug, found at start-up. */
export function buildKeymap(table: readonly Action[]): Map<string, Action> {
  const map = new Map<string, Action>();
  for (const action of table) {
    for (const key of action.keys) {
      const taken = map.get(key);
      if (taken) throw new Error(`key "${key}" is bound to both "${taken.id}" and "${action.id}"`);
      map.set(key, action);
    }
  }
  return map;
}

export function actionById(id: string): Action {
  const a = actions.find((x) => x.id === id);
  if (!a) throw new Error(`no action ${id}`);
  return a;
}
