import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../backend';
import type { Project } from '../open';
import { assign } from '../team/assignments';
import { call } from '../test-support/populated';
import { tempDir } from '../test-support/temp-project';
import { next, submit, teamBackendOn, teamProject } from '../test-support/team-host';

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

/** The error a call is refused with (`call` rethrows the contract's error with its code). */
async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('expected the call to be refused');
}

type Refused = { code: string };

const VERDICT = "h.kind IN ('pairwise', 'ranking', 'rating')";

/** The plain queries the lease state must agree with. */
function reference(db: Project['db'], now: number) {
  return {
    /** Verdicts plus unexpired leases per live item. */
    load(seq: number): number {
      return (
        db
          .prepare(
            `SELECT (SELECT count(*) FROM judgment_heads h JOIN items i ON i.id = h.item_id WHERE i.seq = ? AND ${VERDICT})
                  + (SELECT count(*) FROM leases WHERE item_seq = ? AND expires_at > ?) AS n`,
          )
          .get(seq, seq, now) as { n: number }
      ).n;
    },
    /** What items.next must answer: their own unexpired lease first, else the first open item. */
    next(labellerId: string, overlap: number, exclude: string[]): string | null {
      const ex = JSON.stringify(exclude);
      const done = `EXISTS (SELECT 1 FROM judgment_heads h WHERE h.labeller_id = @l AND h.item_id = i.id AND h.kind <> 'retract')`;
      const own = db
        .prepare(
          `SELECT i.id FROM leases x JOIN items i ON i.seq = x.item_seq
            WHERE x.labeller_id = @l AND x.expires_at > @now AND i.archived = 0 AND NOT ${done}
              AND i.id NOT IN (SELECT value FROM json_each(@ex)) ORDER BY i.seq LIMIT 1`,
        )
        .pluck()
        .get({ l: labellerId, now, ex }) as string | undefined;
      if (own) return own;
      const open = db
        .prepare(
          `SELECT i.id FROM items i WHERE i.archived = 0 AND NOT ${done}
              AND i.id NOT IN (SELECT value FROM json_each(@ex))
              AND (SELECT count(*) FROM judgment_heads h WHERE h.item_id = i.id AND ${VERDICT})
                + (SELECT count(*) FROM leases x WHERE x.item_seq = i.seq AND x.expires_at > @now) < @k
            ORDER BY i.seq LIMIT 1`,
        )
        .pluck()
        .get({ l: labellerId, now, ex, k: overlap }) as string | undefined;
      return open ?? null;
    },
  };
}

/** The derived tables (item_load, load_histogram) equal a recount of what they summarise. */
function expectDerivedInStep(db: Project['db']) {
  const stored = db
    .prepare(
      'SELECT item_seq, judged, held FROM item_load WHERE judged <> 0 OR held <> 0 ORDER BY 1',
    )
    .all();
  const counted = db
    .prepare(
      `SELECT i.seq AS item_seq,
              (SELECT count(*) FROM judgment_heads h WHERE h.item_id = i.id AND ${VERDICT}) AS judged,
              (SELECT count(*) FROM leases x WHERE x.item_seq = i.seq) AS held
         FROM items i WHERE judged <> 0 OR held <> 0 ORDER BY 1`,
    )
    .all();
  expect(stored).toEqual(counted);
  const histogram = db
    .prepare('SELECT judged, items FROM load_histogram WHERE items > 0 ORDER BY 1')
    .all();
  const recount = db
    .prepare(
      `SELECT n AS judged, count(*) AS items FROM (
         SELECT (SELECT count(*) FROM judgment_heads h WHERE h.item_id = i.id AND ${VERDICT}) AS n
           FROM items i WHERE i.archived = 0) WHERE n > 0 GROUP BY n ORDER BY 1`,
    )
    .all();
  expect(histogram).toEqual(recount);
}

describe('leases on a team host', () => {
  let t: ReturnType<typeof tempDir>;
  let project: Project;
  let backend: Backend;
  let ids: string[];
  let clock: { now: number };

  async function setUp(items: number, people: number, leaseMs = 60_000) {
    const made = await teamProject(
      t.dir,
      items,
      Array.from({ length: people }, (_, i) => `L${i}`),
    );
    project = made.project;
    ids = made.labellers.map((l) => l.id);
    ({ backend, clock } = teamBackendOn(project, { leaseMs }));
  }

  beforeEach(() => (t = tempDir()));
  afterEach(async () => {
    await backend?.close();
    t.cleanup();
  });

  it('people asking at the same moment never share an item beyond the overlap', async () => {
    await setUp(40, 12);
    for (const overlap of [1, 2, 3]) {
      await call(backend, 'leases.setOverlap', { overlap });
      project.db.exec('DELETE FROM leases');
      // All in one batch: one write transaction, as simultaneous requests are.
      const got = await Promise.all(ids.map((id) => next(backend, id)));
      const times = new Map<string, number>();
      for (const g of got) times.set(g!.id, (times.get(g!.id) ?? 0) + 1);
      expect(Math.max(...times.values())).toBe(overlap);
      expect(got.every((g) => typeof g!.heldUntil === 'number')).toBe(true);
    }
  });

  it('an item with `overlap` verdicts is offered to nobody else; a skip does not count', async () => {
    await setUp(5, 4);
    await call(backend, 'leases.setOverlap', { overlap: 2 });
    const [a, b, c, d] = ids as [string, string, string, string];
    expect((await next(backend, a))!.id).toBe('i0');
    expect((await next(backend, b))!.id).toBe('i0');
    expect((await next(backend, c))!.id).toBe('i1');
    await submit(backend, a, 'i0');
    await submit(backend, b, 'i0');
    // i0 is full; c holds i1, which still has room for one more.
    expect((await next(backend, d))!.id).toBe('i1');
    await submit(backend, c, 'i1', true); // a skip frees c's place
    expect((await next(backend, a))!.id).toBe('i1');
    const view = await call(backend, 'dashboard.get', {});
    expect(view).toMatchObject({ queue: { mode: 'overlap', overlap: 2, items: 5, complete: 1 } });
  });

  it('a verdict on an item full without you is refused (nothing saved); a skip is taken', async () => {
    await setUp(3, 3);
    const [a, b] = ids as [string, string];
    expect((await next(backend, a))!.id).toBe('i0');
    const refused = await refusal(submit(backend, b, 'i0'));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/i0 already has someone on it.*not saved/);
    expect(project.db.prepare('SELECT count(*) FROM judgments').pluck().get()).toBe(0);
    await submit(backend, b, 'i0', true);
    // a answers, then goes back and changes their answer: a revision, allowed.
    await submit(backend, a, 'i0');
    await submit(backend, a, 'i0');
    expect(
      project.db.prepare('SELECT count(*) FROM judgments WHERE labeller_id = ?').pluck().get(a),
    ).toBe(2);
  });

  it('an item taken back by undo stays with its labeller: nobody takes the place meanwhile', async () => {
    await setUp(3, 2);
    const [a, b] = ids as [string, string];
    expect((await next(backend, a))!.id).toBe('i0');
    await submit(backend, a, 'i0');
    await call(backend, 'judgments.undo', { labellerId: a });
    expect((await next(backend, b))!.id).toBe('i1');
    await submit(backend, a, 'i0');
    expect(project.db.prepare('SELECT count(*) FROM leases').pluck().get()).toBe(1);
  });

  it('a lease runs out after its time unless renewed, and the item goes to the next person', async () => {
    await setUp(3, 2, 10_000);
    const [a, b] = ids as [string, string];
    const first = (await next(backend, a))!;
    expect(first.heldUntil).toBe(clock.now + 10_000);
    clock.now += 6_000;
    // Working on it (a draft) keeps it.
    await call(backend, 'drafts.save', {
      labellerId: a,
      itemId: 'i0',
      draft: { displayedOrder: [0, 1] },
    });
    clock.now += 6_000;
    expect((await next(backend, b))!.id).toBe('i1');
    clock.now += 10_001;
    expect((await next(backend, b, ['i1']))!.id).toBe('i0');
    // a comes back: the item is someone else's now, so renewing cannot get it back.
    expect(await call(backend, 'leases.renew', { labellerId: a, itemId: 'i0' })).toEqual({
      heldUntil: null,
    });
    // Let go explicitly: then a may take it again.
    expect(await call(backend, 'leases.release', { labellerId: b, itemId: 'i0' })).toEqual({
      released: true,
    });
    expect(await call(backend, 'leases.renew', { labellerId: a, itemId: 'i0' })).toEqual({
      heldUntil: clock.now + 10_000,
    });
  });

  it('asking again (a reload) shows the item you hold, not another; at most three are held', async () => {
    await setUp(10, 1);
    const [a] = ids as [string];
    expect((await next(backend, a))!.id).toBe('i0');
    expect((await next(backend, a))!.id).toBe('i0');
    expect((await next(backend, a, ['i0']))!.id).toBe('i1');
    expect((await next(backend, a, ['i0', 'i1']))!.id).toBe('i2');
    expect((await next(backend, a, ['i0', 'i1', 'i2']))!.id).toBe('i3');
    const held = project.db
      .prepare('SELECT i.id FROM leases x JOIN items i ON i.seq = x.item_seq ORDER BY 1')
      .pluck()
      .all();
    // i0, renewed longest ago, went back to the others.
    expect(held).toEqual(['i1', 'i2', 'i3']);
  });

  it('with a plan, each person gets their planned items and nobody else any', async () => {
    await setUp(12, 3);
    const [a, b, c] = ids as [string, string, string];
    assign(project.db, { labellers: [a, b], overlap: 1, seed: 3 });
    const planned = (who: string) =>
      project.db
        .prepare('SELECT item_id FROM assignments WHERE labeller_id = ? ORDER BY position')
        .pluck()
        .all(who) as string[];
    expect((await next(backend, a))!.id).toBe(planned(a)[0]);
    expect((await next(backend, b))!.id).toBe(planned(b)[0]);
    expect(await next(backend, c)).toBeNull();
    const refused = await refusal(submit(backend, a, planned(b)[1]!));
    expect(refused.message).toMatch(/not in your queue/);
    expect((await call(backend, 'dashboard.get', {})) as { queue: unknown }).toMatchObject({
      queue: { mode: 'plan', judgmentsLeft: 12, complete: null },
    });
  });

  it('random work by many people matches the plain queries, and never goes past the overlap', async () => {
    const seed = Number(process.env['RANKWISE_LEASE_SEED'] ?? Date.now() % 100_000);
    const rng = mulberry32(seed);
    await setUp(60, 6, 5_000);
    let overlap = 2;
    await call(backend, 'leases.setOverlap', { overlap });
    const ref = () => reference(project.db, clock.now);
    const shown = new Map<string, string[]>(ids.map((id) => [id, []]));
    for (let step = 0; step < 700; step++) {
      const who = ids[Math.floor(rng() * ids.length)]!;
      const mine = shown.get(who)!;
      const r = rng();
      const where = `seed ${seed}, step ${step}`;
      if (r < 0.4) {
        // Ask, leaving out part of what this person's page still shows (a prefetch).
        const exclude = mine.filter(() => rng() < 0.5);
        // The host lets expired leases go before it answers; so does the reference.
        project.db.prepare('DELETE FROM leases WHERE expires_at <= ?').run(clock.now);
        const expected = ref().next(who, overlap, exclude);
        const got = await next(backend, who, exclude);
        expect(got?.id ?? null, where).toBe(expected);
        if (got) shown.set(who, [...mine.filter((x) => x !== got.id), got.id].slice(-3));
      } else if (r < 0.72 && mine.length) {
        const itemId = mine[Math.floor(rng() * mine.length)]!;
        await submit(backend, who, itemId, rng() < 0.15).catch((e: Refused) => {
          expect(e.code, where).toBe('CONFLICT');
        });
        shown.set(
          who,
          mine.filter((x) => x !== itemId),
        );
      } else if (r < 0.8) {
        // Going back to any item and answering it: refused when full without them.
        await submit(backend, who, `i${Math.floor(rng() * 60)}`).catch((e: Refused) => {
          expect(e.code, where).toBe('CONFLICT');
        });
      } else if (r < 0.86) {
        await call(backend, 'judgments.undo', { labellerId: who });
      } else if (r < 0.9 && mine.length) {
        await call(backend, 'leases.release', { labellerId: who, itemId: mine[0]! });
        shown.set(who, mine.slice(1));
      } else if (r < 0.95) {
        clock.now += Math.floor(rng() * 4_000);
      } else if (r < 0.97) {
        const seq = 1 + Math.floor(rng() * 60);
        project.db.prepare('UPDATE items SET archived = 1 - archived WHERE seq = ?').run(seq);
      } else if (r < 0.98 && overlap < 4) {
        overlap++;
        await call(backend, 'leases.setOverlap', { overlap });
      }
      // Never more than `overlap` people hold or have judged a live item.
      for (let seq = 1; seq <= 60; seq++)
        expect(ref().load(seq), `${where}: item ${seq}`).toBeLessThanOrEqual(overlap);
      if (step % 50 === 0) expectDerivedInStep(project.db);
    }
    expectDerivedInStep(project.db);
  });
});
