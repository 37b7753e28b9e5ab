import { describe, expect, it, vi } from 'vitest';
import { createClient, type Transport } from '../../shared/api/client';
import type { ImportPreview } from '../../shared/api/contract';
import { createAppStore } from './store';

/**
 * The wizard's state with a scripted transport: what is sent to the backend (the format the
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

function scripted(handlers: Record<string, (input: Record<string, unknown>) => unknown>) {
  const calls: Array<[string, Record<string, unknown>]> = [];
  const listeners = new Set<(name: string, payload: unknown) => void>();
  const transport: Transport = {
    async call(method, input) {
      calls.push([method, input as Record<string, unknown>]);
      const h = handlers[method];
      if (!h) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: method } };
      try {
        return { ok: true, value: await h(input as Record<string, unknown>) };
      } catch (e) {
        return { ok: false, error: { code: 'INTERNAL', message: (e as Error).message } };
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const emit = (name: string, payload: unknown) => listeners.forEach((l) => l(name, payload));
  return { client: createClient(transport), calls, emit };
}

const upload = { uploadId: 'u1', name: 'data.csv', size: 100 };

describe('import slice', () => {
  it('previews a chosen file, and re-previews with the mapping the person corrects', async () => {
    const { client, calls } = scripted({
      'imports.pickFile': () => upload,
      'imports.preview': (i) =>
        preview({ mapping: (i['mapping'] as ImportPreview['mapping']) ?? null }),
    });
    const store = createAppStore(client);
    await store.getState().pickFileForImport();
    expect(store.getState().importPreview?.file).toBe('data.csv');
    await store.getState().setImportOptions({ format: 'columns' });
    // Switching to columns starts from the detected mapping.
    expect(store.getState().importOptions.mapping?.prompt).toBe('q');
    const mapping = { ...store.getState().importOptions.mapping!, prompt: 'c' };
    await store.getState().setImportOptions({ mapping });
    expect(calls.filter(([m]) => m === 'imports.preview').at(-1)![1]).toMatchObject({
      source: { uploadId: 'u1' },
      format: 'columns',
      mapping: { prompt: 'c' },
    });
  });

  it('imports the format the preview showed, follows progress events, and ends with the summary', async () => {
    const summary = { imported: 3, file: 'data.csv' };
    const { client, calls, emit } = scripted({
      'imports.pickFile': () => upload,
      'imports.preview': () => preview({ format: 'trl', container: 'jsonl' }),
      'imports.start': () => ({ jobId: 'j1' }),
      'jobs.get': () => ({ jobId: 'j1', status: 'running' }),
      'project.info': () => ({ name: 'p' }),
    });
    const store = createAppStore(client);
    await store.getState().pickFileForImport();
    await store.getState().startImport();
    expect(calls.find(([m]) => m === 'imports.start')![1]).toMatchObject({
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
    emit('job.finished', { jobId: 'j1', kind: 'import', status: 'succeeded', result: summary });
    expect(store.getState().importJob).toMatchObject({ status: 'succeeded', summary });
    // The upload is gone on the backend after a success: the slice lets go of it too.
    expect(store.getState().importSource).toBeNull();
  });

  it('a slow earlier preview never overwrites a newer one', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    let n = 0;
    const { client } = scripted({
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
    const { client, calls, emit } = scripted({ 'imports.preview': () => preview() });
    const store = createAppStore(client);
    emit('app.command', { command: 'import-file', path: '/home/me/data.csv', upload });
    await vi.waitFor(() => expect(store.getState().importPreview?.file).toBe('data.csv'));
    expect(store.getState().view).toBe('import');
    expect(calls.find(([m]) => m === 'imports.preview')![1]).toMatchObject({
      source: { uploadId: 'u1' },
    });
    // The path itself never goes back to the backend.
    expect(JSON.stringify(calls)).not.toContain('/home/me');
  });
});
