import type { ImportJobState } from '../../state/import-slice';
import { useAppStore } from '../../state/store';
import { formatBytes, formatDuration } from './format-labels';

/** Step 3: reading (bytes and items, with a time-left estimate), then saving; cancellable. */
export function ImportProgress({ job }: { job: ImportJobState }) {
  const cancel = useAppStore((s) => s.cancelImport);
  const fraction = job.totalBytes > 0 ? Math.min(1, job.bytes / job.totalBytes) : 0;
  const elapsed = (performance.now() - job.startedAt) / 1000;
  const left =
    job.phase === 'reading' && fraction > 0.02 ? (elapsed / fraction) * (1 - fraction) : null;
  const pct = job.phase === 'saving' ? 100 : Math.round(100 * fraction);
  return (
    <section className="import-card" data-testid="import-progress" data-phase={job.phase}>
      <h2>{job.phase === 'reading' ? 'Importing…' : 'Saving to the project…'}</h2>
      <div
        className={`import-bar${job.phase === 'saving' ? ' import-bar-busy' : ''}`}
        role="progressbar"
        aria-label="Import"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
      >
        <div className="import-bar-fill" style={{ width: `${pct}%` }} />
      </div>
      <p className="import-stats" data-testid="import-progress-text">
        {pct}% · {formatBytes(job.bytes)} of {formatBytes(job.totalBytes)} ·{' '}
        {job.items.toLocaleString()} items
        {job.skipped ? ` · ${job.skipped.toLocaleString()} skipped` : ''}
        {left !== null ? ` · about ${formatDuration(left)} left` : ''}
      </p>
      <p className="hint">
        Labelling can go on meanwhile: nothing is added to the project until the whole file has been
        read, and a cancel leaves it exactly as it was.
      </p>
      <button type="button" onClick={() => void cancel()} data-testid="import-cancel">
        Cancel
      </button>
    </section>
  );
}
