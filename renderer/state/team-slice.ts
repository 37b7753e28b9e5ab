import type { TeamMember } from '../../shared/api/contract';
import { endedJob, runningJob, watchJob, type JobView } from '../api/watch-job';
import type { SliceCreator } from './store';
import { createDashboardSlice, type DashboardSlice } from './team/dashboard';
import { createPeopleSlice, type PeopleSlice } from './team/people';

/** A labeller package or annotation file being written for someone. */
export type HandoffJob = JobView<'package' | 'annotations'> & {
  /** Whose: the labeller's name. */
  label: string;
};

/**
 * The Team screen's state: the lead's desk (below), and on a team host the live dashboard
 * (team/dashboard.ts) and the people, invitations and audit log (team/people.ts).
 */
export type TeamSlice = TeamDeskSlice & DashboardSlice & PeopleSlice;

/**
 * The lead's desk: the team and their progress, assignment, hand-off files (packages,
 * annotation files) and merging labellers' work back, each long step a job.
 */
export interface TeamDeskSlice {
  team: { members: TeamMember[]; gold: number; items: number } | null;
  /** The latest merge. */
  mergeJob: JobView<'merge'> | null;
  /** Every hand-off file asked for on this page, oldest first. */
  handoffJobs: HandoffJob[];
  loadTeam: () => Promise<void>;
  addMember: (name: string) => Promise<void>;
  assign: (input: {
    labellerIds: string[];
    overlap: number;
    repeatRate: number;
    repeatGap: number;
    /** The order items are handed out in: queue order (default) or the judges' triage order. */
    order?: 'items' | 'triage';
  }) => Promise<string>;
  merge: (
    sources: Array<{ uploadId: string } | { path: string }>,
    allowOtherProject: boolean,
  ) => Promise<void>;
  exportFor: (kind: 'package' | 'annotations', labellerId: string, label: string) => Promise<void>;
}

export const createTeamSlice: SliceCreator<TeamSlice> = (set, get, client) => ({
  ...createDashboardSlice(set, get, client),
  ...createPeopleSlice(set, get, client),
  team: null,
  mergeJob: null,
  handoffJobs: [],

  async loadTeam() {
    set({ team: await client.call('team.members', {}) });
  },

  async addMember(name) {
    await client.call('team.addMember', { name });
    await get().loadTeam();
  },

  async assign(input) {
    const s = await client.call('team.assign', input);
    await get().loadTeam();
    return `${s.items} items assigned: ${s.labellers.map((l) => `${l.items} items (${l.gold} gold, ${l.repeats} repeats)`).join('; ')}`;
  },

  async merge(sources, allowOtherProject) {
    const { jobId } = await client.call('merge.start', { sources, allowOtherProject });
    set({ mergeJob: runningJob(jobId, 'merge') });
    watchJob(client, jobId, 'merge', {
      onEnd(end) {
        const job = get().mergeJob;
        if (job?.jobId === jobId) set({ mergeJob: { ...job, ...endedJob(end) } });
        if (end.status !== 'succeeded') return;
        // Merged work changes who did what, and what the figures rest on.
        void get()
          .loadTeam()
          .then(() => get().refreshAgreement());
      },
    });
  },

  async exportFor(kind, labellerId, label) {
    const { jobId } =
      kind === 'package'
        ? await client.call('team.exportPackage', { labellerId, items: 'assigned' })
        : await client.call('team.exportAnnotations', { labellerId });
    set({ handoffJobs: [...get().handoffJobs, { ...runningJob(jobId, kind), label }] });
    watchJob(client, jobId, kind, {
      onEnd: (end) =>
        set({
          handoffJobs: get().handoffJobs.map((j) =>
            j.jobId === jobId ? { ...j, ...endedJob(end) } : j,
          ),
        }),
    });
  },
});
