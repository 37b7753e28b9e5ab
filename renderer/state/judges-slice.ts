import type { MethodOutput } from '../../shared/api/contract';
import type {
  Judge,
  JudgeTestResult,
  SuggestionSettings,
  TriageEntry,
} from '../../shared/api/methods/judges';
import type { JudgeItems } from '../../shared/judges/run';
import { endedJob, runningJob, watchJob, type JobView } from '../api/watch-job';
import type { SliceCreator } from './store';

/** What the lead fills in to test or run an LLM judge (the API key is not part of it: see runJudge). */
export interface JudgeRunForm {
  endpoint: string;
  model: string;
  /** '' for the model's name. */
  name: string;
  items: JudgeItems;
  bothOrders: boolean;
  concurrency: number;
}

/** A judge run as the screen shows it: when this page started it, for the time left. */
export type JudgeRunJob = JobView<'judge'> & { startedAt: number };

export type ItemSuggestion = MethodOutput<'judges.suggestion'> & { itemId: string };

/**
 * The judges of a project (issue: LLM judges, reward models, the dataset's own verdicts):
 * listing them, testing and running an LLM judge (a job), the prompt template, importing
 * verdicts (a job), the suggestion setting, the triage order, and the suggestion the labelling
 * screen shows for its item. An API key is passed to the one call that needs it and kept
 * nowhere here.
 */
export interface JudgesSlice {
  judges: Judge[] | null;
  judgeTemplate: MethodOutput<'judges.getTemplate'> | null;
  judgeSuggestions: SuggestionSettings | null;
  judgeTest: {
    status: 'running' | 'done' | 'failed';
    result: JudgeTestResult | null;
    error: string | null;
  } | null;
  judgeRunJob: JudgeRunJob | null;
  judgeImportJob: JobView<'judges-import'> | null;
  judgeFromSource: MethodOutput<'judges.fromSource'> | null;
  triage: { total: number; offset: number; entries: TriageEntry[] } | null;
  /** The last thing a judges action could not do, in words. */
  judgesError: string | null;
  /** The suggestion for the item on the labelling screen (null until asked, or off). */
  itemSuggestion: ItemSuggestion | null;

  loadJudges: () => Promise<void>;
  testJudge: (form: JudgeRunForm, apiKey: string) => Promise<void>;
  runJudge: (form: JudgeRunForm, apiKey: string) => Promise<void>;
  cancelJudgeRun: () => Promise<void>;
  loadJudgeTemplate: () => Promise<void>;
  saveJudgeTemplate: (text: string) => Promise<void>;
  /** Import a verdicts file already uploaded or registered by the host (its upload id). */
  importJudgeVerdicts: (uploadId: string) => Promise<void>;
  /** Desktop app: choose the file in the native dialog, then import it. */
  pickJudgeVerdictsFile: () => Promise<void>;
  judgesFromSource: () => Promise<void>;
  loadJudgeSuggestions: () => Promise<void>;
  setJudgeSuggestions: (settings: SuggestionSettings) => Promise<void>;
  loadTriage: (offset: number, limit?: number) => Promise<void>;
  loadItemSuggestion: (itemId: string) => Promise<void>;
}

const message = (e: unknown) => (e as Error).message;

export const createJudgesSlice: SliceCreator<JudgesSlice> = (set, get, client) => {
  const updateRun = (jobId: string, patch: Partial<JudgeRunJob>) => {
    const job = get().judgeRunJob;
    if (job?.jobId === jobId) set({ judgeRunJob: { ...job, ...patch } });
  };
  const updateImport = (jobId: string, patch: Partial<JobView<'judges-import'>>) => {
    const job = get().judgeImportJob;
    if (job?.jobId === jobId) set({ judgeImportJob: { ...job, ...patch } });
  };
  // Another page (or the CLI) changed the judges: the list shown is out of date.
  client.on('db.changed', (c) => {
    if (c.what === 'judges' && get().judges !== null) void get().loadJudges();
  });

  /** The options both test and run send; the key only for that call. */
  const endpointOf = (form: JudgeRunForm, apiKey: string) => ({
    endpoint: form.endpoint.trim(),
    model: form.model.trim(),
    apiKey: apiKey === '' ? null : apiKey,
  });

  return {
    judges: null,
    judgeTemplate: null,
    judgeSuggestions: null,
    judgeTest: null,
    judgeRunJob: null,
    judgeImportJob: null,
    judgeFromSource: null,
    triage: null,
    judgesError: null,
    itemSuggestion: null,

    async loadJudges() {
      try {
        const { judges } = await client.call('judges.list', {});
        set({ judges });
      } catch (e) {
        set({ judgesError: message(e) });
      }
    },

    async testJudge(form, apiKey) {
      set({ judgeTest: { status: 'running', result: null, error: null }, judgesError: null });
      try {
        const result = await client.call('judges.test', endpointOf(form, apiKey));
        set({ judgeTest: { status: 'done', result, error: null } });
      } catch (e) {
        set({ judgeTest: { status: 'failed', result: null, error: message(e) } });
      }
    },

    async runJudge(form, apiKey) {
      if (get().judgeRunJob?.status === 'running') return;
      set({ judgesError: null });
      let jobId: string;
      try {
        ({ jobId } = await client.call('judges.run', {
          ...endpointOf(form, apiKey),
          name: form.name.trim() === '' ? null : form.name.trim(),
          items: form.items,
          bothOrders: form.bothOrders,
          concurrency: form.concurrency,
        }));
      } catch (e) {
        set({ judgesError: message(e) });
        return;
      }
      set({ judgeRunJob: { ...runningJob(jobId, 'judge'), startedAt: Date.now() } });
      watchJob(client, jobId, 'judge', {
        onProgress: (p) => updateRun(jobId, { done: p.done, total: p.total }),
        onEnd: (end) => {
          updateRun(jobId, endedJob(end));
          void get().loadJudges();
        },
      });
    },

    async cancelJudgeRun() {
      const job = get().judgeRunJob;
      if (job?.status === 'running') await client.call('jobs.cancel', { jobId: job.jobId });
    },

    async loadJudgeTemplate() {
      try {
        set({ judgeTemplate: await client.call('judges.getTemplate', {}) });
      } catch (e) {
        set({ judgesError: message(e) });
      }
    },

    async saveJudgeTemplate(text) {
      set({ judgesError: null });
      try {
        set({ judgeTemplate: await client.call('judges.setTemplate', { text }) });
      } catch (e) {
        set({ judgesError: message(e) });
      }
    },

    async importJudgeVerdicts(uploadId) {
      if (get().judgeImportJob?.status === 'running') return;
      set({ judgesError: null });
      let jobId: string;
      try {
        ({ jobId } = await client.call('judges.import', { source: { uploadId } }));
      } catch (e) {
        set({ judgesError: message(e) });
        return;
      }
      set({ judgeImportJob: runningJob(jobId, 'judges-import') });
      watchJob(client, jobId, 'judges-import', {
        onProgress: (p) => updateImport(jobId, { done: p.done, total: p.total }),
        onEnd: (end) => {
          updateImport(jobId, endedJob(end));
          void get().loadJudges();
        },
      });
    },

    async pickJudgeVerdictsFile() {
      set({ judgesError: null });
      try {
        const picked = await client.call('imports.pickFile', {});
        if (picked) await get().importJudgeVerdicts(picked.uploadId);
      } catch (e) {
        set({ judgesError: message(e) });
      }
    },

    async judgesFromSource() {
      set({ judgesError: null });
      try {
        set({ judgeFromSource: await client.call('judges.fromSource', {}) });
        await get().loadJudges();
      } catch (e) {
        set({ judgesError: message(e) });
      }
    },

    async loadJudgeSuggestions() {
      try {
        set({ judgeSuggestions: await client.call('judges.getSuggestions', {}) });
      } catch (e) {
        set({ judgesError: message(e) });
      }
    },

    async setJudgeSuggestions(settings) {
      set({ judgesError: null });
      try {
        set({ judgeSuggestions: await client.call('judges.setSuggestions', settings) });
      } catch (e) {
        set({ judgesError: message(e) });
      }
    },

    async loadTriage(offset, limit = 50) {
      try {
        const page = await client.call('judges.triage', { offset, limit });
        set({ triage: { ...page, offset } });
      } catch (e) {
        set({ judgesError: message(e) });
      }
    },

    async loadItemSuggestion(itemId) {
      const labeller = get().labeller;
      if (!labeller) return;
      let s: MethodOutput<'judges.suggestion'>;
      try {
        s = await client.call('judges.suggestion', { labellerId: labeller.id, itemId });
      } catch {
        // Nothing shown is the safe answer: a suggestion is never required to label.
        s = { mode: 'off', suggestion: null, reason: 'off' };
      }
      // Only the item still on screen: a late answer for one left behind is dropped.
      if (get().current?.id === itemId) set({ itemSuggestion: { ...s, itemId } });
    },
  };
};
