import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../shared/api/client';
import type { EventName, EventPayload, Upload } from '../../shared/api/contract';
import { createHttpTransport } from '../../shared/api/http-transport';
import { createBackend, type Backend } from '../../db/backend';
import { memoryIdentityStore } from '../../db/identity-file';
import { countRows, SAMPLES } from '../../db/test-support/project-rows';
import { newProject, tempDir } from '../../db/test-support/temp-project';
import { startHttpHost, type HttpHost } from './http-host';

/** The browser host's upload endpoint and the import flow a page drives through it. */
describe('browser host: upload then import', () => {
  let t: ReturnType<typeof tempDir>;
  let backend: Backend;
  let host: HttpHost;
  let client: Client;
  beforeEach(async () => {
    t = tempDir();
    backend = createBackend({
      project: newProject(t.dir),
      host: 'browser',
      identity: memoryIdentityStore(),
    });
    host = await startHttpHost({ backend, rendererDir: null, maxUploadBytes: 64 * 1024 });
    client = createClient(
      createHttpTransport({
        baseUrl: host.url,
        token: host.token,
        fetch: (u, i) => fetch(u, i as RequestInit),
        reconnectMs: 50,
      }),
    );
  });
  afterEach(async () => {
    await host.close();
    await backend.close();
    t.cleanup();
  });

  const upload = (
    body: Buffer | string,
    headers: Record<string, string> = {},
    name = 'ls_input_data.json',
  ) =>
    fetch(`${host.url}/upload?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${host.token}`,
        'content-type': 'application/octet-stream',
        ...headers,
      },
      body,
    });
  const uploadDirs = () => readdirSync(tmpdir()).filter((d) => d.startsWith('rankwise-uploads-'));

  function waitFor<E extends EventName>(name: E, match: (p: EventPayload<E>) => boolean) {
    return new Promise<EventPayload<E>>((ok) => {
      const off = client.on(name, (p) => {
        if (match(p)) {
          off();
          ok(p);
        }
      });
    });
  }

  it('uploads a real sample, previews it, imports it by id, and deletes the temp copy', async () => {
    const bytes = readFileSync(join(SAMPLES, 'labelstudio-pairwise-rlhf', 'ls_input_data.json'));
    const res = await upload(bytes, {}, 'C:\\Users\\me\\ls_input_data.json');
    expect(res.status).toBe(200);
    const { value } = (await res.json()) as { value: Upload };
    expect(value).toMatchObject({ name: 'ls_input_data.json', size: bytes.length });

    const preview = await client.call('imports.preview', { source: { uploadId: value.uploadId } });
    expect(preview).toMatchObject({
      file: 'ls_input_data.json',
      format: 'labelstudio',
      container: 'json',
      blocker: null,
    });
    expect(preview.items[0]).toMatchObject({
      line: 2,
      prompt: 'What is the latest news on the stock market?',
    });
    expect(preview.items).toHaveLength(5);

    const { jobId } = await client.call('imports.start', { source: { uploadId: value.uploadId } });
    const finished = await waitFor('job.finished', (p) => p.jobId === jobId);
    expect(finished).toMatchObject({
      status: 'succeeded',
      result: { imported: 32, file: 'ls_input_data.json' },
    });
    expect(countRows(backend.project, 'items')).toBe(32);
    await expect(
      client.call('imports.preview', { source: { uploadId: value.uploadId } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses uploads without the bearer token, or over the size limit (leaving no file)', async () => {
    const before = uploadDirs().flatMap((d) => readdirSync(join(tmpdir(), d)));
    expect((await upload('x', { authorization: 'Bearer wrong' })).status).toBe(401);
    const cookieOnly = await fetch(`${host.url}/upload?name=a.jsonl&token=${host.token}`, {
      method: 'POST',
      body: 'x',
    });
    expect(cookieOnly.status).toBe(401);
    const big = await upload(Buffer.alloc(65 * 1024, 0x20));
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { message: string } }).error.message).toMatch(
      /^the file is larger than the 64 KB this host accepts$/,
    );
    const after = uploadDirs().flatMap((d) => readdirSync(join(tmpdir(), d)));
    expect(after).toEqual(before);
  });

  it('never imports a path sent by a page, and has no file dialog', async () => {
    await expect(
      client.call('imports.preview', { source: { path: '/etc/passwd' } }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/never a path sent by a page/) as unknown,
    });
    await expect(
      client.call('imports.start', { source: { path: '/etc/passwd' } }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(client.call('imports.pickFile', {})).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('keeps a failed upload for a retry with other options; a successful import discards it', async () => {
    const res = await upload(
      '{"id":"a","prompt":"p","responses":["x","y"]}\nnot json\n',
      {},
      'data.jsonl',
    );
    const { value } = (await res.json()) as { value: Upload };
    const preview = await client.call('imports.preview', { source: { uploadId: value.uploadId } });
    expect(preview.problems).toEqual([
      { line: 2, reason: 'invalid JSON: unexpected "n" where a value was expected at column 1' },
    ]);
    const first = await client.call('imports.start', { source: { uploadId: value.uploadId } });
    expect(await waitFor('job.finished', (p) => p.jobId === first.jobId)).toMatchObject({
      status: 'failed',
    });
    const retry = await client.call('imports.start', {
      source: { uploadId: value.uploadId },
      skipBadLines: true,
    });
    expect(await waitFor('job.finished', (p) => p.jobId === retry.jobId)).toMatchObject({
      status: 'succeeded',
      result: { imported: 1, skipped: [{ line: 2 }] },
    });
    expect(await client.call('imports.discard', { uploadId: value.uploadId })).toEqual({
      discarded: false,
    });
  });
});
