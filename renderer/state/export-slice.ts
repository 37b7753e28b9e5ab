import type { ExportPreview } from '../../shared/api/contract';
import { aggregates, carriesTies, formatSpec } from '../../shared/export/formats';
import {
  criteriaOf,
  dayBound,
  type Container,
  type ExportFormat,
  type ExportOptionsInput,
  type Policy,
  type RankPairs,
} from '../../shared/export/options';
import { endedJob, runningJob, watchJob, type JobView } from '../api/watch-job';
import type { SliceCreator } from './store';

export type ExportJob = JobView<'export'>;

/** The export dialog's fields, as the person sets them. */
export interface ExportForm {
  format: ExportFormat;
  /** Conversational rows, where the format offers them as a choice (formats.ts). */
  conversational: boolean;
  container: Container;
  policy: Policy;
  minVotes: number;
  ties: 'drop' | 'keep';
  rankPairs: RankPairs;
  /** '' for the overall verdict. */
  criterion: string;
  labellers: string[];
  /** YYYY-MM-DD or ''. */
  from: string;
  to: string;
  excludeFlags: string[];
  /** Percent, 0 for none. */
  minAgreementPct: number;
  excludeGold: boolean;
  /** Percent of prompts in test, 0 for no split. */
  testPct: number;
  seed: number;
  /** A path on the machine running Rankwise (desktop only); '' for the project's exports folder. */
  out: string;
  /** The judge whose verdicts fill items no labeller judged; '' for people only. */
  judge: string;
  /** The judge's measured agreement with the human majority it needs, in percent. */
  judgeMinAgreementPct: number;
  /** Items that agreement must be measured on. */
  judgeMinItems: number;
}

export const DEFAULT_EXPORT_FORM: ExportForm = {
  format: 'trl',
  conversational: false,
  container: 'jsonl',
  policy: 'each',
  minVotes: 1,
  ties: 'drop',
  rankPairs: 'all',
  criterion: '',
  labellers: [],
  from: '',
  to: '',
  excludeFlags: [],
  minAgreementPct: 0,
  excludeGold: false,
  testPct: 0,
  seed: 0,
  out: '',
  judge: '',
  judgeMinAgreementPct: 80,
  judgeMinItems: 20,
};

export interface ExportPreviewState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  data: ExportPreview | null;
  error: string | null;
}

export interface ExportSlice {
  exportOpen: boolean;
  /** What the project offers to choose from: its criteria (and rating aspects) and flags. */
  exportChoices: { criteria: string[]; flags: string[]; judges: string[] };
  /** What the project holds when the dialog opened (for the empty states); null until known. */
  exportProject: { items: number; judgments: number } | null;
  exportForm: ExportForm;
  exportPreview: ExportPreviewState;
  exportJob: ExportJob | null;
  setExportOpen: (open: boolean) => void;
  setExportForm: (patch: Partial<ExportForm>) => void;
  refreshExportPreview: () => Promise<void>;
  startExport: () => Promise<void>;
  cancelExport: () => Promise<void>;
}

/** The form as the contract's options: every field explicit, so the card records them all. */
export function exportOptionsOf(f: ExportForm): ExportOptionsInput {
  return {
    format: f.format,
    conversational: formatSpec(f.format).conversational === 'optional' ? f.conversational : false,
    container: f.container,
    policy: aggregates(f.format) ? f.policy : 'each',
    minVotes: f.minVotes,
    // Ties can only be kept where the format can say them; the audit trail keeps everything.
    ties: !aggregates(f.format)
      ? formatSpec(f.format).ties.default
      : carriesTies(f.format)
        ? f.ties
        : 'drop',
    rankPairs: f.rankPairs,
    criterion: f.criterion === '' || !aggregates(f.format) ? null : f.criterion,
    filters: {
      labellers: f.labellers,
      from: f.from ? dayBound(f.from, false) : null,
      to: f.to ? dayBound(f.to, true) : null,
      excludeFlags: f.excludeFlags,
      minAgreement: f.minAgreementPct > 0 ? Math.min(100, f.minAgreementPct) / 100 : null,
      excludeGold: f.excludeGold,
    },
    split: f.testPct > 0 && f.testPct < 100 ? { test: f.testPct / 100, seed: f.seed } : null,
    // The judge policy where the format aggregates (formats.ts) and the overall verdict is asked.
    judgeFill:
      f.judge !== '' && aggregates(f.format) && f.criterion === ''
        ? {
            judge: f.judge,
            minAgreement: Math.min(100, Math.max(0, f.judgeMinAgreementPct)) / 100,
            minItems: Math.max(1, f.judgeMinItems),
            sliceBy: null,
          }
        : null,
  };
}

/** How long the form must be still before the preview is asked for again. */
const PREVIEW_DELAY_MS = 250;

export const createExportSlice: SliceCreator<ExportSlice> = (set, get, client) => {
  /** The export shown gets what its job tells; one closed or replaced meanwhile does not. */
  const update = (jobId: string, patch: Partial<ExportJob>) => {
    const job = get().exportJob;
    if (job?.jobId === jobId) set({ exportJob: { ...job, ...patch } });
  };

  // Only the latest preview request may land: an older answer arriving late is dropped.
  let previewSeq = 0;
  let previewTimer: ReturnType<typeof setTimeout> | null = null;

  return {
    exportOpen: false,
    exportChoices: { criteria: [], flags: [], judges: [] },
    exportProject: null,
    exportForm: DEFAULT_EXPORT_FORM,
    exportPreview: { status: 'idle', data: null, error: null },
    exportJob: null,

    setExportOpen(open) {
      set({ exportOpen: open, ...(open ? { exportProject: null } : { exportJob: null }) });
      if (!open) return;
      void get().refreshExportPreview();
      void client.call('settings.get', {}).then(
        ({ task }) =>
          set({
            exportChoices: {
              ...get().exportChoices,
              criteria: criteriaOf(task),
              flags: task.flags,
            },
          }),
        () => undefined,
      );
      // The judges a policy may fill from (a labeller on a team host may not list them: none).
      void client.call('judges.list', {}).then(
        ({ judges }) =>
          set({ exportChoices: { ...get().exportChoices, judges: judges.map((j) => j.name) } }),
        () => undefined,
      );
      // Counted now, not at start-up: judgments arrive while the app is open.
      void client.call('project.info', {}).then(
        ({ counts }) =>
          set({ exportProject: { items: counts.items, judgments: counts.judgments } }),
        () => undefined,
      );
    },

    setExportForm(patch) {
      set({ exportForm: { ...get().exportForm, ...patch }, exportJob: null });
      if (previewTimer) clearTimeout(previewTimer);
      previewTimer = setTimeout(() => void get().refreshExportPreview(), PREVIEW_DELAY_MS);
    },

    async refreshExportPreview() {
      const seq = ++previewSeq;
      set({ exportPreview: { ...get().exportPreview, status: 'loading', error: null } });
      try {
        const data = await client.call('exports.preview', {
          ...exportOptionsOf(get().exportForm),
          limit: 3,
        });
        if (seq === previewSeq) set({ exportPreview: { status: 'ready', data, error: null } });
      } catch (e) {
        if (seq === previewSeq)
          set({ exportPreview: { status: 'error', data: null, error: (e as Error).message } });
      }
    },

    async startExport() {
      const form = get().exportForm;
      let jobId: string;
      try {
        ({ jobId } = await client.call('exports.start', {
          ...exportOptionsOf(form),
          ...(form.out.trim() ? { out: form.out.trim() } : {}),
        }));
      } catch (e) {
        // Refused before it started (a bad destination, say): shown like a failed export.
        const error = (e as Error).message;
        set({ exportJob: { ...runningJob('', 'export'), status: 'failed', error } });
        return;
      }
      set({ exportJob: runningJob(jobId, 'export') });
      watchJob(client, jobId, 'export', {
        onProgress: (p) => update(jobId, { done: p.done, total: p.total }),
        onEnd: (end) => update(jobId, endedJob(end)),
      });
    },

    async cancelExport() {
      const job = get().exportJob;
      if (job?.status === 'running') await client.call('jobs.cancel', { jobId: job.jobId });
    },
  };
};
