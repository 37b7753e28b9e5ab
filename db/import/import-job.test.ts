import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../shared/api/client';
import type { EventName, EventPayload, ImportSummary } from '../../shared/api/contract';
import { createBackend, type Backend } from '../backend';
import { memoryIdentityStore } from '../identity-file';
import { createInProcessTransport } from '../in-process-transport';
import { bundleForNode } from '../test-support/bundle';
import { countRows } from '../test-support/project-rows';
import { item, newProject, tempDir, writeJsonl } from '../test-support/temp-project';

/**
 * Imports as the app runs them: a job on a connection of its own (in a worker thread when the
 * host has the bundled worker), reporting progress, cancellable, never blocking judgments.
 */
const REPO = resolve(import.meta.dirname, '..', '..');
const WORKER_DIR = join(REPO, '.tmp', `import-worker-test-${process.pid}`);
let workerPath: string;

beforeAll(async () => {
  // The worker runs bundled, as in dist/cli; built here from the sources under test.
  workerPath = await bundleForNode(join(REPO, 'db/import/import-worker.ts'), WORKER_DIR);
}, 60_000);
afterAll(() => rmSync(WORKER_DIR, { recursive: true, force: true }));

function waitFor<E extends EventName>(
  client: Client,
  name: E,
  match: (p: EventPayload<E>) => boolean,
) {
  return new Promise<EventPayload<E>>((ok) => {
    const off = client.on(name, (p) => {
      if (match(p)) {
        off();
        ok(p);
      }
    });
  });
}

describe.each(['worker thread', 'this thread'] as const)('import jobs (%s)', (where) => {
  let t: ReturnType<typeof tempDir>;
  let backend: Backend;
  let client: Client;
  beforeEach(() => {
    t = tempDir();
    backend = createBackend({
      project: newProject(t.dir),
      host: 'in-process',
      identity: memoryIdentityStore(),
      importWorker: where === 'worker thread' ? workerPath : null,
    });
    client = createClient(createInProcessTransport(backend));
  });
  afterEach(async () => {
    await backend.close();
    t.cleanup();
  });

  it('imports, reporting progress in bytes and items, and tells the UI the items changed', async () => {
    const path = writeJsonl(
      join(t.dir, 'in.jsonl'),
      Array.from({ length: 3000 }, (_, i) => item(`i${i}`)),
    );
    const progress: Array<EventPayload<'import.progress'>> = [];
    client.on('import.progress', (p) => progress.push(p));
    const changed = waitFor(client, 'db.changed', (p) => p.what === 'items');
    const { jobId } = await client.call('imports.start', { source: { path } });
    const finished = await waitFor(client, 'job.finished', (p) => p.jobId === jobId);
    expect(finished.status).toBe('succeeded');
    expect((finished as { result: ImportSummary }).result).toMatchObject({
      imported: 3000,
      format: 'generic',
    });
    await changed;
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.jobId === jobId && p.totalBytes > 0)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ phase: 'saving', items: 3000 });
    expect(countRows(backend.project, 'items')).toBe(3000);
    expect(await client.call('imports.list', {})).toMatchObject([
      { format: 'generic', itemsAdded: 3000, file: 'in.jsonl' },
    ]);
  });

  it('a failed import reports file, line and reason; the project is unchanged', async () => {
    const path = writeJsonl(join(t.dir, 'bad.jsonl'), [item('a'), '{"prompt": }']);
    const { jobId } = await client.call('imports.start', { source: { path } });
    const finished = await waitFor(client, 'job.finished', (p) => p.jobId === jobId);
    expect(finished).toMatchObject({
      status: 'failed',
      error: {
        code: 'IMPORT_FAILED',
        message:
          'bad.jsonl:2: invalid JSON: unexpected "}" where a value was expected at column 12',
        details: { line: 2 },
      },
    });
    expect(countRows(backend.project, 'items')).toBe(0);
  });

  it('cancel leaves the project unchanged, and a second import is refused while one runs', async () => {
    const path = writeJsonl(
      join(t.dir, 'big.jsonl'),
      Array.from({ length: 40_000 }, (_, i) => item(`b${i}`, 'p'.repeat(200))),
    );
    const { jobId } = await client.call('imports.start', { source: { path } });
    await expect(client.call('imports.start', { source: { path } })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await waitFor(client, 'import.progress', (p) => p.jobId === jobId && p.items > 0);
    expect(await client.call('jobs.cancel', { jobId })).toEqual({ cancelled: true });
    const finished = await waitFor(client, 'job.finished', (p) => p.jobId === jobId);
    expect(finished.status).toBe('cancelled');
    expect(countRows(backend.project, 'items')).toBe(0);
    expect(countRows(backend.project, 'imports')).toBe(0);
  });

  it('judgments are saved at once while a big import is being read', async () => {
    writeJsonl(join(t.dir, 'first.jsonl'), [item('first')]);
    const first = await client.call('imports.start', {
      source: { path: join(t.dir, 'first.jsonl') },
    });
    await waitFor(client, 'job.finished', (p) => p.jobId === first.jobId);
    // No waiting for locks on the judgments' connection: if the import held one, this would fail.
    backend.project.db.pragma('busy_timeout = 0');
    const labeller = await client.call('session.identify', { name: 'Ada' });
    const view = (await client.call('items.next', { labellerId: labeller.id }))!;

    const path = writeJsonl(
      join(t.dir, 'big.jsonl'),
      Array.from({ length: 30_000 }, (_, i) => item(`c${i}`, 'q'.repeat(300))),
    );
    const { jobId } = await client.call('imports.start', { source: { path } });
    await waitFor(
      client,
      'import.progress',
      (p) => p.jobId === jobId && p.phase === 'reading' && p.items > 0,
    );
    const saved = await client.call('judgments.submit', {
      labellerId: labeller.id,
      itemId: view.id,
      displayedOrder: view.displayedOrder,
      verdict: { kind: 'pairwise', choice: 'A' },
      timeMs: 10,
    });
    expect(saved.revision).toBe(1);
    backend.project.db.pragma('busy_timeout = 5000');
    const finished = await waitFor(client, 'job.finished', (p) => p.jobId === jobId);
    expect(finished.status).toBe('succeeded');
    expect(countRows(backend.project, 'items')).toBe(30_001);
    expect(backend.project.db.prepare('SELECT count(*) FROM judgments').pluck().get()).toBe(1);
  });
});
