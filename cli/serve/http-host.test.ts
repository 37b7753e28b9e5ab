import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { populatedProject } from '../../db/test-support/populated';
import { tempDir } from '../../db/test-support/temp-project';
import { leafPagesOf, smashPages } from '../../db/test-support/damage';
import { memoryIdentityStore } from '../../db/identity-file';
import { ProjectHost } from '../../db/project-host';
import type { Io } from '../io';
import { main } from '../main';
import { startHttpHost, type HttpHost } from './http-host';

/** Raw requests, for what fetch will not send (malformed paths, lying Content-Length). */
function raw(
  host: HttpHost,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        path,
        method: init.method ?? 'GET',
        headers: init.headers,
      },
      (res) => {
        res.resume();
        resolve({ status: res.statusCode!, headers: res.headers });
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('the HTTP host, beyond the contract suite', () => {
  let t: ReturnType<typeof tempDir>;
  let project: ProjectHost;
  let host: HttpHost;
  beforeAll(async () => {
    t = tempDir();
    const { path } = await populatedProject(t.dir, { items: 3, judged: 0 });
    project = new ProjectHost({ path, host: 'browser', identity: memoryIdentityStore() });
    const rendererDir = join(t.dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
    host = await startHttpHost({ backend: project, rendererDir, maxBodyBytes: 1024 });
  });
  afterAll(async () => {
    await host.close();
    await project.close();
    t.cleanup();
  });

  it('answers a malformed path with 400, not a crash', async () => {
    expect((await raw(host, `/%E0%A4%A?token=${host.token}`)).status).toBe(400);
  });

  it('refuses a declared oversize body before reading it', async () => {
    const r = await raw(host, '/api/project.info', {
      method: 'POST',
      headers: { authorization: `Bearer ${host.token}`, 'content-length': '999999' },
      body: '{}',
    });
    expect(r.status).toBe(413);
  });

  it('gives a CORS preflight nothing to go on', async () => {
    const r = await raw(host, '/api/project.info', {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('rankwise serve on a project that cannot be opened', () => {
  let t: ReturnType<typeof tempDir>;
  beforeAll(() => (t = tempDir()));
  afterAll(() => t.cleanup());

  /** Stops serving as soon as the URL is out, or when `until` holds for a line on stderr. */
  function io(abort: AbortController, until?: RegExp) {
    const out: string[] = [];
    const err: string[] = [];
    const value: Io = {
      out: (l) => {
        out.push(l);
        if (!until) abort.abort();
      },
      err: (l) => {
        err.push(l);
        if (until?.test(l)) abort.abort();
      },
      progress: () => undefined,
      signal: abort.signal,
      rendererDir: join(t.dir, 'renderer'),
    };
    return { io: value, out, err };
  }

  it('a damaged project: serves the recovery page and says what it offers', async () => {
    mkdirSync(join(t.dir, 'renderer'), { recursive: true });
    writeFileSync(join(t.dir, 'renderer', 'index.html'), '<!doctype html>');
    const { path } = await populatedProject(t.dir, { items: 300, judged: 1, name: 'd.rankwise' });
    smashPages(path, leafPagesOf(path, 'responses').slice(1, 2));
    // Served at once (the URL first); the check in the background finds the damage and says so.
    const run = io(new AbortController(), /is damaged/);
    expect(await main(['serve', path], run.io)).toBe(0);
    expect(run.out[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    expect(run.err.join('\n')).toMatch(
      /d\.rankwise is damaged[\s\S]*The page offers: Export what is readable, Open read-only\./,
    );
  });

  it('a missing project, or one from a newer version: nothing to offer, so it exits with the reason', async () => {
    const run = io(new AbortController());
    expect(await main(['serve', join(t.dir, 'nope.rankwise')], run.io)).toBe(1);
    expect(run.err.join('\n')).toMatch(/nope\.rankwise: no such project file/);
    expect(run.out).toEqual([]);
  });
});

describe('rankwise backups', () => {
  let t: ReturnType<typeof tempDir>;
  beforeAll(() => (t = tempDir()));
  afterAll(() => t.cleanup());
  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['backups', ...args], {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      progress: () => undefined,
      signal: new AbortController().signal,
      rendererDir: null,
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('creates, lists and restores, also over a damaged project', async () => {
    const { path } = await populatedProject(t.dir, { items: 300, judged: 2 });
    expect((await run([path])).out).toMatch(/no backups yet/);
    const created = await run([path, 'create', '--json']);
    expect(created.code).toBe(0);
    const { name } = JSON.parse(created.out) as { name: string };
    expect((await run([path, 'list'])).out).toMatch(
      new RegExp(`${name.replace(/\./g, '\\.')}.*manual.*300 items, 2 judgments`),
    );
    smashPages(path, leafPagesOf(path, 'items').slice(1, 2));
    const restored = await run([path, 'restore', name]);
    expect(restored.err).toBe('');
    expect(restored.out).toMatch(/damaged file was moved, unchanged, to .*\.damaged\.rankwise/);
    expect((await run([path, 'list'])).code).toBe(0);
  });
});
