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
  /** Judgments in the project now (current verdicts, every labeller's), and by how many people. */
  countJudgments: () => Promise<{ judgments: number; labellers: number }>;
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
      const before = get().task;
      set({ task, guidelines, guidelinesNew });
      if (before && before.version !== task.version) get().taskChanged(before);
      // First open, or new guidelines: show them beside the work.
      if (guidelinesNew && !get().prefs.guidelinesOpen) get().setPref('guidelinesOpen', true);
    },

    async saveTask(task) {
      const saved = await client.call('settings.updateTask', { task });
      const before = get().task;
      set({ task: saved });
      if (before && before.version !== saved.version) get().taskChanged(before);
      return saved;
    },

    async saveGuidelines(markdown) {
      const guidelines = await client.call('settings.updateGuidelines', { markdown });
      set({ guidelines });
    },

    async countJudgments() {
      const { members } = await client.call('team.members', {});
      const judging = members.filter((m) => m.judged > 0);
      return {
        judgments: judging.reduce((n, m) => n + m.judged, 0),
        labellers: judging.length,
      };
    },

    markGuidelinesSeen() {
      const { project, labeller, guidelines } = get();
      if (project && labeller && guidelines)
        writeLocal(seenKey(project.projectId, labeller.id), guidelines.version);
      set({ guidelinesNew: false });
    },
  };
};
