import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../shared/api/client';
import { createBackend, type Backend } from '../backend';
import { memoryIdentityStore } from '../identity-file';
import { createInProcessTransport } from '../in-process-transport';
import { newProject, tempDir } from '../test-support/temp-project';

/**
 * Over the browser host, no method may take a path on the backend's disk from the client:
 * with the token, a page (or, with --allow-remote, another machine) could otherwise read or
 * write any file the host's user can. Uploads and downloads take their place.
 */
describe('paths from a browser-host client', () => {
  let t: ReturnType<typeof tempDir>;
  let backend: Backend;
  let client: Client;
  beforeEach(() => {
    t = tempDir();
    backend = createBackend({
      project: newProject(t.dir),
      host: 'browser',
      identity: memoryIdentityStore(),
    });
    client = createClient(createInProcessTransport(backend));
  });
  afterEach(async () => {
    await backend.close();
    t.cleanup();
  });

  it('refuses an export destination, and exports to the project folder without one', async () => {
    const out = join(t.dir, 'elsewhere.jsonl');
    await expect(client.call('exports.start', { format: 'trl', out })).rejects.toThrow(
      /exports folder only/,
    );
    expect(existsSync(out)).toBe(false);
    const { jobId } = await client.call('exports.start', { format: 'trl' });
    await backend.jobs.idle();
    const done = await client.call('jobs.get', { jobId });
    expect(done).toMatchObject({ status: 'succeeded' });
    expect(
      (done as { result: { path: string } }).result.path.startsWith(join(t.dir, 'p-exports')),
    ).toBe(true);
  });

  it('refuses an import source given as a path', async () => {
    await expect(
      client.call('imports.preview', { source: { path: join(t.dir, 'x.jsonl') } }),
    ).rejects.toThrow(/never a path sent by a page/);
  });

  it('refuses a merge source given as a path', async () => {
    await expect(
      client.call('merge.start', { sources: [{ path: join(t.dir, 'x.jsonl') }] }),
    ).rejects.toThrow(/uploaded files only/);
  });
});
