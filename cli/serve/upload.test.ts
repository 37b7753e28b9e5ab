import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../shared/api/client';
import type { EventName, EventPayload, Upload } from '../../shared/api/contract';
import { createHttpTransport } from '../../shared/api/http-transport';
import { createBackend, type Backend } from '../../db/backend';
import { memoryIdentityStore } from '../../db/identity-file';
import { countRows, SAMPLES } from '../../db/test-support/project-rows';
import { newProject, tempDir } from '../../db/test-support/temp-project';
import { BIN, REPO } from '../test-support/full-disk';
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

/**
 * Send `total` bytes without a Content-Length (chunked transfer encoding), as a client
 * streaming a file of unknown size does: it keeps writing until the body is sent or the
 * host's answer has been read.
 */
function chunkedUpload(
  server: { url: string; token: string },
  total: number,
): Promise<{ status: number; body: string }> {
  return new Promise((ok, fail) => {
    const req = request(`${server.url}/upload?name=big.jsonl`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${server.token}`,
        'content-type': 'application/octet-stream',
        'transfer-encoding': 'chunked',
      },
    });
    let answered = false;
    req.on('error', (e) => (answered ? undefined : fail(e)));
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => {
        answered = true;
        req.destroy();
        ok({ status: res.statusCode!, body });
      });
      res.on('error', fail);
    });
    let sent = 0;
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    const pump = () => {
      while (sent < total && !answered) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe('the real rankwise serve: an oversize upload without a Content-Length', () => {
  let t: ReturnType<typeof tempDir>;
  let child: ChildProcess;
  let server: { url: string; token: string };
  let stderr = '';
  beforeAll(async () => {
    if (!existsSync(join(REPO, 'dist', 'cli', 'rankwise.mjs')))
      throw new Error('run `npm run build` first: this test runs the built CLI');
    t = tempDir();
    const project = newProject(t.dir);
    project.close();
    mkdirSync(join(t.dir, 'tmp'));
    child = spawn(process.execPath, [BIN, 'serve', project.path, '--max-upload-mb', '1'], {
      // Its uploads go to a temp folder of this test's own, to be looked at.
      env: { ...process.env, TMPDIR: join(t.dir, 'tmp'), RANKWISE_CONFIG_DIR: join(t.dir, 'c') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const line = await new Promise<string>((ok, fail) => {
      createInterface({ input: child.stdout! }).once('line', ok);
      child.once('exit', (code) =>
        fail(new Error(`rankwise serve exited with ${code}: ${stderr}`)),
      );
    });
    const u = new URL(line);
    server = { url: u.origin, token: u.searchParams.get('token')! };
  });
  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    t.cleanup();
  });

  it('answers 413 with the reason every time, keeps no partial file, and stays up', async () => {
    // Several times over: whether a write to the temp file is still in flight when the limit
    // is passed depends on timing, and one that was used to take the host down.
    for (let i = 0; i < 12; i++) {
      const res = await chunkedUpload(server, 3 * 1024 * 1024);
      expect({ status: res.status, body: JSON.parse(res.body) as unknown }, `upload ${i}`).toEqual({
        status: 413,
        body: {
          ok: false,
          error: {
            code: 'INVALID_INPUT',
            message: 'the file is larger than the 1 MB this host accepts',
          },
        },
      });
    }
    expect(child.exitCode, stderr).toBeNull();
    const small = await chunkedUpload(server, 64 * 1024);
    expect(small.status).toBe(200);
    // Only the small upload is left in the host's upload folder.
    const folders = readdirSync(join(t.dir, 'tmp')).filter((d) =>
      d.startsWith('rankwise-uploads-'),
    );
    const files = folders.flatMap((d) => readdirSync(join(t.dir, 'tmp', d)));
    expect(files).toEqual([(JSON.parse(small.body) as { value: Upload }).value.uploadId]);
  });
});
