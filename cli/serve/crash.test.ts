import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterCrash } from '../../db/test-support/after-crash';
import { populatedProject } from '../../db/test-support/populated';
import { tempDir } from '../../db/test-support/temp-project';
import { BIN, REPO } from '../test-support/full-disk';

/**
 * "Acknowledged means on disk", proven the hard way: the real `rankwise serve` takes a
 * judgment every 50 ms over HTTP and is killed with SIGKILL at a random moment (mid-commit
 * as likely as not), several times over. After every kill, each judgment the server had
 * acknowledged is in the file and SQLite's integrity_check is ok; the app then opens the
 * file again and carries on. The randomness is seeded (RANKWISE_CRASH_SEED to replay a run).
 */
const SEED = Number(process.env['RANKWISE_CRASH_SEED'] ?? Date.now() % 1_000_000);
const ROUNDS = 6;
const PACE_MS = 50;
const LABELLER = { name: 'Crash', id: '0190a000-0000-7000-8000-000000000001' };
const ITEMS = 40;

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Server {
  child: ChildProcess;
  url: string;
  token: string;
  exited: Promise<void>;
}

async function startServer(project: string, configDir: string, args?: string[]): Promise<Server> {
  const child = spawn(
    process.execPath,
    args ?? [BIN, 'serve', project, '--labeller', LABELLER.name, '--labeller-id', LABELLER.id],
    {
      env: {
        ...process.env,
        RANKWISE_CONFIG_DIR: configDir,
        NODE_PATH: join(REPO, 'node_modules'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const line = await new Promise<string>((ok, fail) => {
    createInterface({ input: child.stdout }).once('line', ok);
    void exited.then(() => fail(new Error(`rankwise serve exited: ${stderr}`)));
  });
  const u = new URL(line);
  return { child, url: u.origin, token: u.searchParams.get('token')!, exited };
}

async function submit(server: Server, itemId: string): Promise<string | null> {
  const res = await fetch(`${server.url}/api/judgments.submit`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      labellerId: LABELLER.id,
      itemId,
      displayedOrder: [0, 1],
      verdict: { kind: 'pairwise', choice: 'A' },
      timeMs: 1,
    }),
  });
  const body = (await res.json()) as {
    ok: boolean;
    value?: { judgmentId: string };
    error?: { message: string };
  };
  // A refusal is a broken test, not a crash: say so instead of waiting for acknowledgements.
  if (!body.ok) throw new Refused(body.error?.message ?? 'refused');
  return body.value!.judgmentId;
}

class Refused extends Error {}

/**
 * Submit every PACE_MS without waiting for earlier answers (as a fast labeller would), and
 * SIGKILL the server `delayMs` after the `killAfter`-th acknowledgement. Returns the ids the
 * server acknowledged before it died; answers cut off by the kill acknowledge nothing.
 */
async function runUntilKilled(
  server: Server,
  killAfter: number,
  delayMs: number,
  next: () => string,
) {
  const acked: { id: string; itemId: string }[] = [];
  const refused: string[] = [];
  const inFlight = new Set<Promise<void>>();
  await new Promise<void>((done) => {
    let killing = false;
    const timer = setInterval(() => {
      if (killing) return;
      if (refused.length) {
        killing = true;
        clearInterval(timer);
        server.child.kill('SIGKILL');
        done();
        return;
      }
      const itemId = next();
      const p = submit(server, itemId).then(
        (id) => {
          if (id && server.child.exitCode === null && server.child.signalCode === null)
            acked.push({ id, itemId });
          if (!killing && acked.length >= killAfter) {
            killing = true;
            clearInterval(timer);
            setTimeout(() => {
              server.child.kill('SIGKILL');
              done();
            }, delayMs);
          }
        },
        (e: unknown) => {
          // Cut off by the kill: never acknowledged. Anything else is a refusal to report.
          if (e instanceof Refused) refused.push(e.message);
        },
      );
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }, PACE_MS);
  });
  await server.exited;
  await Promise.all(inFlight);
  if (refused.length) throw new Error(`the server refused judgments: ${refused[0]}`);
  return acked;
}

/**
 * A server that acknowledges first and commits 200 ms later: what the check must catch.
 * Same protocol as `rankwise serve` (URL with token on the first line, POST /api/...).
 */
const ACK_BEFORE_COMMIT = `
  const Database = require('better-sqlite3');
  const http = require('node:http');
  const db = new Database(process.argv[1]);
  db.exec('CREATE TABLE IF NOT EXISTS judgments (id TEXT PRIMARY KEY, item_id TEXT)');
  let n = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const id = process.pid + '-' + n++;
      const { itemId } = JSON.parse(body);
      res.end(JSON.stringify({ ok: true, value: { judgmentId: id } }));
      setTimeout(() => db.prepare('INSERT INTO judgments VALUES (?, ?)').run(id, itemId), 200);
    });
  });
  server.listen(0, '127.0.0.1', () =>
    console.log('http://127.0.0.1:' + server.address().port + '/?token=t'));
`;

describe('crash safety of rankwise serve', () => {
  let t: ReturnType<typeof tempDir>;
  let project: string;
  beforeAll(async () => {
    if (!existsSync(join(REPO, 'dist', 'cli', 'rankwise.mjs')))
      throw new Error('run `npm run build` first: this test runs the built CLI');
    t = tempDir('rankwise-crash-');
    ({ path: project } = await populatedProject(t.dir, { items: ITEMS, judged: 0 }));
  });
  afterAll(() => t?.cleanup());

  it(`keeps every acknowledged judgment through ${ROUNDS} SIGKILLs (seed ${SEED})`, async () => {
    const rng = mulberry32(SEED);
    let n = 0;
    const nextItem = () => `i${n++ % ITEMS}`;
    const allAcked: { id: string; itemId: string }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const server = await startServer(project, join(t.dir, 'config'));
      const killAfter = 2 + Math.floor(rng() * 14);
      const delayMs = Math.floor(rng() * PACE_MS);
      const acked = await runUntilKilled(server, killAfter, delayMs, nextItem);
      expect(acked.length, `round ${round}`).toBeGreaterThanOrEqual(killAfter);
      allAcked.push(...acked);

      const found = afterCrash(project, allAcked);
      expect(found.integrity, `round ${round}`).toBe('ok');
      expect(found.foreignKeys, `round ${round}`).toEqual([]);
      expect(found.missing, `round ${round}: acknowledged but not on disk`).toEqual([]);
    }
    // And the app itself opens it again (quick_check included) and reports the same work.
    const server = await startServer(project, join(t.dir, 'config'));
    try {
      const res = await fetch(`${server.url}/api/progress.get`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.token}` },
        body: JSON.stringify({ labellerId: LABELLER.id }),
      });
      const progress = (await res.json()) as { ok: boolean; value: { done: number } };
      expect(progress.ok).toBe(true);
      expect(progress.value.done).toBeGreaterThanOrEqual(
        new Set(allAcked.map((a) => a.itemId)).size,
      );
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 90_000);

  it('the same check finds the loss when a server acknowledges before it commits', async () => {
    const path = join(t.dir, 'ack-first.db');
    let n = 0;
    const server = await startServer(path, t.dir, ['-e', ACK_BEFORE_COMMIT, path]);
    const acked = await runUntilKilled(server, 5, 0, () => `i${n++}`);
    expect(afterCrash(path, acked).missing.length).toBeGreaterThan(0);
  });
});
