import type { ImportPreview, ImportSummary, JobOutcome, Upload } from '../../shared/api/contract';
import type { ColumnMapping } from '../../shared/formats/columns';
import type { FormatId } from '../../shared/formats/shapes/types';
import { uploadFile } from '../api/upload';
import { watchJob } from '../api/watch-job';
import type { SliceCreator } from './store';

export interface ImportOptionsState {
  format: FormatId | 'auto';
  mapping: ColumnMapping | null;
  skipBadLines: boolean;
}

export interface ImportJobState {
  jobId: string;
  status: 'running' | 'succeeded' | 'failed' | 'cancelled';
  phase: 'reading' | 'saving';
  bytes: number;
  totalBytes: number;
  items: number;
  skipped: number;
  /** performance.now() when it started, for the time-left estimate. */
  startedAt: number;
  summary: ImportSummary | null;
  error: string | null;
}

export interface ImportSlice {
  /** The file being imported, once the backend holds it (uploaded or chosen). */
  importSource: Upload | null;
  importUpload: { name: string; sent: number; total: number } | null;
  importPreview: ImportPreview | null;
  importPreviewing: boolean;
  importError: string | null;
  importOptions: ImportOptionsState;
  importJob: ImportJobState | null;
  /** Browser host: send a chosen or dropped file to the backend, then preview it. */
  uploadForImport: (file: File) => Promise<void>;
  /** Electron: choose a file in the native dialog, then preview it. */
  pickFileForImport: () => Promise<void>;
  /** A file the host already registered (dropped on Electron's window): preview it. */
  importChosen: (upload: Upload) => Promise<void>;
  /** Change the shape, mapping or skip option; the preview follows. */
  setImportOptions: (patch: Partial<ImportOptionsState>) => Promise<void>;
  startImport: () => Promise<void>;
  cancelImport: () => Promise<void>;
  /** Back to choosing a file (forgetting the current one). */
  resetImport: () => Promise<void>;
  /** After an import: show the labelling screen on the refreshed queue. */
  labelImported: () => Promise<void>;
}

const DEFAULT_OPTIONS: ImportOptionsState = { format: 'auto', mapping: null, skipBadLines: false };

export const createImportSlice: SliceCreator<ImportSlice> = (set, get, client) => {
  let uploadAbort: AbortController | null = null;
  let previewSeq = 0;

  const updateJob = (jobId: string, patch: Partial<ImportJobState>) => {
    const job = get().importJob;
    if (job?.jobId === jobId) set({ importJob: { ...job, ...patch } });
  };

  client.on('import.progress', (p) => {
    const job = get().importJob;
    if (job?.jobId === p.jobId && job.status === 'running')
      updateJob(p.jobId, {
        phase: p.phase,
        bytes: p.bytes,
        totalBytes: p.totalBytes,
        items: p.items,
        skipped: p.skipped,
      });
  });

  function finished(jobId: string, end: JobOutcome<'import'>) {
    const job = get().importJob;
    if (job?.jobId !== jobId || job.status !== 'running') return;
    updateJob(jobId, {
      status: end.status,
      summary: end.status === 'succeeded' ? end.result : null,
      error: end.status === 'failed' ? end.error.message : null,
    });
    if (end.status === 'succeeded') {
      // The project's counts changed; a successful import also let go of the upload.
      set({ importSource: null });
      void client.call('project.info', {}).then(
        (project) => set({ project }),
        () => undefined,
      );
      void refreshQueue();
    }
  }

  /** New items: the labeller's progress changes, and an empty queue may not be empty any more. */
  async function refreshQueue(): Promise<void> {
    const labeller = get().labeller;
    if (!labeller) return;
    try {
      if (get().queueEmpty || get().current === null) await get().loadFirstItem();
      else set({ progress: await client.call('progress.get', { labellerId: labeller.id }) });
    } catch {
      // The labelling screen fetches again when shown; nothing is lost here.
    }
  }

  async function preview(): Promise<void> {
    const source = get().importSource;
    if (!source) return;
    const seq = ++previewSeq;
    const { format, mapping, skipBadLines } = get().importOptions;
    set({ importPreviewing: true, importError: null });
    try {
      const result = await client.call('imports.preview', {
        source: { uploadId: source.uploadId },
        format,
        mapping: format === 'columns' ? mapping : null,
        skipBadLines,
        limit: 5,
      });
      // A slower earlier preview must not overwrite a newer one.
      if (seq !== previewSeq) return;
      set({ importPreview: result, importPreviewing: false });
      if (format === 'columns' && mapping === null && result.mapping)
        set({ importOptions: { ...get().importOptions, mapping: result.mapping } });
    } catch (e) {
      if (seq === previewSeq)
        set({ importPreviewing: false, importError: (e as Error).message, importPreview: null });
    }
  }

  async function chosen(source: Upload | null): Promise<void> {
    set({
      importSource: source,
      importUpload: null,
      importOptions: DEFAULT_OPTIONS,
      importPreview: null,
      importJob: null,
    });
    if (source) await preview();
  }

  return {
    importSource: null,
    importUpload: null,
    importPreview: null,
    importPreviewing: false,
    importError: null,
    importOptions: DEFAULT_OPTIONS,
    importJob: null,

    async uploadForImport(file) {
      await get().resetImport();
      uploadAbort = new AbortController();
      set({ importUpload: { name: file.name, sent: 0, total: file.size }, importError: null });
      try {
        const upload = await uploadFile(
          file,
          (sent, total) => set({ importUpload: { name: file.name, sent, total } }),
          uploadAbort.signal,
        );
        await chosen(upload);
      } catch (e) {
        set({
          importUpload: null,
          importError: (e as Error).name === 'AbortError' ? null : (e as Error).message,
        });
      } finally {
        uploadAbort = null;
      }
    },

    async pickFileForImport() {
      await get().resetImport();
      try {
        await chosen(await client.call('imports.pickFile', {}));
      } catch (e) {
        set({ importError: (e as Error).message });
      }
    },

    async importChosen(upload) {
      await get().resetImport();
      await chosen(upload);
    },

    async setImportOptions(patch) {
      const before = get().importOptions;
      const next = { ...before, ...patch };
      if (patch.format === 'columns' && before.format !== 'columns' && !patch.mapping)
        next.mapping = get().importPreview?.detection.mapping ?? null;
      set({ importOptions: next });
      // Skipping bad lines does not change what the preview shows; the shape and mapping do.
      if (patch.format !== undefined || patch.mapping !== undefined) await preview();
    },

    async startImport() {
      const source = get().importSource;
      const job = get().importJob;
      if (!source || job?.status === 'running') return;
      const { format, mapping, skipBadLines } = get().importOptions;
      const preview = get().importPreview;
      set({ importError: null });
      try {
        const { jobId } = await client.call('imports.start', {
          source: { uploadId: source.uploadId },
          // What the person saw in the preview is what gets imported.
          format: format === 'auto' && preview?.format ? preview.format : format,
          mapping:
            format === 'columns' || preview?.format === 'columns'
              ? (mapping ?? preview?.mapping ?? null)
              : null,
          skipBadLines,
        });
        set({
          importJob: {
            jobId,
            status: 'running',
            phase: 'reading',
            bytes: 0,
            totalBytes: source.size,
            items: 0,
            skipped: 0,
            startedAt: performance.now(),
            summary: null,
            error: null,
          },
        });
        watchJob(client, jobId, 'import', { onEnd: (end) => finished(jobId, end) });
      } catch (e) {
        set({ importError: (e as Error).message });
      }
    },

    async cancelImport() {
      uploadAbort?.abort();
      const job = get().importJob;
      if (job?.status === 'running') await client.call('jobs.cancel', { jobId: job.jobId });
    },

    async resetImport() {
      uploadAbort?.abort();
      const source = get().importSource;
      previewSeq++;
      set({
        importSource: null,
        importUpload: null,
        importPreview: null,
        importPreviewing: false,
        importError: null,
        importOptions: DEFAULT_OPTIONS,
        importJob: null,
      });
      if (source)
        await client.call('imports.discard', { uploadId: source.uploadId }).catch(() => undefined);
    },

    async labelImported() {
      set({ importJob: null, importPreview: null, importSource: null });
      get().setView('label');
      await get().loadFirstItem();
    },
  };
};
