import { readLocal, writeLocal } from './local-store';
import type { SliceCreator } from './store';

export type Theme = 'system' | 'light' | 'dark';

/** How this labeller likes the screen: kept on this installation, not in the project. */
export interface Prefs {
  theme: Theme;
  /** Base font size, px. */
  fontSize: number;
  /** Responses side by side, or one above the other (for very long replies). */
  layout: 'side' | 'stacked';
  /** Word-level diff between two responses instead of formatted text. */
  diff: boolean;
  /** Scrolling one response scrolls the others to the same place. */
  syncScroll: boolean;
  guidelinesOpen: boolean;
  /** Earlier turns of a conversation shown (the last user turn always is). */
  earlierTurns: boolean;
  /** A judgment is submitted as soon as it is complete (otherwise Enter submits). */
  autoSubmit: boolean;
}

export const DEFAULT_PREFS: Prefs = {
  theme: 'system',
  fontSize: 15,
  layout: 'side',
  diff: false,
  syncScroll: false,
  guidelinesOpen: false,
  earlierTurns: false,
  autoSubmit: true,
};

export const FONT_SIZES = { min: 12, max: 24 } as const;
const KEY = 'rankwise.prefs';

export interface PrefsSlice {
  prefs: Prefs;
  setPref: <K extends keyof Prefs>(key: K, value: Prefs[K]) => void;
  togglePref: (
    key: 'diff' | 'syncScroll' | 'guidelinesOpen' | 'earlierTurns' | 'autoSubmit',
  ) => void;
  cycleTheme: () => void;
  changeFontSize: (delta: number) => void;
}

export const createPrefsSlice: SliceCreator<PrefsSlice> = (set, get) => {
  const save = (prefs: Prefs) => {
    set({ prefs });
    writeLocal(KEY, prefs);
  };
  return {
    prefs: { ...DEFAULT_PREFS, ...readLocal<Partial<Prefs>>(KEY, {}) },
    setPref: (key, value) => save({ ...get().prefs, [key]: value }),
    togglePref: (key) => save({ ...get().prefs, [key]: !get().prefs[key] }),
    cycleTheme: () => {
      const order: Theme[] = ['system', 'light', 'dark'];
      const theme = order[(order.indexOf(get().prefs.theme) + 1) % order.length]!;
      save({ ...get().prefs, theme });
    },
    changeFontSize: (delta) => {
      const fontSize = Math.max(
        FONT_SIZES.min,
        Math.min(FONT_SIZES.max, get().prefs.fontSize + delta),
      );
      save({ ...get().prefs, fontSize });
    },
  };
};
