import { createContext, useContext } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { Client } from '../../shared/api/client';
import { createSessionSlice, type SessionSlice } from './session-slice';
import { createLabellingSlice, type LabellingSlice } from './labelling/labelling-slice';
import { createExportSlice, type ExportSlice } from './export-slice';
import { createNavSlice, type NavSlice } from './nav-slice';
import { createBackupsSlice, type BackupsSlice } from './backups-slice';
import { createShellSlice, type ShellSlice } from './shell-slice';
import { createPrefsSlice, type PrefsSlice } from './prefs-slice';
import { createSettingsSlice, type SettingsSlice } from './settings-slice';
import { createBrowserSlice, type BrowserSlice } from './browser-slice';
import { createOverlaySlice, type OverlaySlice } from './overlay-slice';
import { createImportSlice, type ImportSlice } from './import-slice';
import { createReviewSlice, type ReviewSlice } from './review-slice';
import { createLeaderboardSlice, type LeaderboardSlice } from './leaderboard-slice';
import { createTeamSlice, type TeamSlice } from './team-slice';
import { createAccessSlice, type AccessSlice } from './access-slice';
import { guardAccess } from './access-guard';
import { createJudgesSlice, type JudgesSlice } from './judges-slice';

export type AppState = SessionSlice &
  NavSlice &
  LabellingSlice &
  ExportSlice &
  BackupsSlice &
  ShellSlice &
  ReviewSlice &
  LeaderboardSlice &
  TeamSlice &
  JudgesSlice &
  PrefsSlice &
  SettingsSlice &
  BrowserSlice &
  OverlaySlice &
  ImportSlice &
  AccessSlice;
export type AppStore = StoreApi<AppState>;

/** Each slice gets the store's set/get and the typed client: the only way to the backend. */
export type SliceCreator<T> = (
  set: AppStore['setState'],
  get: AppStore['getState'],
  client: Client,
) => T;

/** One store in slices. A factory, not a module singleton, so every test gets a fresh one. */
export function createAppStore(backend: Client): AppStore {
  // Every slice's calls pass the guard, so a refusal saying access ended reaches the page once.
  const client = guardAccess(backend, () => store.getState());
  const store = createStore<AppState>()((set, get) => ({
    ...createSessionSlice(set, get, client),
    ...createNavSlice(set, get, client),
    ...createLabellingSlice(set, get, client),
    ...createExportSlice(set, get, client),
    ...createBackupsSlice(set, get, client),
    ...createShellSlice(set, get, client),
    ...createReviewSlice(set, get, client),
    ...createLeaderboardSlice(set, get, client),
    ...createTeamSlice(set, get, client),
    ...createJudgesSlice(set, get, client),
    ...createPrefsSlice(set, get, client),
    ...createSettingsSlice(set, get, client),
    ...createBrowserSlice(set, get, client),
    ...createOverlaySlice(set, get, client),
    ...createImportSlice(set, get, client),
    ...createAccessSlice(set, get, client),
  }));
  return store;
}

export const StoreContext = createContext<AppStore | null>(null);

export function useAppStore<T>(selector: (s: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore outside <StoreContext.Provider>');
  return useStore(store, selector);
}

/** Select several fields at once without re-rendering when none of them changed. */
export function useAppStoreShallow<T extends object>(selector: (s: AppState) => T): T {
  return useAppStore(useShallow(selector));
}

export function useStoreApi(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStoreApi outside <StoreContext.Provider>');
  return store;
}
