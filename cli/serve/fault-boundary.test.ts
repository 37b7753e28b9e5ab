import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForNode } from '../../db/test-support/bundle';

/**
 * The guarantee behind every host: an error that escapes a request or a job (here, forced: a
 * stream's 'error' with no listener, a timer that throws) is logged with the work it belongs
 * to and answered as that work's failure, and the process serves on. Real HTTP, in a process
 * of its own, since what is tested is whether that process survives.
 */
const REPO = resolve(import.meta.dirname, '..', '..');
const DIR = join(REPO, '.tmp', `leaky-host-${process.pid}`);

describe('fault boundaries', () => {
  let child: ChildProcess;
  const lines: string[] = [];
  const waiting: Array<(line: string) => void> = [];
  let origin: string;
  let token: string;
  let stderr = '';
  /** stdout lines in order; several may come in one chunk. */
  const nextLine = () =>
    new Promise<string>((ok) => {
      const line = lines.shift();
      if (line !== undefined) ok(line);
      else waiting.push(ok);
    });

  beforeAll(async () => {
    const host = await bundleForNode(
      join(import.meta.dirname, 'test-support', 'leaky-host.ts'),
      DIR,
    );
    child = spawn(process.execPath, [host], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const waiter = waiting.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    });
    [origin, token] = (await nextLine()).split(' ') as [string, string];
  }, 60_000);

  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(DIR, { recursive: true, force: true });
  });

  const call = (method: string, input: unknown = {}) =>
    fetch(`${origin}/api/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });

  it('a request whose stream errors unheard is answered 500 and logged by name; the next is served', async () => {
    const failed = await call('project.info');
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({
      ok: false,
      error: {
        code: 'INTERNAL',
        message: expect.stringMatching(
          /^internal error: ENOENT: no such file or directory/,
        ) as string,
      },
    });
    expect(stderr).toMatch(
      /^rankwise: an error escaped POST \/api\/project\.info and was contained: Error: ENOENT/m,
    );
    const ok = await call('project.info');
    expect(await ok.json()).toMatchObject({ ok: true, value: { projectId: 'leaky' } });
    expect(child.exitCode).toBeNull();
  });

  it('a job that throws from a timer fails that job alone; the next job finishes', async () => {
    await call('jobs.cancel', { jobId: '0190a000-0000-7000-8000-000000000000' });
    const finished = [JSON.parse(await nextLine()), JSON.parse(await nextLine())] as Array<{
      kind: string;
      status: string;
      error?: { message: string };
    }>;
    expect(finished).toEqual(
      expect.arrayContaining([
        {
          jobId: expect.any(String) as string,
          kind: 'agreement',
          status: 'failed',
          error: { code: 'INTERNAL', message: 'thrown from a timer inside a job' },
        },
        {
          jobId: expect.any(String) as string,
          kind: 'leaderboard',
          status: 'succeeded',
          result: { computedAt: 1, models: 0 },
        },
      ]),
    );
    expect(stderr).toMatch(/an error escaped job \S+ \(agreement\) and was contained/);
    expect(child.exitCode).toBeNull();
  });
});
