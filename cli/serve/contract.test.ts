import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client, type Transport } from '../../shared/api/client';
import type { EventName } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { createHttpTransport } from '../../shared/api/http-transport';
import type { Backend } from '../../db/backend';
import { importFile } from '../../db/import/import-file';
import { createInProcessTransport } from '../../db/in-process-transport';
import {
  item,
  newBackend,
  newProject,
  tempDir,
  writeJsonl,
} from '../../db/test-support/temp-project';
import { startHttpHost, type HttpHost } from './http-host';

interface Harness {
  client: Client;
  transport: Transport;
  backend: Backend;
  dir: string;
  host?: HttpHost;
  close(): Promise<void>;
}

async function setUp(kind: 'in-process' | 'http'): Promise<Harness> {
  const t = tempDir();
  const project = newProject(t.dir);
  await importFile(
    project.db,
    writeJsonl(join(t.dir, 'in.jsonl'), [item('a'), item('b'), item('c')]),
  );
  const backend = newBackend(project);
  if (kind === 'in-process') {
    const transport = createInProcessTransport(backend);
    return {
      client: createClient(transport),
      transport,
      backend,
      dir: t.dir,
      close: async () => (await backend.close(), t.cleanup()),
    };
  }
  const rendererDir = join(t.dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>test</title>');
  const host = await startHttpHost({ backend, rendererDir });
  const transport = createHttpTransport({
    baseUrl: host.url,
    token: host.token,
    fetch: (u, i) => fetch(u, i as RequestInit),
    reconnectMs: 50,
  });
  return {
    client: createClient(transport),
    transport,
    backend,
    dir: t.dir,
    host,
    close: async () => {
      await host.close();
      await backend.close();
      t.cleanup();
    },
  };
}

function nextEvent<T>(client: Client, name: EventName, match: (p: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    const off = client.on(name, (p) => {
      if (match(p as T)) {
        off();
        resolve(p as T);
      }
    });
  });
}

/** The same contract suite, over every transport: what passes here passes for the UI. */
describe.each(['in-process', 'http'] as const)('contract over the %s transport', (kind) => {
  let h: Harness;
  beforeAll(async () => (h = await setUp(kind)));
  afterAll(() => h.close());

  it('starts with no labeller, then identifies one that persists for the session', async () => {
    expect(await h.client.call('session.get', {})).toEqual({ labeller: null, host: 'in-process' });
    const ada = await h.client.call('session.identify', { name: '  Ada ' });
    expect(ada.name).toBe('Ada');
    expect((await h.client.call('session.get', {})).labeller).toEqual(ada);
  });

  it('serves the queue in order, records judgments, and undoes them', async () => {
    const { labeller } = await h.client.call('session.get', {});
    const labellerId = labeller!.id;
    const first = await h.client.call('items.next', { labellerId });
    expect(first?.id).toBe('a');
    expect(first?.responses.map((r) => r.model)).toEqual([null, null]);
    const prefetched = await h.client.call('items.next', { labellerId, exclude: ['a'] });
    expect(prefetched?.id).toBe('b');

    const saved = await h.client.call('judgments.submit', {
      labellerId,
      itemId: 'a',
      displayedOrder: first!.displayedOrder,
      verdict: { kind: 'pairwise', choice: 'A' },
      timeMs: 1200,
    });
    expect(saved.revision).toBe(1);
    expect(saved.progress).toEqual({ done: 1, total: 3 });
    expect((await h.client.call('items.next', { labellerId }))?.id).toBe('b');

    const view = await h.client.call('items.get', { labellerId, itemId: 'a' });
    expect(view.current).toMatchObject({
      kind: 'pairwise',
      verdict: { kind: 'pairwise', choice: 'A' },
    });

    expect(await h.client.call('judgments.undo', { labellerId })).toEqual({
      itemId: 'a',
      progress: { done: 0, total: 3 },
    });
    expect((await h.client.call('items.next', { labellerId }))?.id).toBe('a');
    expect(await h.client.call('judgments.undo', { labellerId })).toBeNull();
  });

  it('rejects bad input with INVALID_INPUT naming the field, and unknown methods', async () => {
    const { labeller } = await h.client.call('session.get', {});
    const err = await h.client
      .call('judgments.submit', {
        labellerId: labeller!.id,
        itemId: 'a',
        displayedOrder: [0, 1],
        verdict: { kind: 'pairwise', choice: 'C' as never },
        timeMs: 1,
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('INVALID_INPUT');
    expect((err as ApiError).message).toMatch(/choice/);

    const bad = await h.client
      .call('judgments.submit', {
        labellerId: labeller!.id,
        itemId: 'a',
        displayedOrder: [0, 0],
        verdict: { kind: 'pairwise', choice: 'A' },
        timeMs: 1,
      })
      .catch((e: unknown) => e as ApiError);
    expect((bad as ApiError).message).toMatch(/permutation/);

    expect(await h.transport.call('items.delete', {})).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_METHOD', message: 'unknown method "items.delete"' },
    });
    const missing = await h.client
      .call('items.get', { labellerId: labeller!.id, itemId: 'nope' })
      .catch((e: unknown) => e as ApiError);
    expect((missing as ApiError).code).toBe('NOT_FOUND');
  });

  it('runs an export as a job with progress and a finished event', async () => {
    const { labeller } = await h.client.call('session.get', {});
    const labellerId = labeller!.id;
    for (const id of ['a', 'b']) {
      const v = await h.client.call('items.get', { labellerId, itemId: id });
      await h.client.call('judgments.submit', {
        labellerId,
        itemId: id,
        displayedOrder: v.displayedOrder,
        verdict: { kind: 'pairwise', choice: 'B' },
        timeMs: 10,
      });
    }
    // Subscribe first; over HTTP, give the event stream a moment to connect before starting.
    const finished = nextEvent<{ jobId: string; status: string; result?: { rows: number } }>(
      h.client,
      'job.finished',
      () => true,
    );
    await new Promise((r) => setTimeout(r, kind === 'http' ? 200 : 0));
    const out = join(h.dir, 'export.jsonl');
    const { jobId } = await h.client.call('exports.start', { format: 'trl', out });
    const done = await finished;
    expect(done).toMatchObject({ jobId, status: 'succeeded', result: { rows: 2, path: out } });
    expect(await h.client.call('jobs.get', { jobId })).toMatchObject({ status: 'succeeded' });
  });

  it('previews an export: first rows, counts, and the rows every policy would give', async () => {
    const preview = await h.client.call('exports.preview', { format: 'trl-chat', limit: 1 });
    // Item a was judged "B" in the export test above: whatever this labeller saw second.
    const { labeller } = await h.client.call('session.get', {});
    const seen = await h.client.call('items.get', { labellerId: labeller!.id, itemId: 'a' });
    expect(preview.columns.map((c) => [c.name, c.type])).toEqual([
      ['prompt', 'list of {role, content}'],
      ['chosen', 'list of {role, content}'],
      ['rejected', 'list of {role, content}'],
    ]);
    expect(preview.sample).toEqual([
      {
        prompt: [{ role: 'user', content: 'prompt a' }],
        chosen: [{ role: 'assistant', content: seen.responses[1]!.content }],
        rejected: [{ role: 'assistant', content: seen.responses[0]!.content }],
      },
    ]);
    expect(preview).toMatchObject({ rows: 2, items: 2, judgments: 2 });
    expect(preview.policies.map((x) => [x.policy, x.rows])).toEqual([
      ['each', 2],
      ['majority', 2],
      ['unanimous', 2],
      ['adjudicated', 2],
      ['mean', 2],
    ]);
  });

  it('refuses impossible export options at once, not as a failed job', async () => {
    const refused = await h.client
      .call('exports.start', { format: 'hh', ties: 'keep' })
      .catch((e: unknown) => e as ApiError);
    expect(refused).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/hh rows need a winner/) as unknown,
    });
  });
});

describe('the HTTP host refuses what it must', () => {
  let h: Harness;
  beforeAll(async () => (h = await setUp('http')));
  afterAll(() => h.close());

  it('requires the token on every request: API, events and static files', async () => {
    const base = h.host!.url;
    expect((await fetch(`${base}/api/project.info`, { method: 'POST', body: '{}' })).status).toBe(
      401,
    );
    expect(
      (
        await fetch(`${base}/api/project.info`, {
          method: 'POST',
          body: '{}',
          headers: { authorization: 'Bearer wrong' },
        })
      ).status,
    ).toBe(401);
    expect((await fetch(`${base}/api/events`)).status).toBe(401);
    expect((await fetch(`${base}/`)).status).toBe(401);
    const ok = await fetch(`${base}/?token=${h.host!.token}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toContain("script-src 'self'");
    const cookie = ok.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly; SameSite=Strict/);
    expect(
      (await fetch(`${base}/index.html`, { headers: { cookie: cookie.split(';')[0]! } })).status,
    ).toBe(200);
  });

  it('refuses foreign Host headers (DNS rebinding) and cross-origin callers', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: h.host!.port,
          path: `/?token=${h.host!.token}`,
          headers: { host: 'evil.example:80' },
        },
        (res) => resolve(res.statusCode!),
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
    const cross = await fetch(`${h.host!.url}/api/project.info`, {
      method: 'POST',
      body: '{}',
      headers: { authorization: `Bearer ${h.host!.token}`, origin: 'http://evil.example' },
    });
    expect(cross.status).toBe(403);
    expect(cross.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves no path outside the renderer and lists no directories', async () => {
    const auth = { authorization: `Bearer ${h.host!.token}` };
    for (const p of ['/..%2Fin.jsonl', '/%2e%2e/in.jsonl', '/assets/', '/renderer/../in.jsonl']) {
      expect((await fetch(`${h.host!.url}${p}`, { headers: auth })).status).toBe(404);
    }
  });

  it('refuses bodies over the limit and non-JSON bodies', async () => {
    const auth = { authorization: `Bearer ${h.host!.token}` };
    const big = await fetch(`${h.host!.url}/api/project.info`, {
      method: 'POST',
      headers: auth,
      body: 'x'.repeat(17 * 1024 * 1024),
    });
    expect(big.status).toBe(413);
    const notJson = await fetch(`${h.host!.url}/api/project.info`, {
      method: 'POST',
      headers: auth,
      body: '{nope',
    });
    expect(notJson.status).toBe(400);
  });

  it('will not listen on a non-loopback address without allowRemote', async () => {
    await expect(
      startHttpHost({ backend: h.backend, rendererDir: null, bindAddress: '0.0.0.0' }),
    ).rejects.toThrow(/not a loopback address.*--allow-remote/);
  });
});

describe('the HTTP host serves exports for download', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await setUp('http');
    const ada = await h.client.call('session.identify', { name: 'Ada' });
    for (const itemId of ['a', 'b', 'c']) {
      const v = await h.client.call('items.get', { labellerId: ada.id, itemId });
      await h.client.call('judgments.submit', {
        labellerId: ada.id,
        itemId,
        displayedOrder: v.displayedOrder,
        verdict: { kind: 'pairwise', choice: 'A' },
        timeMs: 10,
      });
    }
  });
  afterAll(() => h.close());

  async function finishedExport(input: Parameters<Client['call']>[1]) {
    const { jobId } = await h.client.call('exports.start', input as never);
    for (;;) {
      const s = await h.client.call('jobs.get', { jobId });
      if (s.status !== 'running') {
        expect(s.status).toBe('succeeded');
        return jobId;
      }
      await new Promise((r) => setImmediate(r));
    }
  }

  it('a dataset folder downloads as one zip that unzip reads, structure and bytes intact', async () => {
    const jobId = await finishedExport({ format: 'trl', container: 'folder' });
    const res = await fetch(`${h.host!.url}/download/${jobId}`, {
      headers: { authorization: `Bearer ${h.host!.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const zip = join(h.dir, 'download.zip');
    writeFileSync(zip, Buffer.from(await res.arrayBuffer()));
    const { spawnSync } = await import('node:child_process');
    // unzip is the independent reader: -t checks every CRC, -Z1 lists the names.
    expect(spawnSync('unzip', ['-t', zip], { encoding: 'utf8' }).status).toBe(0);
    const names = spawnSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).stdout.trim().split('\n');
    const root = names[0]!.split('/')[0]!;
    expect(root).toMatch(/-trl-/);
    expect(names).toEqual([`${root}/README.md`, `${root}/data/train-00000-of-00001.parquet`]);
    const card = spawnSync('unzip', ['-p', zip, `${root}/README.md`], { encoding: 'utf8' }).stdout;
    expect(card).toContain('## Export policy');
  });

  it('a split into two files downloads as a zip of both', async () => {
    const jobId = await finishedExport({ format: 'trl', split: { test: 0.5, seed: 1 } });
    const res = await fetch(`${h.host!.url}/download/${jobId}`, {
      headers: { authorization: `Bearer ${h.host!.token}` },
    });
    const zip = join(h.dir, 'split.zip');
    writeFileSync(zip, Buffer.from(await res.arrayBuffer()));
    const { spawnSync } = await import('node:child_process');
    const names = spawnSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).stdout.trim().split('\n');
    expect(names.map((n) => n.replace(/^.*-(train|test)\.jsonl$/, '$1'))).toEqual([
      'train',
      'test',
    ]);
  });
});
