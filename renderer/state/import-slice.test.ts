import { describe, expect, it, vi } from 'vitest';
import type { ImportPreview, ImportSummary, ProjectInfo } from '../../shared/api/contract';
import { fakeClient } from '../test-support/fake-client';
import { createAppStore } from './store';

/**
 * The wizard's state against a scripted backend: what is sent to the backend (the format the
 * person saw, the mapping they corrected), and how job events move it along. The backend side
 * of imports is covered for real in db/import and the e2e spec.
 */
function preview(patch: Partial<ImportPreview> = {}): ImportPreview {
  return {
    file: 'data.csv',
    totalBytes: 100,
    container: 'csv',
    compressed: null,
    encoding: 'utf-8',
    detection: {
      format: 'columns',
      confidence: 'likely',
      reason: 'a table',
      candidates: [{ format: 'columns', score: 0.6 }],
      mapping: {
        id: null,
        prompt: 'q',
        system: null,
        responses: [
          { column: 'a', modelColumn: null },
          { column: 'b', modelColumn: null },
        ],
      },
      fields: ['q', 'a', 'b', 'c'],
    },
    format: 'columns',
    mapping: null,
    blocker: null,
    items: [],
    problems: [],
    notes: [],
    sampled: 3,
    estimatedRecords: null,
    ...patch,
  };
}

function summary(patch: Partial<ImportSummary> = {}): ImportSummary {
  return {
    file: 'data.csv',
    format: 'trl',
    container: 'jsonl',
    compressed: null,
    encoding: 'utf-8',
    imported: 3,
    responses: 6,
    duplicates: 0,
    duplicateLines: [],
    skipped: [],
    skippedCount: 0,
    notes: [],
    records: 3,
    importId: 'imp1',
    durationMs: 5,
    ...patch,
  };
}

const project: ProjectInfo = {
  path: '/p.rankwise',
  name: 'p',
  projectId: 'P',
  schemaVersion: 8,
  showModelNames: false,
  counts: { items: 3, responses: 6, judgments: 0, labellers: 1 },
};

const upload = { uploadId: 'u1', name: 'data.csv', size: 100 };

describe('import slice', () => {
  it('previews a chosen file, and re-previews with the mapping the person corrects', async () => {
    const { client, inputsOf } = fakeClient({
      'imports.pickFile': () => upload,
      'imports.preview': (i) => preview({ mapping: i.mapping }),
    });
    const store = createAppStore(client);
    await store.getState().pickFileForImport();
    expect(store.getState().importPreview?.file).toBe('data.csv');
    await store.getState().setImportOptions({ format: 'columns' });
    // Switching to columns starts from the detected mapping.
    expect(store.getState().importOptions.mapping?.prompt).toBe('q');
    const mapping = { ...store.getState().importOptions.mapping!, prompt: 'c' };
    await store.getState().setImportOptions({ mapping });
    expect(inputsOf('imports.preview').at(-1)).toMatchObject({
      source: { uploadId: 'u1' },
      format: 'columns',
      mapping: { prompt: 'c' },
    });
  });

  it('imports the format the preview showed, follows progress events, and ends with the summary', async () => {
    const result = summary();
    const { client, inputsOf, emit } = fakeClient({
      'imports.pickFile': () => upload,
      'imports.preview': () => preview({ format: 'trl', container: 'jsonl' }),
      'imports.start': () => ({ jobId: 'j1' }),
      'jobs.get': ({ jobId }) => ({ jobId, kind: 'import', status: 'running' }),
      'project.info': () => project,
    });
    const store = createAppStore(client);
    await store.getState().pickFileForImport();
    await store.getState().startImport();
    expect(inputsOf('imports.start')[0]).toMatchObject({
      format: 'trl',
      mapping: null,
      skipBadLines: false,
    });
    emit('import.progress', {
      jobId: 'j1',
      phase: 'reading',
      bytes: 50,
      totalBytes: 100,
      items: 2,
      skipped: 0,
    });
    emit('import.progress', {
      jobId: 'other',
      phase: 'reading',
      bytes: 99,
      totalBytes: 100,
      items: 9,
      skipped: 0,
    });
    expect(store.getState().importJob).toMatchObject({ status: 'running', bytes: 50, items: 2 });
    emit('job.finished', { jobId: 'j1', kind: 'import', status: 'succeeded', result });
    expect(store.getState().importJob).toMatchObject({ status: 'succeeded', summary: result });
    // The upload is gone on the backend after a success: the slice lets go of it too.
    expect(store.getState().importSource).toBeNull();
  });

  it('a slow earlier preview never overwrites a newer one', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    let n = 0;
    const { client } = fakeClient({
      'imports.pickFile': () => upload,
      'imports.preview': async () => {
        n++;
        if (n === 2) {
          await gate;
          return preview({ file: 'stale' });
        }
        return preview({ file: `fresh-${n}` });
      },
    });
    const store = createAppStore(client);
    await store.getState().pickFileForImport();
    const slow = store.getState().setImportOptions({ format: 'generic' });
    await store.getState().setImportOptions({ format: 'columns' });
    release();
    await slow;
    expect(store.getState().importPreview?.file).toBe('fresh-3');
  });
});

describe('files the desktop shell hands over', () => {
  it('a data file dropped on the window opens the import screen with its preview', async () => {
    const { client, calls, inputsOf, emit } = fakeClient({ 'imports.preview': () => preview() });
    const store = createAppStore(client);
    emit('app.command', { command: 'import-file', path: '/home/me/data.csv', upload });
    await vi.waitFor(() => expect(store.getState().importPreview?.file).toBe('data.csv'));
    expect(store.getState().view).toBe('import');
    expect(inputsOf('imports.preview')[0]).toMatchObject({ source: { uploadId: 'u1' } });
    // The path itself never goes back to the backend.
    expect(JSON.stringify(calls)).not.toContain('/home/me');
  });
});
