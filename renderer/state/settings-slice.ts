import type { Guidelines, TaskSettings } from '../../shared/domain/task';
import { readLocal, writeLocal } from './local-store';
import type { SliceCreator } from './store';

export interface SettingsSlice {
  task: TaskSettings | null;
  guidelines: Guidelines | null;
  /** Guidelines changed since this labeller last saw them (or never seen): show them. */
  guidelinesNew: boolean;
  loadSettings: () => Promise<void>;
  saveTask: (task: Omit<TaskSettings, 'version'>) => Promise<TaskSettings>;
  saveGuidelines: (markdown: string) => Promise<void>;
  markGuidelinesSeen: () => void;
}

const seenKey = (projectId: string, labellerId: string) =>
  `rankwise.guidelinesSeen.${projectId}.${labellerId}`;

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set, get, client) => {
  // The lead may change the settings while labellers work (another window, a merge): follow.
  client.on('db.changed', ({ what }) => {
    if (what === 'settings' && get().task) void get().loadSettings();
  });

  return {
    task: null,
    guidelines: null,
    guidelinesNew: false,

    async loadSettings() {
      const { task, guidelines } = await client.call('settings.get', {});
      const { project, labeller } = get();
      const seen =
        project && labeller ? readLocal<number>(seenKey(project.projectId, labeller.id), 0) : 0;
      const guidelinesNew = guidelines.markdown.trim() !== '' && guidelines.version > seen;
      set({ task, guidelines, guidelinesNew });
      // First open, or new guidelines: show them beside the work.
      if (guidelinesNew && !get().prefs.guidelinesOpen) get().setPref('guidelinesOpen', true);
    },

    async saveTask(task) {
      const saved = await client.call('settings.updateTask', { task });
      set({ task: saved });
      return saved;
    },

    async saveGuidelines(markdown) {
      const guidelines = await client.call('settings.updateGuidelines', { markdown });
      set({ guidelines });
    },

    markGuidelinesSeen() {
      const { project, labeller, guidelines } = get();
      if (project && labeller && guidelines)
        writeLocal(seenKey(project.projectId, labeller.id), guidelines.version);
      set({ guidelinesNew: false });
    },
  };
};
