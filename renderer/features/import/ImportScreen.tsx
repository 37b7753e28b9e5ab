import { useAppStoreShallow } from '../../state/store';
import { FileChooser } from './FileChooser';
import { CONTAINER_LABELS, formatBytes } from './format-labels';
import { FormatMapping } from './FormatMapping';
import { ImportOutcome } from './ImportOutcome';
import { ImportProgress } from './ImportProgress';
import { PreviewItems } from './PreviewItems';

/**
 * The import wizard: choose or drop a file → the detected shape and the first items as
 * labellers will see them → correct the shape or column mapping → import, with progress and
 * cancel → a summary listing every skipped line. The backend does the work (see
 * db/import/); this screen only asks and shows.
 */
export function ImportScreen() {
  const s = useAppStoreShallow((st) => ({
    source: st.importSource,
    preview: st.importPreview,
    previewing: st.importPreviewing,
    error: st.importError,
    job: st.importJob,
    start: st.startImport,
    reset: st.resetImport,
  }));
  const { preview, job } = s;

  if (job && job.status === 'running')
    return (
      <main className="import" data-testid="import-screen">
        <ImportProgress job={job} />
      </main>
    );
  if (job)
    return (
      <main className="import" data-testid="import-screen">
        <ImportOutcome job={job} />
      </main>
    );

  return (
    <main className="import" data-testid="import-screen">
      {!s.source ? <FileChooser /> : null}
      {s.error && !(s.source && !preview) ? (
        <p role="alert" className="error" data-testid="import-error">
          {s.error}
        </p>
      ) : null}
      {s.source && !preview && s.error && !s.previewing ? (
        // The file could not be read at all (not a dataset, gone, unreadable): say why, and
        // offer the next step right there.
        <section className="import-card" data-testid="import-unreadable">
          <h2>{s.source.name} cannot be imported</h2>
          <p role="alert" className="error" data-testid="import-error">
            {s.error}
          </p>
          <div className="dialog-actions">
            <button
              type="button"
              className="primary"
              onClick={() => void s.reset()}
              data-testid="import-choose-another"
            >
              Choose another file
            </button>
          </div>
        </section>
      ) : null}
      {s.source && !preview && s.previewing ? (
        <p className="hint">Reading the first records of {s.source.name}…</p>
      ) : null}
      {s.source && preview ? (
        <>
          <section className="import-card import-file" aria-label="File">
            <div>
              <strong data-testid="import-file-name">{preview.file}</strong>{' '}
              <span className="hint">
                {formatBytes(preview.totalBytes)} · {CONTAINER_LABELS[preview.container]}
                {preview.compressed ? ' · gzip' : ''}
                {preview.encoding !== 'utf-8'
                  ? ` · ${preview.encoding.toUpperCase()}, converted to UTF-8`
                  : ''}
                {preview.estimatedRecords !== null
                  ? ` · about ${preview.estimatedRecords.toLocaleString()} records`
                  : ` · ${preview.sampled.toLocaleString()} records`}
              </span>
            </div>
            <button type="button" className="ghost" onClick={() => void s.reset()}>
              Choose another file
            </button>
          </section>
          <FormatMapping preview={preview} />
          {preview.blocker ? (
            <p role="alert" className="error" data-testid="import-blocker">
              {preview.blocker}
            </p>
          ) : null}
          {preview.problems.length > 0 ? (
            <section className="import-card" data-testid="import-problems">
              <h3>
                {preview.problems.length} of the first {preview.sampled} records would fail
              </h3>
              <ul className="import-skips">
                {preview.problems.map((p) => (
                  <li key={`${p.line}-${p.reason}`}>
                    <span className="import-skip-line">line {p.line}</span> {p.reason}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <div className="import-actions">
            <button
              type="button"
              className="primary"
              disabled={s.previewing || preview.format === null || preview.blocker !== null}
              onClick={() => void s.start()}
              data-testid="import-start"
            >
              Import
            </button>
            <span className="hint">
              {preview.items.length > 0
                ? `The first ${preview.items.length} items, as labellers will see them:`
                : 'No item could be read from the first records.'}
            </span>
          </div>
          <PreviewItems items={preview.items} />
        </>
      ) : null}
    </main>
  );
}
