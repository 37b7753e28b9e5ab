import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProject } from '../../db/open';
import { tempDir } from '../../db/test-support/temp-project';
import { REPO } from '../test-support/full-disk';
import {
  call,
  loadProject,
  runLoad,
  startTeamServer,
  verifyAfterLoad,
  type LoadResult,
} from './test-support/team-load';

/**
 * A team host killed under load: labellers keep asking and submitting over HTTP while the real
 * `rankwise serve --team` is SIGKILLed at a random moment (seeded: RANKWISE_CRASH_SEED replays
 * a run), several times over. After each kill every acknowledged judgment is in the file, no
 * item has more verdicts than the overlap, the derived counts agree with a recount and
 * integrity_check is ok; no lease in the file lasts longer than a lease does. Restarted, the
 * host lets the leases of the dead run go when they expire, and hands their items out again.
 */
const SEED = Number(process.env['RANKWISE_CRASH_SEED'] ?? Date.now() % 1_000_000);
const ROUNDS = 3;
const LEASE_MINUTES = 0.05; // 3 s: longer than any request takes on a busy machine
const LEASE_MS = LEASE_MINUTES * 60_000;
const OVERLAP = 2;

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

function leasesIn(
  path: string,
): Array<{ item_seq: number; labeller_id: string; taken_at: number; expires_at: number }> {
  const p = openProject(path, { quickCheck: false });
  try {
    return p.db.prepare('SELECT * FROM leases').all() as Array<{
      item_seq: number;
      labeller_id: string;
      taken_at: number;
      expires_at: number;
    }>;
  } finally {
    p.close();
  }
}

describe('crash safety of rankwise serve --team', () => {
  let t: ReturnType<typeof tempDir>;
  beforeAll(() => {
    if (!existsSync(join(REPO, 'dist', 'cli', 'rankwise.mjs')))
      throw new Error('run `npm run build` first: this test runs the built CLI');
    t = tempDir('rankwise-team-crash-');
  });
  afterAll(() => t?.cleanup());

  it(`keeps every acknowledged judgment through ${ROUNDS} SIGKILLs under load, and lets the dead run's leases go (seed ${SEED})`, async () => {
    const rng = mulberry32(SEED);
    const { path, labellers } = await loadProject(t.dir, {
      // Room for three rounds at full pace (10 people × 50 verdicts/s × up to 2.4 s each): a queue
      // that runs dry before the kill would test nothing.
      items: 5000,
      people: 10,
      overlap: OVERLAP,
    });
    const acked: LoadResult['acked'] = new Map(labellers.map((l) => [l.id, []]));
    const args = ['--lease-minutes', String(LEASE_MINUTES)];
    for (let round = 0; round < ROUNDS; round++) {
      const server = await startTeamServer(path, args);
      const killAt = 400 + Math.floor(rng() * 2000);
      let killedAt = 0;
      const killer = setTimeout(() => {
        killedAt = Date.now();
        server.child.kill('SIGKILL');
      }, killAt);
      const result = await runLoad(server.url, labellers, {
        durationMs: 10_000,
        paceMs: 20,
        stop: () => killedAt > 0,
      });
      clearTimeout(killer);
      // Load that ended before the kill (every labeller stopped) is a failure to report, not a
      // host to wait for forever.
      const endedEarly = killedAt === 0;
      if (endedEarly) server.child.kill('SIGKILL');
      await server.exited;
      expect(result.failures, `round ${round}`).toEqual([]);
      expect(
        endedEarly ? `load ended before the kill: ${result.emptied} queues empty` : 'killed',
        `round ${round}`,
      ).toBe('killed');
      for (const [id, list] of result.acked) acked.get(id)!.push(...list);
      const found = verifyAfterLoad(path, acked, OVERLAP, { exact: false });
      expect(found, `round ${round} (killed after ${killAt} ms)`).toEqual({
        integrity: 'ok',
        missing: 0,
        countMismatch: [],
        duplicates: 0,
        overFull: 0,
        derivedOff: 0,
      });
      // No lease outlives its expiry: each one in the file ends a lease's length after it was
      // taken or last renewed, at the latest.
      for (const lease of leasesIn(path))
        expect(lease.expires_at, `round ${round}`).toBeLessThanOrEqual(killedAt + LEASE_MS);
    }
    expect([...acked.values()].reduce((s, l) => s + l.length, 0)).toBeGreaterThan(ROUNDS * 5);

    // Restarted: the dead run's leases go when they expire, and their items are offered again.
    const before = leasesIn(path);
    const server = await startTeamServer(path, args);
    try {
      const latest = Math.max(0, ...before.map((l) => l.expires_at));
      await new Promise((r) => setTimeout(r, Math.max(0, latest - Date.now()) + 800));
      expect(leasesIn(path).filter((l) => l.expires_at <= Date.now())).toEqual([]);
      const someone = labellers[0]!;
      const next = await call(server.url, someone.token, 'items.next', { labellerId: someone.id });
      expect(next.ok).toBe(true);
      // The first item with room for them, counting only live leases: what a fresh host gives.
      const p = openProject(path, { quickCheck: false });
      try {
        const expected = p.db
          .prepare(
            `SELECT i.id FROM items i WHERE i.archived = 0
               AND NOT EXISTS (SELECT 1 FROM judgment_heads h WHERE h.item_id = i.id AND h.labeller_id = ? AND h.kind <> 'retract')
               AND (SELECT count(*) FROM judgment_heads h WHERE h.item_id = i.id AND h.kind IN ('pairwise', 'ranking', 'rating'))
                 + (SELECT count(*) FROM leases x WHERE x.item_seq = i.seq AND x.labeller_id <> ?) < ?
             ORDER BY i.seq LIMIT 1`,
          )
          .pluck()
          .get(someone.id, someone.id, OVERLAP);
        expect((next.value as { id: string }).id).toBe(expected);
      } finally {
        p.close();
      }
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    expect(verifyAfterLoad(path, acked, OVERLAP, { exact: false }).integrity).toBe('ok');
  }, 180_000);
});
