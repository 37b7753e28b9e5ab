import { describe, expect, it } from 'vitest';
import { createClient, type Transport } from '../../shared/api/client';
import { DEFAULT_EXPORT_FORM, exportOptionsOf } from './export-slice';
import { createAppStore } from './store';

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

  it('keeps only the latest preview when answers arrive out of order', async () => {
    const pending: Array<(v: unknown) => void> = [];
    const transport: Transport = {
      call: (method) =>
        method === 'exports.preview'
          ? new Promise((resolve) => pending.push((value) => resolve({ ok: true, value })))
          : Promise.resolve({ ok: false, error: { code: 'UNKNOWN_METHOD', message: method } }),
      subscribe: () => () => undefined,
    };
    const store = createAppStore(createClient(transport));
    const first = store.getState().refreshExportPreview();
    const second = store.getState().refreshExportPreview();
    pending[1]!({ marker: 'new' });
    await second;
    pending[0]!({ marker: 'old' });
    await first;
    expect(store.getState().exportPreview).toMatchObject({
      status: 'ready',
      data: { marker: 'new' },
    });
  });

  it('shows a refused start as a failed export with the reason, without a job', async () => {
    const transport: Transport = {
      call: (method) =>
        Promise.resolve(
          method === 'exports.start'
            ? { ok: false, error: { code: 'INVALID_INPUT', message: 'folder holds other files' } }
            : { ok: false, error: { code: 'UNKNOWN_METHOD', message: method } },
        ),
      subscribe: () => () => undefined,
    };
    const store = createAppStore(createClient(transport));
    await store.getState().startExport();
    expect(store.getState().exportJob).toMatchObject({
      jobId: '',
      status: 'failed',
      error: 'folder holds other files',
    });
  });
});
