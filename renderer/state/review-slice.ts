import type { AgreementReport } from '../../shared/analysis/report';
import type { QueueRow, ReviewItem } from '../../shared/api/contract';
import { endedJob, runningJob, watchJob, type JobView } from '../api/watch-job';
import { decisionOptions } from '../model/review-decisions';
import type { SliceCreator } from './store';

export type QueueStatus = 'all' | 'open' | 'adjudicated';

/** The review screen's two parts: the figures, or the queue beside the item being adjudicated. */
export type ReviewPane = 'agreement' | 'queue';

/** The decision being made on the selected item (keys and buttons both edit it). */
export interface ReviewDraft {
  /** A key of decisionOptions(item): "lo", "hi", "tie", "both_bad", "rank-…", "discard". */
  choice: string | null;
  strength: number | null;
  note: string;
  asGold: boolean;
}

const EMPTY_DRAFT: ReviewDraft = { choice: null, strength: null, note: '', asGold: false };

/**
 * The review screen: the agreement figures (computed by a job), the disagreement queue, and
 * the adjudication loop over it.
 */
export interface ReviewSlice {
  report: AgreementReport | null;
  reportStale: boolean;
  /** The latest agreement computation this page started or found running. */
  agreementJob: JobView<'agreement'> | null;
  queue: { total: number; rows: QueueRow[]; offset: number; status: QueueStatus };
  selectedItem: ReviewItem | null;
  reviewError: string | null;
  reviewPane: ReviewPane;
  reviewDraft: ReviewDraft;
  reviewSaving: boolean;
  /** Where the loop stands when it cannot move on ("That was the last open disagreement."). */
  reviewNotice: string | null;
  /**
   * Compute the figures again; `judgeSlicesBy` names the item metadata field each judge's
   * agreement is sliced by (null: none; left out: the one the last report used).
   */
  refreshAgreement: (judgeSlicesBy?: string | null) => Promise<void>;
  loadAgreement: () => Promise<void>;
  loadQueue: (offset?: number, status?: QueueStatus) => Promise<void>;
  selectItem: (itemId: string | null) => Promise<void>;
  setReviewPane: (pane: ReviewPane) => void;
  setReviewDraft: (patch: Partial<ReviewDraft>) => void;
  /** The next (1) or previous (−1) item of the queue, across pages. */
  stepQueue: (delta: 1 | -1) => Promise<void>;
  /** Save the draft decision, then open the next disagreement still open. */
  saveDecision: () => Promise<void>;
  /** Withdraw the decision in force (the draft's note says why). */
  withdraw: () => Promise<void>;
}

const PAGE = 50;

export const createReviewSlice: SliceCreator<ReviewSlice> = (set, get, client) => {
  /** Follow an agreement job; once it succeeded, show its figures and the fresh queue. */
  function follow(jobId: string) {
    set({ agreementJob: runningJob(jobId, 'agreement') });
    watchJob(client, jobId, 'agreement', {
      onEnd(end) {
        const job = get().agreementJob;
        if (job?.jobId === jobId) set({ agreementJob: { ...job, ...endedJob(end) } });
        if (end.status === 'succeeded')
          void get()
            .loadAgreement()
            .then(() => get().loadQueue(0));
      },
    });
  }

  // The item last asked for: a quick j j j moves three rows even before the first has loaded,
  // and an answer for an item no longer wanted is dropped.
  let wanted: string | null = null;

  /**
   * After a decision on `savedId`: the next open disagreement after it in `before` (the queue
   * as it was when saving), else the first one before it, else the next page's.
   */
  async function moveOn(savedId: string, before: QueueRow[]): Promise<void> {
    const at = before.findIndex((r) => r.itemId === savedId);
    const rows = get().queue.rows;
    const open = (id: string) => rows.some((r) => r.itemId === id && r.decision === null);
    const after = before.slice(at + 1).find((r) => open(r.itemId));
    const earlier = before.slice(0, Math.max(0, at)).find((r) => open(r.itemId));
    const next = after ?? earlier;
    if (next) return get().selectItem(next.itemId);
    const { offset, total } = get().queue;
    if (offset + rows.length < total) {
      await get().loadQueue(offset + PAGE);
      const first = get().queue.rows.find((r) => r.decision === null) ?? get().queue.rows[0];
      if (first) return get().selectItem(first.itemId);
    }
    // Nothing left to decide: stay on the item just decided, showing its decision.
    await get().selectItem(savedId);
    set({ reviewNotice: 'Saved. That was the last open disagreement in the queue.' });
  }

  client.on('team.changed', () => set({ reportStale: get().report !== null }));
  client.on('db.changed', (c) => {
    if (c.what === 'judgments' || c.what === 'judges') set({ reportStale: get().report !== null });
  });

  return {
    report: null,
    reportStale: false,
    agreementJob: null,
    queue: { total: 0, rows: [], offset: 0, status: 'all' },
    selectedItem: null,
    reviewError: null,
    reviewPane: 'agreement',
    reviewDraft: EMPTY_DRAFT,
    reviewSaving: false,
    reviewNotice: null,

    async refreshAgreement(judgeSlicesBy) {
      const field =
        judgeSlicesBy === undefined ? (get().report?.judgeSlicesBy ?? null) : judgeSlicesBy;
      const { jobId } = await client.call('agreement.start', { judgeSlicesBy: field });
      // A computation already running is joined, not followed twice.
      if (get().agreementJob?.jobId !== jobId) follow(jobId);
    },
    async loadAgreement() {
      const r = await client.call('agreement.get', {});
      set({ report: r.report, reportStale: r.stale });
      if (r.runningJobId && get().agreementJob?.jobId !== r.runningJobId) follow(r.runningJobId);
    },
    async loadQueue(offset = get().queue.offset, status = get().queue.status) {
      const q = await client.call('reviews.queue', { offset, limit: PAGE, status });
      set({ queue: { total: q.total, rows: q.rows, offset, status } });
    },
    async selectItem(itemId) {
      wanted = itemId;
      if (itemId === null) return set({ selectedItem: null, reviewError: null });
      set({ reviewPane: 'queue', reviewNotice: null });
      try {
        const item = await client.call('reviews.item', { itemId });
        if (wanted !== itemId) return;
        set({ selectedItem: item, reviewError: null, reviewDraft: EMPTY_DRAFT });
      } catch (e) {
        if (wanted === itemId) set({ reviewError: (e as Error).message });
      }
    },
    setReviewPane(pane) {
      set({ reviewPane: pane });
    },
    setReviewDraft(patch) {
      set({ reviewDraft: { ...get().reviewDraft, ...patch } });
    },
    async stepQueue(delta) {
      const { rows, offset, total } = get().queue;
      const current = wanted ?? get().selectedItem?.item.id ?? null;
      const at = rows.findIndex((r) => r.itemId === current);
      let target = at < 0 ? (delta > 0 ? 0 : rows.length - 1) : at + delta;
      if (target >= rows.length) {
        if (offset + rows.length >= total)
          return set({ reviewNotice: 'That was the last item in the queue.' });
        await get().loadQueue(offset + PAGE);
        target = 0;
      } else if (target < 0) {
        if (offset === 0) return set({ reviewNotice: 'This is the first item in the queue.' });
        await get().loadQueue(Math.max(0, offset - PAGE));
        target = get().queue.rows.length - 1;
      }
      const row = get().queue.rows[target];
      if (row) await get().selectItem(row.itemId);
    },
    async saveDecision() {
      const item = get().selectedItem;
      const reviewer = get().labeller;
      const draft = get().reviewDraft;
      const option = item && decisionOptions(item).find((o) => o.key === draft.choice);
      if (!item || !reviewer || !option || get().reviewSaving) return;
      const decision =
        option.decision.kind === 'pairwise' && option.decision.outcome === 'preferred'
          ? { ...option.decision, strength: draft.strength }
          : option.decision;
      const before = get().queue.rows;
      set({ reviewSaving: true, reviewError: null });
      try {
        await client.call('reviews.decide', {
          itemId: item.item.id,
          reviewerId: reviewer.id,
          decision,
          note: draft.note.trim() || null,
          asGold: draft.asGold && decision.kind !== 'discard' ? { hidden: true } : null,
        });
      } catch (e) {
        return set({ reviewSaving: false, reviewError: `Not saved: ${(e as Error).message}` });
      }
      set({ reviewSaving: false });
      await get().loadQueue();
      await moveOn(item.item.id, before);
    },
    async withdraw() {
      const item = get().selectedItem;
      const reviewer = get().labeller;
      if (!item || !reviewer) return;
      try {
        await client.call('reviews.retract', {
          itemId: item.item.id,
          reviewerId: reviewer.id,
          note: get().reviewDraft.note.trim() || null,
        });
        await Promise.all([get().selectItem(item.item.id), get().loadQueue()]);
      } catch (e) {
        set({ reviewError: `Not saved: ${(e as Error).message}` });
      }
    },
  };
};
