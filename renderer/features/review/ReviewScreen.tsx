import { useEffect } from 'react';
import type { AgreementReport } from '../../../shared/analysis/report';
import type { QueueRow } from '../../../shared/api/contract';
import { ActionButton } from '../shortcuts/ActionButton';
import { count, percent, plural, verdictLabel } from '../../format';
import type { QueueStatus } from '../../state/review-slice';
import { useAppStore, useAppStoreShallow, useStoreApi } from '../../state/store';
import { AgreementOverview } from './AgreementOverview';
import { ItemReview } from './ItemReview';
import { JudgeCalibrationPanels } from './JudgeCalibration';
import { LabellerStats } from './LabellerStats';

const PAGE = 50;

/**
 * The review screen, in two parts: Agreement (the figures, per labeller, over time) and
 * Disagreements (the queue beside the item being adjudicated: pick a decision, save, and the
 * next open disagreement opens; j/k move through the queue). Figures are computed by a job in
 * a worker thread, so everything here stays usable while they are (re)computed.
 */
export function ReviewScreen() {
  const s = useAppStoreShallow((st) => ({
    report: st.report,
    stale: st.reportStale,
    queue: st.queue,
    job: st.agreementJob,
    pane: st.reviewPane,
    refresh: st.refreshAgreement,
    load: st.loadAgreement,
    loadQueue: st.loadQueue,
    setPane: st.setReviewPane,
  }));
  const { load, refresh, loadQueue } = s;
  const store = useStoreApi();
  useEffect(() => {
    void (async () => {
      await load();
      // First visit: compute right away (in the worker; the screen stays usable).
      const st = store.getState();
      if (!st.report && st.agreementJob?.status !== 'running') await refresh();
      await loadQueue(0);
    })();
  }, [load, loadQueue, refresh, store]);
  const running = s.job?.status === 'running' ? s.job : undefined;
  const failed = s.job?.status === 'failed' ? s.job : undefined;
  const r = s.report;

  return (
    <main
      className={`review review-${s.pane}`}
      data-testid="review-screen"
      aria-busy={running ? true : undefined}
    >
      <div className="review-head">
        <h2>Review</h2>
        <div className="segmented" role="tablist" aria-label="Review">
          <button
            type="button"
            role="tab"
            aria-selected={s.pane === 'agreement'}
            onClick={() => s.setPane('agreement')}
            data-testid="review-pane-agreement"
          >
            Agreement
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={s.pane === 'queue'}
            onClick={() => s.setPane('queue')}
            data-testid="review-pane-queue"
          >
            Disagreements{r ? ` (${count(r.counts.disagreements)})` : ''}
          </button>
        </div>
        <span
          className="hint"
          title={
            s.stale
              ? 'Judgments or decisions changed since: Recompute brings the figures and the queue up to date'
              : undefined
          }
          data-testid="review-status"
          data-state={running ? 'running' : r ? (s.stale ? 'stale' : 'fresh') : 'none'}
        >
          {running
            ? 'Computing agreement…'
            : r
              ? `Computed at ${new Date(r.computedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}${s.stale ? '; out of date' : ''}`
              : 'Not computed yet.'}
        </span>
        <button
          type="button"
          className={r && !s.stale ? '' : 'primary'}
          onClick={() => void refresh()}
          disabled={!!running}
          data-testid="review-refresh"
        >
          {r ? 'Recompute' : 'Compute agreement'}
        </button>
        {failed ? (
          <span role="alert" className="error">
            {failed.error}
          </span>
        ) : null}
      </div>
      {s.pane === 'agreement' ? <AgreementPane report={r} /> : <QueuePane report={r} />}
    </main>
  );
}

function AgreementPane({ report: r }: { report: AgreementReport | null }) {
  const setView = useAppStore((st) => st.setView);
  const refresh = useAppStore((st) => st.refreshAgreement);
  if (!r) return null;
  if (r.counts.judgments === 0)
    return (
      <section className="panel empty-state" data-testid="review-empty">
        <h3>Nothing to review yet</h3>
        <p>
          Review shows how far labellers agree and lists the items they judged differently, so you
          can decide them. It needs judgments, and for agreement, two labellers on the same items.
        </p>
        <p>
          Next: label some items on the Label tab, or on the Team tab give labellers overlapping
          items and merge their work back.
        </p>
        <div className="choice-row">
          <button type="button" className="primary" onClick={() => setView('label')}>
            Go to Label
          </button>
          <button type="button" onClick={() => setView('team')}>
            Go to Team
          </button>
        </div>
      </section>
    );
  const cards: Array<[string, number, string]> = [
    ['Items', r.counts.items, 'Items in the project'],
    ['Items judged', r.counts.judgedItems, 'Items with at least one judgment'],
    ['Items judged by 2+', r.counts.sharedItems, 'Items two or more labellers judged'],
    [
      'Current judgments',
      r.counts.judgments,
      'The latest answer of each labeller on each item (changes and undos not counted)',
    ],
    ['Labellers', r.counts.labellers, 'Labellers with at least one judgment'],
    ['Disagreements', r.counts.disagreements, 'Items whose labellers gave different verdicts'],
    ['Decided by a reviewer', r.counts.adjudicated, 'Items with a reviewer’s decision in force'],
  ];
  return (
    <>
      <div className="stat-cards" data-testid="review-counts">
        {cards.map(([label, n, title]) => (
          <div className="stat-card" key={label} title={title}>
            <strong>{count(n)}</strong>
            <span>{label}</span>
          </div>
        ))}
      </div>
      <AgreementOverview report={r} />
      <JudgeCalibrationPanels report={r} onSliceBy={(field) => void refresh(field)} />
      <LabellerStats report={r} />
    </>
  );
}

function QueuePane({ report: r }: { report: AgreementReport | null }) {
  const s = useAppStoreShallow((st) => ({
    queue: st.queue,
    selected: st.selectedItem,
    loadQueue: st.loadQueue,
    select: st.selectItem,
  }));
  const { queue } = s;
  const pages = Math.max(1, Math.ceil(queue.total / PAGE));
  const page = Math.floor(queue.offset / PAGE) + 1;
  const at = queue.rows.findIndex((row) => row.itemId === s.selected?.item.id);
  const position =
    at < 0 ? '' : `${count(queue.offset + at + 1)} of ${count(queue.total)} in the queue`;
  // The row being adjudicated stays in view as the loop moves on.
  useEffect(() => {
    if (!s.selected) return;
    document
      .querySelector(`[data-testid="queue-row"][aria-current="true"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [s.selected]);

  return (
    <section className="queue-pane" data-testid="queue-pane">
      <div className="queue-layout">
        <div className="queue-side">
          <div className="queue-tools">
            <select
              aria-label="Show"
              value={queue.status}
              onChange={(e) => void s.loadQueue(0, e.target.value as QueueStatus)}
              data-testid="queue-filter"
            >
              <option value="all">All disagreements</option>
              <option value="open">Not decided yet</option>
              <option value="adjudicated">Decided</option>
            </select>
            <span className="hint">{plural(queue.total, 'item')}</span>
          </div>
          <p className="hint queue-legend">
            Most disputed first. The percentage is the share of labeller pairs on the item who
            disagree.
          </p>
          <ul className="queue-list" data-testid="disagreement-queue">
            {queue.rows.length === 0 ? (
              <li className="hint" data-testid="disagreements-empty">
                {emptyQueueText(r, queue.status)}
              </li>
            ) : null}
            {queue.rows.map((row) => (
              <li key={row.itemId}>
                <QueueRowButton
                  row={row}
                  current={s.selected?.item.id === row.itemId}
                  onOpen={() => void s.select(row.itemId)}
                />
              </li>
            ))}
          </ul>
          {pages > 1 ? (
            <div className="queue-tools">
              <button
                type="button"
                disabled={page <= 1}
                onClick={() => void s.loadQueue(queue.offset - PAGE)}
              >
                ‹ Previous page
              </button>
              <span className="hint">
                page {page} of {pages}
              </span>
              <button
                type="button"
                disabled={page >= pages}
                onClick={() => void s.loadQueue(queue.offset + PAGE)}
              >
                Next page ›
              </button>
            </div>
          ) : null}
          <div className="queue-keys">
            <ActionButton id="review-previous" className="ghost" label="‹ Previous" />
            <ActionButton id="review-next" className="ghost" label="Next ›" />
          </div>
        </div>
        {s.selected ? (
          <ItemReview item={s.selected} position={position} />
        ) : (
          <div className="review-item review-item-none hint">
            {queue.total > 0
              ? 'Pick an item, or press J for the first one: every judgment shows side by side, with the decision below.'
              : null}
          </div>
        )}
      </div>
    </section>
  );
}

function QueueRowButton(props: { row: QueueRow; current: boolean; onOpen: () => void }) {
  const { row } = props;
  const tally = Object.entries(row.labels)
    .map(([label, n]) => `${verdictLabel(label)}: ${count(n)}`)
    .join(' · ');
  return (
    <button
      type="button"
      aria-current={props.current}
      onClick={props.onOpen}
      data-testid="queue-row"
      data-item-id={row.itemId}
    >
      <span className="queue-row-main">
        <strong>{row.itemId}</strong>
        <span className="queue-labels" title="What the labellers said, and how many said it">
          {tally}
        </span>
      </span>
      <span className="queue-row-side">
        <span
          className="chip"
          title="Share of labeller pairs on this item who disagree"
          data-testid="queue-score"
        >
          {percent(row.score, 0)} disagree
        </span>
        {row.decision ? (
          <span className="chip chip-done" data-testid="queue-decision">
            {row.decision}
          </span>
        ) : null}
      </span>
    </button>
  );
}

function emptyQueueText(r: AgreementReport | null, status: QueueStatus): string {
  if (!r) return 'Compute agreement to fill the queue.';
  if (r.counts.sharedItems === 0)
    return 'The queue lists items that labellers judged differently. No item is judged by two labellers yet: give labellers overlapping items on the Team tab, or merge their work.';
  if (status === 'open') return 'Every disagreement has a decision.';
  if (status === 'adjudicated') return 'No decisions yet.';
  return 'No disagreements: the labellers gave the same verdict on every item they share.';
}
