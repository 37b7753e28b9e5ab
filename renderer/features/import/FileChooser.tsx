import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useAppStoreShallow } from '../../state/store';
import { formatBytes } from './format-labels';

/**
 * Step 1: the file. In the browser host a file is chosen or dropped (anywhere on the window)
 * and uploaded, streamed from disk; in Electron the native dialog picks it and the backend
 * reads it in place.
 */
export function FileChooser() {
  const s = useAppStoreShallow((st) => ({
    host: st.host,
    upload: st.importUpload,
    uploadForImport: st.uploadForImport,
    pickFileForImport: st.pickFileForImport,
    cancel: st.cancelImport,
  }));
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const canUpload = s.host !== 'electron';
  const { uploadForImport } = s;

  // Dropping a file anywhere on the window starts with it (and never navigates away).
  useEffect(() => {
    if (!canUpload) return;
    const onOver = (e: globalThis.DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      setOver(true);
    };
    const onLeave = (e: globalThis.DragEvent) => {
      if (e.relatedTarget === null) setOver(false);
    };
    const onDrop = (e: globalThis.DragEvent) => {
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      setOver(false);
      void uploadForImport(file);
    };
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [canUpload, uploadForImport]);

  if (s.upload) {
    const pct = s.upload.total ? Math.round((100 * s.upload.sent) / s.upload.total) : 0;
    return (
      <section className="import-card" data-testid="import-upload-progress">
        <p>
          Uploading <strong>{s.upload.name}</strong>: {formatBytes(s.upload.sent)} of{' '}
          {formatBytes(s.upload.total)}
        </p>
        <div
          className="import-bar"
          role="progressbar"
          aria-label="Upload"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
        >
          <div className="import-bar-fill" style={{ width: `${pct}%` }} />
        </div>
        <button type="button" onClick={() => void s.cancel()}>
          Cancel
        </button>
      </section>
    );
  }

  return (
    <section
      className={`import-drop${over ? ' import-drop-over' : ''}`}
      data-testid="import-drop-zone"
      onDragOver={(e: DragEvent) => e.preventDefault()}
    >
      <h2>Import a dataset</h2>
      <p>
        JSON Lines, a JSON array, CSV/TSV or Parquet, optionally gzip-compressed. Rankwise
        recognises generic items, OpenAI chat messages, TRL preference rows, HH-RLHF transcripts,
        ShareGPT, OpenAssistant trees, UltraFeedback, arena battles and Label Studio tasks, and
        shows you the first items before anything is imported.
      </p>
      {canUpload ? (
        <>
          <p className="import-drop-hint">Drop a file anywhere on this window, or</p>
          <button
            type="button"
            className="primary"
            onClick={() => input.current?.click()}
            data-testid="import-choose"
          >
            Choose a file…
          </button>
          <input
            ref={input}
            type="file"
            hidden
            accept=".jsonl,.ndjson,.json,.csv,.tsv,.parquet,.gz"
            data-testid="import-file-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void s.uploadForImport(file);
            }}
          />
        </>
      ) : (
        <button
          type="button"
          className="primary"
          onClick={() => void s.pickFileForImport()}
          data-testid="import-choose"
        >
          Choose a file…
        </button>
      )}
    </section>
  );
}
