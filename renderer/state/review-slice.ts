import type { AgreementReport, Leaderboard } from '../../shared/analysis/report';
import type {
  MergeResult,
  QueueRow,
  ReviewDecisionInput,
  ReviewItem,
  TeamMember,
} from '../../shared/api/contract';
import type { SliceCreator } from './store';

/** A job this slice started and is watching. */
export interface WatchedJob {
  jobId: string;
  kind: 'agreement' | 'leaderboard' | 'merge' | 'package' | 'annotations';
  status: 'running' | 'succeeded' | 'failed' | 'cancelled';
  error: string | null;
  result: unknown;
  /** For package/annotations: whose. */
  label?: string;
}

export type QueueStatus = 'all' | 'open' | 'adjudicated';

export interface ReviewSlice {
  report: AgreementReport | null;
  reportStale: boolean;
  queue: { total: number; rows: QueueRow[]; offset: number; status: QueueStatus };
  selectedItem: ReviewItem | null;
  reviewError: string | null;
  leaderboard: Leaderboard | null;
  leaderboardStale: boolean;
  team: { members: TeamMember[]; gold: number; items: number } | null;
  jobs: WatchedJob[];
  refreshAgreement: () => Promise<void>;
  loadAgreement: () => Promise<void>;
  loadQueue: (offset?: number, status?: QueueStatus) => Promise<void>;
  selectItem: (itemId: string | null) => Promise<void>;
  decide: (decision: ReviewDecisionInput, note: string, asGold: boolean) => Promise<void>;
  withdraw: (note: string) => Promise<void>;
  refreshLeaderboard: (bootstrapRounds?: number) => Promise<void>;
  loadLeaderboard: () => Promise<void>;
  loadTeam: () => Promise<void>;
  addMember: (name: string) => Promise<void>;
  assign: (input: {
    labellerIds: string[];
    overlap: number;
    repeatRate: number;
    repeatGap: number;
  }) => Promise<string>;
  merge: (
    sources: Array<{ uploadId: string } | { path: string }>,
    allowOtherProject: boolean,
  ) => Promise<void>;
  exportFor: (kind: 'package' | 'annotations', labellerId: string, label: string) => Promise<void>;
}

const PAGE = 50;

export const createReviewSlice: SliceCreator<ReviewSlice> = (set, get, client) => {
  const update = (jobId: string, patch: Partial<WatchedJob>) =>
    set({ jobs: get().jobs.map((j) => (j.jobId === jobId ? { ...j, ...patch } : j)) });

  function watch(jobId: string, kind: WatchedJob['kind'], label?: string) {
    set({
      jobs: [
        ...get().jobs.filter(
          (j) =>
            j.kind !== kind ||
            j.status === 'running' ||
            kind === 'package' ||
            kind === 'annotations',
        ),
        { jobId, kind, status: 'running', error: null, result: null, label },
      ],
    });
    // The job may have finished before the event stream was listening: ask once.
    void client.call('jobs.get', { jobId }).then((s) => {
      if (s.status !== 'running')
        void settle(
          jobId,
          s.status,
          s.status === 'succeeded' ? s.result : null,
          s.status === 'failed' ? s.error.message : null,
        );
    });
  }

  async function settle(
    jobId: string,
    status: WatchedJob['status'],
    result: unknown,
    error: string | null,
  ) {
    const job = get().jobs.find((j) => j.jobId === jobId);
    if (!job || job.status !== 'running') return;
    update(jobId, { status, result, error });
    if (status !== 'succeeded') return;
    if (job.kind === 'agreement') {
      await get().loadAgreement();
      await get().loadQueue(0);
    } else if (job.kind === 'leaderboard') await get().loadLeaderboard();
    else if (job.kind === 'merge') {
      await get().loadTeam();
      await get().refreshAgreement();
    }
  }

  client.on('job.finished', (f) => {
    void settle(
      f.jobId,
      f.status,
      f.status === 'succeeded' ? f.result : null,
      f.status === 'failed' ? f.error.message : null,
    );
  });
  client.on('team.changed', () =>
    set({ reportStale: get().report !== null, leaderboardStale: get().leaderboard !== null }),
  );
  client.on('db.changed', (c) => {
    if (c.what === 'judgments')
      set({ reportStale: get().report !== null, leaderboardStale: get().leaderboard !== null });
  });

  return {
    report: null,
    reportStale: false,
    queue: { total: 0, rows: [], offset: 0, status: 'all' },
    selectedItem: null,
    reviewError: null,
    leaderboard: null,
    leaderboardStale: false,
    team: null,
    jobs: [],

    async refreshAgreement() {
      const { jobId } = await client.call('agreement.start', {});
      if (!get().jobs.some((j) => j.jobId === jobId)) watch(jobId, 'agreement');
    },
    async loadAgreement() {
      const r = await client.call('agreement.get', {});
      set({ report: r.report, reportStale: r.stale });
      if (r.runningJobId && !get().jobs.some((j) => j.jobId === r.runningJobId))
        watch(r.runningJobId, 'agreement');
    },
    async loadQueue(offset = get().queue.offset, status = get().queue.status) {
      const q = await client.call('reviews.queue', { offset, limit: PAGE, status });
      set({ queue: { total: q.total, rows: q.rows, offset, status } });
    },
    async selectItem(itemId) {
      if (itemId === null) return set({ selectedItem: null, reviewError: null });
      try {
        set({ selectedItem: await client.call('reviews.item', { itemId }), reviewError: null });
      } catch (e) {
        set({ reviewError: (e as Error).message });
      }
    },
    async decide(decision, note, asGold) {
      const item = get().selectedItem;
      const reviewer = get().labeller;
      if (!item || !reviewer) return;
      try {
        await client.call('reviews.decide', {
          itemId: item.item.id,
          reviewerId: reviewer.id,
          decision,
          note: note.trim() || null,
          asGold: asGold ? { hidden: true } : null,
        });
        await Promise.all([get().selectItem(item.item.id), get().loadQueue()]);
      } catch (e) {
        set({ reviewError: `Not saved: ${(e as Error).message}` });
      }
    },
    async withdraw(note) {
      const item = get().selectedItem;
      const reviewer = get().labeller;
      if (!item || !reviewer) return;
      try {
        await client.call('reviews.retract', {
          itemId: item.item.id,
          reviewerId: reviewer.id,
          note: note.trim() || null,
        });
        await Promise.all([get().selectItem(item.item.id), get().loadQueue()]);
      } catch (e) {
        set({ reviewError: `Not saved: ${(e as Error).message}` });
      }
    },
    async refreshLeaderboard(bootstrapRounds = 200) {
      const { jobId } = await client.call('leaderboard.start', { bootstrapRounds });
      watch(jobId, 'leaderboard');
    },
    async loadLeaderboard() {
      const r = await client.call('leaderboard.get', {});
      set({ leaderboard: r.leaderboard, leaderboardStale: r.stale });
    },
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
      watch(jobId, 'merge');
    },
    async exportFor(kind, labellerId, label) {
      const { jobId } =
        kind === 'package'
          ? await client.call('team.exportPackage', { labellerId, items: 'assigned' })
          : await client.call('team.exportAnnotations', { labellerId });
      watch(jobId, kind, label);
    },
  };
};

export function mergeResultOf(job: WatchedJob | undefined): MergeResult | null {
  return job?.status === 'succeeded' ? (job.result as MergeResult) : null;
}
