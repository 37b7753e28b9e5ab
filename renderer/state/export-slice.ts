import type { ExportResult } from '../../shared/api/contract';
import type { SliceCreator } from './store';

export interface ExportJob {
  jobId: string;
  status: 'running' | 'succeeded' | 'failed' | 'cancelled';
  done: number;
  total: number | null;
  result: ExportResult | null;
  error: string | null;
}

export interface ExportSlice {
  exportOpen: boolean;
  exportJob: ExportJob | null;
  setExportOpen: (open: boolean) => void;
  startExport: () => Promise<void>;
  cancelExport: () => Promise<void>;
}

export const createExportSlice: SliceCreator<ExportSlice> = (set, get, client) => {
  // Events may arrive for any job; we track only ours.
  client.on('job.progress', (p) => {
    const job = get().exportJob;
    if (job?.jobId === p.jobId) set({ exportJob: { ...job, done: p.done, total: p.total } });
  });
  client.on('job.finished', (f) => {
    const job = get().exportJob;
    if (job?.jobId !== f.jobId) return;
    set({
      exportJob: {
        ...job,
        status: f.status,
        result: f.status === 'succeeded' ? (f.result as ExportResult) : null,
        error: f.status === 'failed' ? f.error.message : null,
      },
    });
  });

  return {
    exportOpen: false,
    exportJob: null,
    setExportOpen: (open) => set({ exportOpen: open, ...(open ? {} : { exportJob: null }) }),

    async startExport() {
      const { jobId } = await client.call('exports.start', { format: 'trl' });
      set({
        exportJob: { jobId, status: 'running', done: 0, total: null, result: null, error: null },
      });
      // If the event stream connected after the job ended, ask for the outcome directly.
      const status = await client.call('jobs.get', { jobId });
      const job = get().exportJob;
      if (job?.jobId === jobId && job.status === 'running' && status.status !== 'running') {
        set({
          exportJob: {
            ...job,
            status: status.status,
            result: status.status === 'succeeded' ? (status.result as ExportResult) : null,
            error: status.status === 'failed' ? status.error.message : null,
          },
        });
      }
    },

    async cancelExport() {
      const job = get().exportJob;
      if (job?.status === 'running') await client.call('jobs.cancel', { jobId: job.jobId });
    },
  };
};
