import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { populatedProject } from '../../db/test-support/populated';
import { item, tempDir, writeJsonl } from '../../db/test-support/temp-project';
import { BIN, REPO } from '../test-support/full-disk';
import { writeZip } from './zip';

/**
 * Wrong files, chosen by mistake, through the real `rankwise serve`: each is uploaded and
 * previewed (and imported, where a preview lets it get that far) over HTTP, and after each
 * the host must still answer and a judgment must still save. Uploads cancelled mid-stream and
 * preview requests aborted mid-flight too. Then the same files through `rankwise import`:
 * a non-zero exit and one line naming the problem, never a stack trace.
 */
const LABELLER = { name: 'Chaos', id: '0190a000-0000-7000-8000-0000000000c4' };

/** A deterministic byte soup that starts like no known format (no BOM, no signature). */
function noise(size: number, seed = 7): Buffer {
  const b = Buffer.alloc(size);
  let x = seed >>> 0;
  for (let i = 0; i < size; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    b[i] = x >>> 24;
  }
  b[0] = 0x42;
  b[1] = 0x17;
  return b;
}

async function zipped(files: Array<{ name: string; path: string }>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeZip(out, files);
  out.end();
  return Buffer.concat(chunks);
}

interface Host {
  child: ChildProcess;
  origin: string;
  token: string;
  stderr: () => string;
}

describe('the browser host survives wrong files', () => {
  let t: ReturnType<typeof tempDir>;
  let host: Host;
  const tmp = () => join(t.dir, 'tmp');
  const files: Record<string, Buffer> = {};

  beforeAll(async () => {
    t = tempDir();
    mkdirSync(tmp());
    const { path } = await populatedProject(t.dir, { items: 60, judged: 0 });
    const png = readFileSync(join(REPO, 'build', 'icon.png'));
    const good = writeJsonl(join(t.dir, 'good.jsonl'), [item('z1'), item('z2')]);
    Object.assign(files, {
      'README.md': readFileSync(join(REPO, 'README.md')),
      // Text under a name that says nothing: read as CSV, whose parser stops on line 1.
      'notes.dat': Buffer.from('Meeting "notes": bring the data\nand the plan\n'),
      'icon.png': png,
      'dataset.zip': await zipped([{ name: 'good.jsonl', path: good }]),
      'icon.png.gz': gzipSync(png),
      'empty.jsonl': Buffer.alloc(0),
      'random.bin': noise(10 * 2 ** 20),
      // A dataset saved as UTF-16 without a byte-order mark: recognised and converted.
      'utf16.jsonl': Buffer.from(readFileSync(good, 'utf8'), 'utf16le'),
      'one-line.jsonl': Buffer.alloc(20 * 2 ** 20, 0x61),
    });
    const child = spawn(
      process.execPath,
      [BIN, 'serve', path, '--labeller', LABELLER.name, '--labeller-id', LABELLER.id],
      {
        // Uploads land in this test's own temp folder, so one can be deleted under the host.
        env: { ...process.env, TMPDIR: tmp(), RANKWISE_CONFIG_DIR: join(t.dir, 'config') },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const line = await new Promise<string>((ok, fail) => {
      createInterface({ input: child.stdout }).once('line', ok);
      child.once('exit', (code) => fail(new Error(`rankwise serve exited ${code}: ${stderr}`)));
    });
    const u = new URL(line);
    host = { child, origin: u.origin, token: u.searchParams.get('token')!, stderr: () => stderr };
  });

  afterAll(async () => {
    if (host?.child.exitCode === null) {
      const exited = new Promise((r) => host.child.once('exit', r));
      host.child.kill('SIGTERM');
      await exited;
    }
    t.cleanup();
  });

  const auth = () => ({ authorization: `Bearer ${host.token}` });

  async function call<T = unknown>(method: string, input: unknown = {}) {
    const res = await fetch(`${host.origin}/api/${method}`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    return (await res.json()) as
      { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
  }

  async function upload(name: string, body: Buffer): Promise<string> {
    const res = await fetch(`${host.origin}/upload?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/octet-stream' },
      body,
    });
    const r = (await res.json()) as { ok: boolean; value: { uploadId: string } };
    expect(r.ok).toBe(true);
    return r.value.uploadId;
  }

  /** The host is up: it answers, and a labeller's judgment is saved. */
  async function stillServing(): Promise<void> {
    expect(host.child.exitCode).toBeNull();
    const info = await call<{ counts: { judgments: number } }>('project.info');
    expect(info.ok).toBe(true);
    const next = await call<{ id: string; displayedOrder: number[] }>('items.next', {
      labellerId: LABELLER.id,
    });
    if (!next.ok) throw new Error(next.error.message);
    const saved = await call('judgments.submit', {
      labellerId: LABELLER.id,
      itemId: next.value.id,
      displayedOrder: next.value.displayedOrder,
      verdict: { kind: 'pairwise', choice: 'A' },
      timeMs: 1,
    });
    expect(saved.ok).toBe(true);
    expect(host.stderr()).not.toMatch(/escaped|Premature close|\n\s+at /);
  }

  it.each([
    ['README.md', /^README\.md: this is not a dataset: it is a Markdown document\./],
    ['notes.dat', /^notes\.dat:1: invalid CSV: Invalid Opening Quote/],
    ['icon.png', /^icon\.png: this is not a dataset: it is a PNG image\./],
    ['dataset.zip', /^dataset\.zip: this is not a dataset: it is a ZIP archive\./],
    ['icon.png.gz', /^icon\.png\.gz: this is not a dataset: it is a gzip file holding a PNG image/],
    ['empty.jsonl', /^empty\.jsonl: this is not a dataset: the file is empty$/],
    ['random.bin', /^random\.bin: this is not a dataset: it is binary data, not text\./],
  ])(
    '%s: the preview and the import say what is wrong, and the host serves on',
    async (name, why) => {
      const uploadId = await upload(name, files[name]!);
      const preview = await call('imports.preview', { source: { uploadId } });
      expect(preview.ok).toBe(false);
      if (!preview.ok) expect(preview.error.message).toMatch(why);
      await stillServing();
      const started = await call<{ jobId: string }>('imports.start', { source: { uploadId } });
      expect(started.ok).toBe(true);
      if (!started.ok) return;
      let status: { status: string; error?: { message: string } };
      do {
        await new Promise((r) => setTimeout(r, 50));
        const s = await call<typeof status>('jobs.get', { jobId: started.value.jobId });
        if (!s.ok) throw new Error(s.error.message);
        status = s.value;
      } while (status.status === 'running');
      expect(status.status).toBe('failed');
      expect(status.error?.message).toMatch(why);
      await stillServing();
    },
  );

  it('a UTF-16 dataset without a byte-order mark is recognised and previewed', async () => {
    const uploadId = await upload('utf16.jsonl', files['utf16.jsonl']!);
    const preview = await call<{ encoding: string; items: unknown[] }>('imports.preview', {
      source: { uploadId },
    });
    expect(preview).toMatchObject({ ok: true, value: { encoding: 'utf-16le' } });
    if (preview.ok) expect(preview.value.items).toHaveLength(2);
    await stillServing();
  });

  it('a single 20 MB line is one bad record, named by its line', async () => {
    const uploadId = await upload('one-line.jsonl', files['one-line.jsonl']!);
    const preview = await call<{
      blocker: string | null;
      problems: Array<{ line: number; reason: string }>;
    }>('imports.preview', { source: { uploadId } });
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value.problems).toEqual([
      { line: 1, reason: expect.stringMatching(/^invalid JSON: unexpected "a"/) as string },
    ]);
    expect(preview.value.blocker).toMatch(/cannot tell what shape the records have/);
    await stillServing();
  });

  it('a file deleted between upload and preview is reported as gone', async () => {
    const uploadId = await upload('good.jsonl', readFileSync(join(t.dir, 'good.jsonl')));
    const dir = readdirSync(tmp()).find((d) => d.startsWith('rankwise-uploads-'))!;
    rmSync(join(tmp(), dir, uploadId));
    const preview = await call('imports.preview', { source: { uploadId } });
    expect(preview).toMatchObject({
      ok: false,
      error: {
        code: 'NOT_FOUND',
        message:
          'good.jsonl is no longer on the host (its temporary copy was removed): choose the file again',
      },
    });
    await stillServing();
  });

  it('an upload cancelled mid-stream leaves no file behind', async () => {
    const before = readdirSync(tmp()).flatMap((d) =>
      d.startsWith('rankwise-uploads-') ? readdirSync(join(tmp(), d)) : [],
    );
    await new Promise<void>((done) => {
      const req = request(`${host.origin}/upload?name=big.jsonl`, {
        method: 'POST',
        headers: { ...auth(), 'transfer-encoding': 'chunked' },
      });
      req.on('error', () => done());
      req.write(Buffer.alloc(2 ** 20, 0x7b));
      setTimeout(() => req.destroy(), 100);
    });
    await stillServing();
    const after = readdirSync(tmp()).flatMap((d) =>
      d.startsWith('rankwise-uploads-') ? readdirSync(join(tmp(), d)) : [],
    );
    expect(after).toEqual(before);
  });

  it('a preview request aborted mid-flight', async () => {
    const uploadId = await upload('random.bin', files['random.bin']!);
    const big = await upload('one-line.jsonl', files['one-line.jsonl']!);
    for (const id of [uploadId, big])
      await new Promise<void>((done) => {
        const req = request(`${host.origin}/api/imports.preview`, {
          method: 'POST',
          headers: { ...auth(), 'content-type': 'application/json' },
        });
        req.on('error', () => done());
        req.end(JSON.stringify({ source: { uploadId: id } }));
        setTimeout(() => {
          req.destroy();
          done();
        }, 5);
      });
    await stillServing();
  });

  it('rankwise import refuses each wrong file with one line and a non-zero exit', () => {
    for (const [name, bytes] of Object.entries(files)) {
      if (name === 'utf16.jsonl') continue;
      const path = join(t.dir, 'cli', name);
      mkdirSync(join(t.dir, 'cli'), { recursive: true });
      writeFileSync(path, bytes);
      const r = spawnSync(
        process.execPath,
        [BIN, 'import', path, '--into', join(t.dir, 'cli', 'p.rankwise')],
        { encoding: 'utf8' },
      );
      expect(r.status, name).toBe(1);
      const lines = r.stderr.trim().split('\n');
      expect(lines, name).toHaveLength(1);
      expect(lines[0], name).toMatch(
        new RegExp(`^rankwise import: ${name.replace(/\./g, '\\.')}(:1)?: `),
      );
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
