import { useEffect } from 'react';
import { useAppStoreShallow, useStoreApi } from '../../state/store';
import { AgreementOverview } from './AgreementOverview';
import { ItemReview } from './ItemReview';
import { LabellerStats } from './LabellerStats';
import { stat } from './format';

/**
 * The review screen: agreement at a glance, per-labeller figures, and the disagreement queue
 * with adjudication. Figures are computed by a job in a worker thread, so everything here
 * stays usable while they are (re)computed.
 */
export function ReviewScreen() {
  const s = useAppStoreShallow((st) => ({
    report: st.report,
    stale: st.reportStale,
    queue: st.queue,
    selected: st.selectedItem,
    jobs: st.jobs,
    refresh: st.refreshAgreement,
    load: st.loadAgreement,
    loadQueue: st.loadQueue,
    select: st.selectItem,
  }));
  const { load, refresh, loadQueue } = s;
  const store = useStoreApi();
  useEffect(() => {
    void (async () => {
      await load();
      // First visit: compute right away (in the worker; the screen stays usable).
      const st = store.getState();
      if (!st.report && !st.jobs.some((j) => j.kind === 'agreement' && j.status === 'running'))
        await refresh();
      await loadQueue(0);
    })();
  }, [load, loadQueue, refresh, store]);
  const running = s.jobs.find((j) => j.kind === 'agreement' && j.status === 'running');
  const failed = [...s.jobs].reverse().find((j) => j.kind === 'agreement' && j.status === 'failed');
  const r = s.report;
  const pages = Math.max(1, Math.ceil(s.queue.total / 50));
  const page = Math.floor(s.queue.offset / 50) + 1;

  return (
    <main className="review" data-testid="review-screen" aria-busy={running ? true : undefined}>
      <div className="review-head">
        <h2 style={{ margin: 0 }}>Review</h2>
        <span
          className="hint"
          data-testid="review-status"
          data-state={running ? 'running' : r ? (s.stale ? 'stale' : 'fresh') : 'none'}
        >
          {running
            ? 'Computing agreement…'
            : r
              ? `Computed ${new Date(r.computedAt).toLocaleTimeString()} in ${Math.round(r.computeMs)} ms${s.stale ? ' — judgments changed since' : ''}`
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
      {r ? (
        <>
          <div className="stat-cards" data-testid="review-counts">
            {[
              ['Items', r.counts.items],
              ['Judged', r.counts.judgedItems],
              ['Judged by 2+', r.counts.sharedItems],
              ['Judgments', r.counts.judgments],
              ['Labellers', r.counts.labellers],
              ['Disagreements', r.counts.disagreements],
              ['Adjudicated', r.counts.adjudicated],
            ].map(([label, n]) => (
              <div className="stat-card" key={label}>
                <strong>{n}</strong>
                <span>{label}</span>
              </div>
            ))}
          </div>
          <AgreementOverview report={r} />
          <LabellerStats report={r} />
        </>
      ) : null}
      <section className="panel">
        <div className="review-head">
          <h2 style={{ margin: 0 }}>Disagreement queue</h2>
          <span className="hint">most disagreement first</span>
          <select
            aria-label="Show"
            value={s.queue.status}
            onChange={(e) => void loadQueue(0, e.target.value as 'all' | 'open' | 'adjudicated')}
            data-testid="queue-filter"
          >
            <option value="all">All</option>
            <option value="open">Not adjudicated</option>
            <option value="adjudicated">Adjudicated</option>
          </select>
          <span className="spacer" />
          <button
            type="button"
            disabled={page <= 1}
            onClick={() => void loadQueue(s.queue.offset - 50)}
          >
            ‹ Prev
          </button>
          <span className="hint">
            {page} / {pages} ({s.queue.total} items)
          </span>
          <button
            type="button"
            disabled={page >= pages}
            onClick={() => void loadQueue(s.queue.offset + 50)}
          >
            Next ›
          </button>
        </div>
        <div className="queue-layout">
          <ul className="queue-list" data-testid="disagreement-queue">
            {s.queue.rows.length === 0 ? (
              <li className="hint">
                {r ? 'No disagreements.' : 'Compute agreement to fill the queue.'}
              </li>
            ) : null}
            {s.queue.rows.map((row) => (
              <li key={row.itemId}>
                <button
                  type="button"
                  aria-current={s.selected?.item.id === row.itemId}
                  onClick={() => void s.select(row.itemId)}
                  data-testid="queue-row"
                  data-item-id={row.itemId}
                >
                  <span>
                    <strong>{row.itemId}</strong>{' '}
                    <span className="queue-labels">
                      {Object.entries(row.labels)
                        .map(([l, n]) => `${l} ×${n}`)
                        .join(' · ')}
                    </span>
                  </span>
                  <span>
                    <span className="chip" title="Share of labeller pairs that disagree">
                      {stat(row.score, 2)}
                    </span>{' '}
                    {row.decision ? (
                      <span className="chip chip-done" data-testid="queue-decision">
                        {row.decision}
                      </span>
                    ) : null}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <div>
            {s.selected ? (
              <ItemReview item={s.selected} />
            ) : (
              <p className="hint">Pick an item to see every judgment side by side.</p>
            )}
          </div>
        </div>
      </section>
    </main>
  );
}
