import type { ComponentType } from 'react';
import { LabellingScreen } from '../features/labelling/LabellingScreen';
import { BackupsScreen } from '../features/backups/BackupsScreen';
import { ReviewScreen } from '../features/review/ReviewScreen';
import { LeaderboardScreen } from '../features/leaderboard/LeaderboardScreen';
import { TeamScreen } from '../features/team/TeamScreen';
import { JudgesScreen } from '../features/judges/JudgesScreen';
import { ItemBrowser } from '../features/browser/ItemBrowser';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { ImportScreen } from '../features/import/ImportScreen';
import { VIEWS, type ViewId } from '../state/views';

/** Each view's screen, by its id in state/views.ts: a view without one does not compile. */
const screens: Record<ViewId, ComponentType> = {
  label: LabellingScreen,
  import: ImportScreen,
  backups: BackupsScreen,
  review: ReviewScreen,
  leaderboard: LeaderboardScreen,
  team: TeamScreen,
  judges: JudgesScreen,
  items: ItemBrowser,
  settings: SettingsScreen,
};

export interface ViewEntry {
  id: ViewId;
  /** The tab's label in the top bar. */
  title: string;
  component: ComponentType;
}

/** Every screen of the app, in top-bar order, with its component; App renders the current one. */
export const views: readonly ViewEntry[] = VIEWS.map((v) => ({ ...v, component: screens[v.id] }));
