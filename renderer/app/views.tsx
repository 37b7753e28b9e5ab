import type { ComponentType } from 'react';
import { LabellingScreen } from '../features/labelling/LabellingScreen';
import { BackupsScreen } from '../features/backups/BackupsScreen';
import { ReviewScreen } from '../features/review/ReviewScreen';
import { LeaderboardScreen } from '../features/leaderboard/LeaderboardScreen';
import { TeamScreen } from '../features/team/TeamScreen';
import { ItemBrowser } from '../features/browser/ItemBrowser';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { ImportScreen } from '../features/import/ImportScreen';
import type { ViewId } from '../state/nav-slice';

export interface ViewEntry {
  id: ViewId;
  /** The tab's label in the top bar. */
  title: string;
  component: ComponentType;
}

/**
 * Every screen of the app, in top-bar order. A feature adds its screen here (and its id to
 * ViewId); App renders the current one. Dialogs (export, help) are not views.
 */
export const views: readonly ViewEntry[] = [
  { id: 'label', title: 'Label', component: LabellingScreen },
  { id: 'import', title: 'Import', component: ImportScreen },
  { id: 'backups', title: 'Backups', component: BackupsScreen },
  { id: 'review', title: 'Review', component: ReviewScreen },
  { id: 'leaderboard', title: 'Leaderboard', component: LeaderboardScreen },
  { id: 'team', title: 'Team', component: TeamScreen },
  { id: 'items', title: 'Items', component: ItemBrowser },
  { id: 'settings', title: 'Settings', component: SettingsScreen },
];
