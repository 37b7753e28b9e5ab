import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { importFile } from '../../../db/import/import-file';
import { openProject } from '../../../db/open';
import { commandLineActor } from '../../../db/team-host/audit';
import { setOverlap } from '../../../db/team-host/leases';
import { invitePerson } from '../../../db/team-host/people';
import { BIN, REPO } from '../../test-support/full-disk';

/**
 * Many labellers at once on a real `rankwise serve --team` (a child process), over real HTTP
 * connections: what the load test, the crash test and `npm run bench` share.
 */

export interface LoadLabeller {
  id: string;
  name: string;
  token: string;
}

/** A project of `items` items with `people` labellers invited and the overlap set. */
export async function loadProject(
  dir: string,
  { items, people, overlap }: { items: number; people: number; overlap: number },
): Promise<{ path: string; labellers: LoadLabeller[] }> {
  const path = join(dir, 'team-load.rankwise');
  const project = openProject(path, { create: true });
  try {
    const source = join(dir, 'items.jsonl');
    const out = createWriteStream(source);
    for (let i = 0; i < items; i++) {
      const line = `${JSON.stringify({ id: `i${i}`, prompt: `Question ${i}: which answer is better?`, responses: [`First answer to ${i}.`, `Second answer to ${i}, longer.`] })}\n`;
      if (!out.write(line)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'close');
    await importFile(project.db, source);
    setOverlap(project.db, overlap);
    const labellers: LoadLabeller[] = [];
    for (let i = 0; i < people; i++) {
      const { invitation } = invitePerson(
        project.db,
        { name: `Labeller ${String(i).padStart(2, '0')}`, role: 'labeller' },
        commandLineActor(),
      );
      labellers.push({ ...invitation.labeller, token: invitation.token });
    }
    return { path, labellers };
  } finally {
    project.close();
  }
}

export interface TeamServer {
  child: ChildProcess;
  url: string;
  leadToken: string;
  exited: Promise<void>;
  stderr: () => string;
  /** Peak resident set size of the host process so far (VmHWM), in MB. */
  peakRssMB(): number;
  /** Resident set size now (VmRSS), in MB. */
  rssMB(): number;
}

/** `rankwise serve <path> --team` from the built CLI; resolves when it prints its URL. */
export async function startTeamServer(path: string, args: string[] = []): Promise<TeamServer> {
  const child = spawn(process.execPath, [BIN, 'serve', path, '--team', ...args], {
    env: {
      ...process.env,
      RANKWISE_CONFIG_DIR: join(path, '..', 'config'),
      NODE_PATH: join(REPO, 'node_modules'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const line = await new Promise<string>((ok, fail) => {
    createInterface({ input: child.stdout }).once('line', ok);
    void exited.then(() => fail(new Error(`rankwise serve --team exited: ${stderr}`)));
  });
  const u = new URL(line);
  const status = (field: string) => {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
      readFileSync(`/proc/${child.pid}/status`, 'utf8'),
    );
    return m ? Number(m[1]) / 1024 : NaN;
  };
  return {
    child,
    url: u.origin,
    leadToken: u.searchParams.get('token')!,
    exited,
    stderr: () => stderr,
    peakRssMB: () => status('VmHWM'),
    rssMB: () => status('VmRSS'),
  };
}

/** One API call, on `agent`'s connection when given (a labeller's browser keeps one open). */
export function call(
  url: string,
  token: string,
  method: string,
  input: unknown,
  agent?: Agent,
): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  const body = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/api/${method}`,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve(
              JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
                ok: boolean;
                value?: unknown;
                error?: { code: string; message: string };
              },
            );
          } catch (e) {
            reject(e instanceof Error ? e : new Error(String(e)));
          }
        });
        res.on('error', reject);
        // Cut off after the headers (the host killed): never left waiting.
        res.on('close', () => {
          if (!res.complete) reject(new Error('the answer was cut off'));
        });
      },
    );
    req.on('error', reject);
    // A host that stopped answering (killed, not yet noticed by the socket) fails the call.
    req.setTimeout(20_000, () => req.destroy(new Error('no answer in 20 s')));
    req.end(body);
  });
}

export interface LoadResult {
  /** Per labeller: the judgments the host acknowledged (ids and items). */
  acked: Map<string, Array<{ judgmentId: string; itemId: string }>>;
  nextMs: number[];
  submitMs: number[];
  /** Calls refused or failed, with why (none expected). */
  failures: string[];
  /** Labellers who found their queue empty. */
  emptied: number;
  elapsedMs: number;
}

/**
 * Each labeller, on its own connection, asks for its next item and submits a judgment for it,
 * one cycle every `paceMs` (started at a random offset, so they do not move in step), until
 * `durationMs` or `stop` says. A call cut off (the host killed) acknowledges nothing.
 */
export async function runLoad(
  url: string,
  labellers: LoadLabeller[],
  { durationMs, paceMs, stop }: { durationMs: number; paceMs: number; stop?: () => boolean },
): Promise<LoadResult> {
  const acked = new Map(
    labellers.map((l) => [l.id, [] as Array<{ judgmentId: string; itemId: string }>]),
  );
  const nextMs: number[] = [];
  const submitMs: number[] = [];
  const failures: string[] = [];
  let emptied = 0;
  const t0 = performance.now();
  const end = t0 + durationMs;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  await Promise.all(
    labellers.map(async (l) => {
      // Each labeller on a keep-alive connection of its own, as a browser tab would be.
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        await sleep(Math.random() * paceMs);
        await cycles(l, agent);
      } finally {
        agent.destroy();
      }
    }),
  );
  async function cycles(l: LoadLabeller, agent: Agent): Promise<void> {
    while (performance.now() < end && !stop?.()) {
      const cycle = performance.now();
      try {
        const a = performance.now();
        const next = await call(url, l.token, 'items.next', { labellerId: l.id }, agent);
        nextMs.push(performance.now() - a);
        if (!next.ok) {
          failures.push(`items.next: ${next.error?.message}`);
          return;
        }
        const view = next.value as { id: string; displayedOrder: number[] } | null;
        if (!view) {
          emptied++;
          return;
        }
        const b = performance.now();
        const saved = await call(
          url,
          l.token,
          'judgments.submit',
          {
            labellerId: l.id,
            itemId: view.id,
            displayedOrder: view.displayedOrder,
            verdict: { kind: 'pairwise', choice: Math.random() < 0.5 ? 'A' : 'B' },
            timeMs: 1000 + Math.floor(Math.random() * 4000),
          },
          agent,
        );
        submitMs.push(performance.now() - b);
        if (!saved.ok) failures.push(`judgments.submit: ${saved.error?.message}`);
        else
          acked.get(l.id)!.push({
            judgmentId: (saved.value as { judgmentId: string }).judgmentId,
            itemId: view.id,
          });
      } catch {
        // Cut off (the host went away): nothing acknowledged; stop this labeller.
        return;
      }
      const wait = paceMs - (performance.now() - cycle);
      if (wait > 0) await sleep(wait);
    }
  }
  return { acked, nextMs, submitMs, failures, emptied, elapsedMs: performance.now() - t0 };
}

/**
 * What must hold after a run, read from the file: every acknowledged judgment is there under
 * its labeller and item, each labeller has exactly the judgments acknowledged to them (none
 * lost, none made twice), no item has more than `overlap` people's verdicts, the derived
 * tables agree with a recount, and SQLite finds the file sound.
 */
export function verifyAfterLoad(
  path: string,
  acked: LoadResult['acked'],
  overlap: number,
  { exact = true }: { exact?: boolean } = {},
): {
  integrity: string;
  missing: number;
  countMismatch: string[];
  duplicates: number;
  overFull: number;
  derivedOff: number;
} {
  // Opened for writing, as the app would after a crash (SQLite recovers the WAL); the checks
  // below read, and integrity_check reads every page.
  const project = openProject(path, { quickCheck: false });
  try {
    const db = project.db;
    const find = db.prepare('SELECT item_id, labeller_id FROM judgments WHERE id = ?');
    let missing = 0;
    const countMismatch: string[] = [];
    for (const [labellerId, list] of acked) {
      for (const a of list) {
        const row = find.get(a.judgmentId) as { item_id: string; labeller_id: string } | undefined;
        if (!row || row.item_id !== a.itemId || row.labeller_id !== labellerId) missing++;
      }
      const n = db
        .prepare('SELECT count(*) FROM judgments WHERE labeller_id = ?')
        .pluck()
        .get(labellerId) as number;
      // After a crash a judgment may be in the file though its answer never left: more, never fewer.
      if (exact ? n !== list.length : n < list.length)
        countMismatch.push(`${labellerId}: ${n} in the file, ${list.length} acknowledged`);
    }
    const duplicates = db
      .prepare(
        'SELECT count(*) FROM (SELECT 1 FROM judgments GROUP BY labeller_id, item_id HAVING count(*) > 1)',
      )
      .pluck()
      .get() as number;
    const overFull = db
      .prepare(
        `SELECT count(*) FROM (SELECT item_id FROM judgment_heads WHERE kind IN ('pairwise', 'ranking', 'rating')
           GROUP BY item_id HAVING count(*) > ?)`,
      )
      .pluck()
      .get(overlap) as number;
    const derivedOff = db
      .prepare(
        `SELECT count(*) FROM items i LEFT JOIN item_load l ON l.item_seq = i.seq
          WHERE coalesce(l.judged, 0) <> (SELECT count(*) FROM judgment_heads h WHERE h.item_id = i.id
                                           AND h.kind IN ('pairwise', 'ranking', 'rating'))
             OR coalesce(l.held, 0) <> (SELECT count(*) FROM leases x WHERE x.item_seq = i.seq)`,
      )
      .pluck()
      .get() as number;
    return {
      integrity: db.pragma('integrity_check', { simple: true }) as string,
      missing,
      countMismatch,
      duplicates,
      overFull,
      derivedOff,
    };
  } finally {
    project.close();
  }
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
}
