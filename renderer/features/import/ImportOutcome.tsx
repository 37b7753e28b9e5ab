import type { ImportJobState } from '../../state/import-slice';
import { useAppStoreShallow } from '../../state/store';
import { describeDuplicate } from '../../../shared/formats/duplicates';
import { FORMAT_LABELS } from '../../../shared/formats/shapes/types';
import { CONTAINER_LABELS } from './format-labels';
import type { FormatId } from '../../../shared/formats/shapes/types';

const SHOWN_SKIPS = 1000;

/** Step 4: what happened, every skipped line with its reason, and where to go next. */
export function ImportOutcome({ job }: { job: ImportJobState }) {
  const s = useAppStoreShallow((st) => ({
    labelImported: st.labelImported,
    reset: st.resetImport,
    retry: st.startImport,
    setOptions: st.setImportOptions,
    source: st.importSource,
    skipBadLines: st.importOptions.skipBadLines,
  }));
  const summary = job.summary;
  return (
    <section
      className="import-card"
      data-testid="import-summary"
      data-status={job.status}
      aria-live="polite"
    >
      {job.status === 'succeeded' && summary ? (
        <>
          <h2 data-testid="import-imported-count">
            Imported {summary.imported.toLocaleString()} items ({summary.responses.toLocaleString()}{' '}
            responses)
          </h2>
          <p>
            From <strong>{summary.file}</strong> ({CONTAINER_LABELS[summary.container]}
            {summary.compressed ? ', gzip' : ''}
            {summary.encoding !== 'utf-8'
              ? `, converted from ${summary.encoding.toUpperCase()}`
              : ''}
            ) read as {FORMAT_LABELS[summary.format as FormatId] ?? summary.format}:{' '}
            {summary.records.toLocaleString()} records in {(summary.durationMs / 1000).toFixed(1)}{' '}
            s.
          </p>
          <ul className="import-facts">
            {summary.duplicates ? (
              <li data-testid="import-duplicates">
                {summary.duplicates === 1
                  ? '1 record was a duplicate and was not added again'
                  : `${summary.duplicates.toLocaleString()} records were duplicates and were not added again`}
                <details>
                  <summary>Which lines</summary>
                  <ul className="import-skips">
                    {summary.duplicateLines.slice(0, SHOWN_SKIPS).map((d, i) => (
                      <li key={`${d.line}-${i}`}>{describeDuplicate(d)}</li>
                    ))}
                  </ul>
                  {summary.duplicates > SHOWN_SKIPS ? (
                    <p className="hint">
                      … and {(summary.duplicates - SHOWN_SKIPS).toLocaleString()} more (the CLI's
                      --json lists the first 10 000).
                    </p>
                  ) : null}
                </details>
              </li>
            ) : null}
            {summary.notes.map((n) => (
              <li key={n.reason}>
                {n.count.toLocaleString()} × {n.reason}
              </li>
            ))}
            {summary.imported === 0 ? <li>Nothing new: the project was not changed.</li> : null}
          </ul>
          {summary.skippedCount > 0 ? (
            <>
              <h3>{summary.skippedCount.toLocaleString()} skipped lines</h3>
              <ol className="import-skips" data-testid="import-skipped-list">
                {summary.skipped.slice(0, SHOWN_SKIPS).map((k) => (
                  <li key={`${k.line}-${k.reason}`}>
                    <span className="import-skip-line">line {k.line}</span> {k.reason}
                  </li>
                ))}
              </ol>
              {summary.skippedCount > SHOWN_SKIPS ? (
                <p className="hint">
                  … and {(summary.skippedCount - SHOWN_SKIPS).toLocaleString()} more (the CLI's
                  --json lists the first 10 000).
                </p>
              ) : null}
            </>
          ) : null}
          <div className="dialog-actions">
            <button
              type="button"
              className="primary"
              onClick={() => void s.labelImported()}
              data-testid="import-label-now"
            >
              Start labelling
            </button>
            <button type="button" onClick={() => void s.reset()} data-testid="import-again">
              Import another file
            </button>
          </div>
        </>
      ) : null}
      {job.status === 'failed' ? (
        <>
          <h2>Nothing was imported</h2>
          <p role="alert" className="error" data-testid="import-error">
            {job.error}
          </p>
          <p>
            The project is exactly as it was. Fix the file, or skip the bad lines and import the
            rest.
          </p>
          <div className="dialog-actions">
            {s.source && !s.skipBadLines ? (
              <button
                type="button"
                className="primary"
                onClick={() => void s.setOptions({ skipBadLines: true }).then(() => s.retry())}
                data-testid="import-retry-skipping"
              >
                Skip bad lines and import the rest
              </button>
            ) : null}
            <button type="button" onClick={() => void s.reset()}>
              Choose another file
            </button>
          </div>
        </>
      ) : null}
      {job.status === 'cancelled' ? (
        <>
          <h2>Import cancelled</h2>
          <p>The project is exactly as it was.</p>
          <button type="button" onClick={() => void s.reset()} data-testid="import-again">
            Choose a file
          </button>
        </>
      ) : null}
    </section>
  );
}
