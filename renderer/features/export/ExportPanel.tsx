import { useAppStoreShallow } from '../../state/store';

/** Export the project's judgments as a TRL preference dataset (JSONL). */
export function ExportPanel() {
  const { job, host, setExportOpen, start, cancel } = useAppStoreShallow((s) => ({
    job: s.exportJob,
    host: s.host,
    setExportOpen: s.setExportOpen,
    start: s.startExport,
    cancel: s.cancelExport,
  }));
  const close = () => setExportOpen(false);
  return (
    <div className="dialog-backdrop">
      <section
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="export-title"
        data-testid="export-dialog"
      >
        <h2 id="export-title">Export</h2>
        <p>
          <strong>TRL preference (JSONL)</strong>: one row per judgment with <code>prompt</code>,{' '}
          <code>chosen</code> and <code>rejected</code>. Ties and both-bad verdicts carry no
          preference and are left out.
        </p>
        {job === null ? (
          <div className="dialog-actions">
            <button
              type="button"
              className="primary"
              onClick={() => void start()}
              data-testid="export-start"
              autoFocus
            >
              Export
            </button>
            <button type="button" onClick={close}>
              Close
            </button>
          </div>
        ) : (
          <div data-testid="export-status" data-status={job.status}>
            {job.status === 'running' ? (
              <>
                <p>
                  Exporting… {job.done}
                  {job.total !== null ? ` / ${job.total}` : ''} judgments
                </p>
                <button type="button" onClick={() => void cancel()}>
                  Cancel
                </button>
              </>
            ) : null}
            {job.status === 'succeeded' && job.result ? (
              <>
                <p data-testid="export-summary">
                  Wrote {job.result.rows} rows ({job.result.excluded.ties} ties and{' '}
                  {job.result.excluded.bothBad} both-bad left out) to <code>{job.result.path}</code>
                </p>
                {host === 'browser' ? (
                  <a
                    className="button primary"
                    href={`/download/${encodeURIComponent(job.jobId)}`}
                    download
                    data-testid="export-download"
                  >
                    Download
                  </a>
                ) : null}
              </>
            ) : null}
            {job.status === 'failed' ? (
              <p role="alert" className="error">
                Export failed: {job.error}
              </p>
            ) : null}
            {job.status === 'cancelled' ? <p>Export cancelled; no file was written.</p> : null}
            {job.status !== 'running' ? (
              <div className="dialog-actions">
                <button type="button" onClick={close} data-testid="export-close">
                  Close
                </button>
              </div>
            ) : null}
          </div>
        )}
      </section>
    </div>
  );
}
