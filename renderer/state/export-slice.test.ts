import { describe, expect, it } from 'vitest';
import { ResolvedOptionsSchema, type ExportPreview } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { fakeClient } from '../test-support/fake-client';
import { DEFAULT_EXPORT_FORM, exportOptionsOf } from './export-slice';
import { createAppStore } from './store';

/** A preview of an export of `rows` rows (and nothing else to speak of). */
function previewOf(rows: number): ExportPreview {
  const none = { ties: 0, bothBad: 0, noMajority: 0, notUnanimous: 0, tooFewVotes: 0 };
  const excluded = {
    ...none,
    lowAgreement: 0,
    flagged: 0,
    gold: 0,
    discarded: 0,
    silent: 0,
    skipped: 0,
    neutral: 0,
    conflicting: 0,
    judgeFlipped: 0,
    judgeNotTrusted: 0,
  };
  return {
    format: 'trl',
    container: 'jsonl',
    rows,
    splits: { train: rows, test: 0 },
    items: rows,
    judgments: rows,
    excluded,
    sources: {},
    labels: {},
    models: {},
    agreement: { units: 0, comparisons: 0, percent: null, alphaNominal: null, alphaOrdinal: null },
    options: ResolvedOptionsSchema.parse({ format: 'trl', ties: 'drop', container: 'jsonl' }),
    warnings: [],
    judgeFill: null,
    columns: [],
    sample: [],
    labellers: [],
    policies: [],
  };
}

describe('export slice', () => {
  it('turns the form into explicit options: no ties kept where the format cannot say them, days as UTC bounds', () => {
    expect(
      exportOptionsOf({
        ...DEFAULT_EXPORT_FORM,
        format: 'trl',
        ties: 'keep',
        from: '2025-03-01',
        to: '2025-03-31',
        minAgreementPct: 80,
        testPct: 10,
        seed: 7,
        criterion: 'helpfulness',
      }),
    ).toMatchObject({
      ties: 'drop',
      criterion: 'helpfulness',
      filters: {
        from: Date.UTC(2025, 2, 1),
        to: Date.UTC(2025, 3, 1),
        minAgreement: 0.8,
      },
      split: { test: 0.1, seed: 7 },
    });
    expect(exportOptionsOf({ ...DEFAULT_EXPORT_FORM, format: 'kto', ties: 'keep' }).ties).toBe(
      'keep',
    );
    expect(
      exportOptionsOf({
        ...DEFAULT_EXPORT_FORM,
        format: 'raw',
        policy: 'majority',
        criterion: 'x',
      }),
    ).toMatchObject({ ties: 'keep', policy: 'each', criterion: null });
    expect(
      exportOptionsOf({ ...DEFAULT_EXPORT_FORM, format: 'trl', conversational: true })
        .conversational,
    ).toBe(false);
  });

  it('asks for the judge policy only where the format aggregates and the overall verdict is exported', () => {
    const form = {
      ...DEFAULT_EXPORT_FORM,
      judge: 'gpt-judge',
      judgeMinAgreementPct: 75,
      judgeMinItems: 30,
    };
    expect(exportOptionsOf(form).judgeFill).toEqual({
      judge: 'gpt-judge',
      minAgreement: 0.75,
      minItems: 30,
      sliceBy: null,
    });
    expect(exportOptionsOf({ ...form, judge: '' }).judgeFill).toBeNull();
    expect(exportOptionsOf({ ...form, criterion: 'helpfulness' }).judgeFill).toBeNull();
    // raw exports every revision people made: a judge has none there (formats.ts).
    expect(exportOptionsOf({ ...form, format: 'raw' }).judgeFill).toBeNull();
  });

  it('keeps only the latest preview when answers arrive out of order', async () => {
    const pending: Array<(v: ExportPreview) => void> = [];
    const { client } = fakeClient({
      'exports.preview': () => new Promise((resolve) => pending.push(resolve)),
    });
    const store = createAppStore(client);
    const first = store.getState().refreshExportPreview();
    const second = store.getState().refreshExportPreview();
    await until(() => pending.length === 2);
    pending[1]!(previewOf(2));
    await second;
    pending[0]!(previewOf(1));
    await first;
    expect(store.getState().exportPreview).toMatchObject({ status: 'ready', data: { rows: 2 } });
  });

  it('follows its job: progress by events, and an end it missed by asking once', async () => {
    const { columns: _c, sample: _s, labellers: _l, policies: _p, ...counts } = previewOf(2);
    const result = {
      ...counts,
      path: '/exports/p.jsonl',
      files: [{ path: '/exports/p.jsonl', split: 'train' as const, rows: 2, bytes: 10 }],
    };
    let ended = false;
    const { client, emit } = fakeClient({
      'exports.start': () => ({ jobId: 'e1' }),
      'jobs.get': ({ jobId }) =>
        ended
          ? { jobId, kind: 'export', status: 'succeeded', result }
          : { jobId, kind: 'export', status: 'running' },
    });
    const store = createAppStore(client);
    await store.getState().startExport();
    await until(() => store.getState().exportJob?.jobId === 'e1');
    emit('job.progress', { jobId: 'e1', kind: 'export', done: 1, total: 2, unit: 'rows' });
    expect(store.getState().exportJob).toMatchObject({ status: 'running', done: 1, total: 2 });
    // A second page (or a reconnect) that missed the event learns the end from jobs.get.
    ended = true;
    const again = createAppStore(client);
    await again.getState().startExport();
    await until(() => again.getState().exportJob?.status === 'succeeded');
    expect(again.getState().exportJob?.result?.path).toBe('/exports/p.jsonl');
  });

  it('shows a refused start as a failed export with the reason, without a job', async () => {
    const { client } = fakeClient({
      'exports.start': () => {
        throw new ApiError('INVALID_INPUT', 'folder holds other files');
      },
    });
    const store = createAppStore(client);
    await store.getState().startExport();
    expect(store.getState().exportJob).toMatchObject({
      jobId: '',
      status: 'failed',
      error: 'folder holds other files',
    });
  });
});

/** Let the store's awaited calls go on until `check` holds. */
async function until(check: () => boolean) {
  for (let i = 0; i < 50 && !check(); i++) await new Promise((r) => setTimeout(r, 0));
  expect(check()).toBe(true);
}
