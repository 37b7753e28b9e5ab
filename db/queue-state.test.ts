import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Progress } from '../shared/api/contract';
import type { StoredVerdict } from '../shared/domain/judgment';
import { writePackage } from './handoff/package';
import { importFile } from './import/import-file';
import { hasAssignment, nextUnjudgedItemId } from './items';
import { appendRevision, latestUndoable, progressOf } from './judgments';
import { ensureLabeller } from './labellers';
import { mergeFiles } from './merge/merge-files';
import { rebuildQueueState } from './migrations/008-queue-state';
import { openProject, type Db, type Project } from './open';
import { assign } from './team/assignments';
import { item, newProject, tempDir, writeJsonl } from './test-support/temp-project';

/** The queries items.next and progress ran before the queue state: the reference. */
function referenceNext(db: Db, labellerId: string, exclude: readonly string[]): string | undefined {
  const params = { labeller: labellerId, exclude: JSON.stringify(exclude) };
  if (hasAssignment(db, labellerId))
    return (
      db
        .prepare(
          `SELECT a.item_id FROM assignments a INDEXED BY assignments_queue JOIN items i ON i.id = a.item_id
            WHERE a.labeller_id = @labeller AND i.archived = 0
              AND NOT EXISTS (SELECT 1 FROM judgment_heads h
                               WHERE h.labeller_id = @labeller AND h.item_id = a.item_id AND h.kind <> 'retract')
              AND a.item_id NOT IN (SELECT value FROM json_each(@exclude))
            ORDER BY a.position LIMIT 1`,
        )
        .get(params) as { item_id: string } | undefined
    )?.item_id;
  return (
    db
      .prepare(
        `SELECT i.id FROM items i
          WHERE i.archived = 0
            AND NOT EXISTS (SELECT 1 FROM judgment_heads h
                             WHERE h.labeller_id = @labeller AND h.item_id = i.id AND h.kind <> 'retract')
            AND i.id NOT IN (SELECT value FROM json_each(@exclude))
          ORDER BY i.seq LIMIT 1`,
      )
      .get(params) as { id: string } | undefined
  )?.id;
}

function referenceProgress(db: Db, labellerId: string): Progress {
  if (hasAssignment(db, labellerId))
    return db
      .prepare(
        `SELECT count(h.item_id) AS done, count(*) AS total
           FROM assignments a JOIN items i ON i.id = a.item_id
           LEFT JOIN judgment_heads h ON h.labeller_id = a.labeller_id AND h.item_id = a.item_id
                AND h.kind IN ('pairwise', 'ranking', 'rating')
          WHERE a.labeller_id = ? AND i.archived = 0`,
      )
      .get(labellerId) as Progress;
  const done = db
    .prepare(
      `SELECT count(*) AS n FROM judgment_heads h JOIN items i ON i.id = h.item_id
        WHERE h.labeller_id = ? AND h.kind IN ('pairwise', 'ranking', 'rating') AND i.archived = 0`,
    )
    .pluck()
    .get(labellerId) as number;
  const total = db.prepare('SELECT count(*) FROM items WHERE archived = 0').pluck().get() as number;
  return { done, total };
}

function counts(db: Db) {
  return db
    .prepare('SELECT live_items AS items, responses, judgments FROM project_counts')
    .get() as { items: number; responses: number; judgments: number };
}

function referenceCounts(db: Db) {
  const n = (sql: string) => db.prepare(sql).pluck().get() as number;
  return {
    items: n('SELECT count(*) FROM items WHERE archived = 0'),
    responses: n('SELECT count(*) FROM responses'),
    judgments: n('SELECT count(*) FROM judgments'),
  };
}

/** A small deterministic generator (mulberry32), so a failure can be replayed by its seed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}

const VERDICTS: StoredVerdict[] = [
  {
    kind: 'pairwise',
    outcome: 'preferred',
    chosenIdx: 0,
    rejectedIdx: 1,
    strength: null,
    criteria: {},
  },
  { kind: 'pairwise', outcome: 'tie', chosenIdx: 0, rejectedIdx: 1, strength: null, criteria: {} },
  { kind: 'skip' } as StoredVerdict,
  { kind: 'rating', ratings: [{ overall: 3 }, { overall: 4 }] } as unknown as StoredVerdict,
];

function put(
  db: Db,
  labellerId: string,
  itemId: string,
  verdict: StoredVerdict | { kind: 'retract' },
  createdAt?: number,
) {
  appendRevision(db, {
    itemId,
    labellerId,
    verdict,
    rationale: null,
    flags: [],
    displayedOrder: [0, 1],
    timeMs: 1,
    guidelineVersion: 1,
    taskVersion: 1,
    createdAt,
  });
}

const N = 60;
const ids = Array.from({ length: N }, (_, i) => `i${i}`);

describe('the queue state (frontier, holes, counters) answers as the plain queries did', () => {
  let t: ReturnType<typeof tempDir>;
  let main: Project;
  beforeEach(async () => {
    t = tempDir();
    main = newProject(t.dir, 'main.rankwise');
    await importFile(
      main.db,
      writeJsonl(
        join(t.dir, 'items.jsonl'),
        ids.map((id) => item(id)),
      ),
    );
  });
  afterEach(() => {
    main.close();
    t.cleanup();
  });

  it('an item back from the archive behind the frontier is next again, in either queue', () => {
    const db = main.db;
    const ada = ensureLabeller(db, { name: 'Ada' }).id;
    const ben = ensureLabeller(db, { name: 'Ben' }).id;
    assign(db, { labellers: [ben], overlap: 1, seed: 7 });
    for (const l of [ada, ben]) {
      const first = nextUnjudgedItemId(db, l)!;
      db.prepare('UPDATE items SET archived = 1 WHERE id = ?').run(first);
      for (let i = 0; i < 3; i++) put(db, l, nextUnjudgedItemId(db, l)!, VERDICTS[0]!);
      expect(nextUnjudgedItemId(db, l)).not.toBe(first);
      db.prepare('UPDATE items SET archived = 0 WHERE id = ?').run(first);
      expect(nextUnjudgedItemId(db, l)).toBe(first);
      expect(nextUnjudgedItemId(db, l)).toBe(referenceNext(db, l, []));
      expect(progressOf(db, l)).toEqual(referenceProgress(db, l));
    }
  });

  for (const seed of [1, 2, 3, 4]) {
    it(`over random submits, skips, undos, archiving, reassignment and merges (seed ${seed})`, async () => {
      const r = random(seed);
      const db = main.db;
      const [ada, ben, cy] = ['Ada', 'Ben', 'Cy'].map(
        (name) => ensureLabeller(db, { name }).id,
      ) as [string, string, string];
      // Ben and Cy work from queues; Ada from every item. Cy works in a package, merged back.
      assign(db, { labellers: [ben, cy], overlap: 2, seed });
      const pkgPath = join(t.dir, 'cy.rankwise');
      writePackage(db, main.path, cy, pkgPath);
      const pkg = openProject(pkgPath);
      let clock = Date.now();
      try {
        const compare = (where: string) => {
          for (const l of [ada, ben, cy]) {
            const excludes = [[], [r.pick(ids)], [r.pick(ids), r.pick(ids), r.pick(ids)]];
            const first = referenceNext(db, l, []);
            if (first) excludes.push([first]);
            for (const ex of excludes)
              expect(
                nextUnjudgedItemId(db, l, ex),
                `${where}: next for ${l} without ${ex.join(',')}`,
              ).toBe(referenceNext(db, l, ex));
            expect(progressOf(db, l), `${where}: progress of ${l}`).toEqual(
              referenceProgress(db, l),
            );
          }
          expect(counts(db), where).toEqual(referenceCounts(db));
        };
        compare('start');
        for (let step = 0; step < 250; step++) {
          const l = r.pick([ada, ben]);
          const op = r.int(100);
          let what: string;
          if (op < 40) {
            // The labeller's next item, as the labelling screen takes it.
            const id = nextUnjudgedItemId(db, l, r.next() < 0.3 ? [r.pick(ids)] : []);
            what = `submit next ${id}`;
            if (id) put(db, l, id, r.pick(VERDICTS));
          } else if (op < 52) {
            // Go-to an item anywhere (ahead of the frontier or behind it).
            const id = r.pick(ids);
            what = `submit ${id}`;
            put(db, l, id, r.pick(VERDICTS));
          } else if (op < 64) {
            const last = latestUndoable(db, l);
            what = `undo ${last?.itemId}`;
            if (last) put(db, l, last.itemId, { kind: 'retract' });
          } else if (op < 70) {
            const id = r.pick(ids);
            what = `retract ${id}`;
            put(db, l, id, { kind: 'retract' });
          } else if (op < 76) {
            // Into the archive, or back out of it (often behind a frontier that passed it).
            const archived = r.int(2);
            const from = db
              .prepare('SELECT id FROM items WHERE archived = ?')
              .pluck()
              .all(1 - archived) as string[];
            const id = from.length ? r.pick(from) : r.pick(ids);
            what = `archived=${archived} ${id}`;
            db.prepare('UPDATE items SET archived = ? WHERE id = ?').run(archived, id);
          } else if (op < 78) {
            what = 'reassign';
            assign(db, { labellers: [ben, cy], overlap: 2, seed: seed * 100 + step });
          } else if (op < 94) {
            // Cy at work in the package, sometimes with a clock behind the lead's: merged
            // revisions then sort before the lead file's, and chains are renumbered.
            const pdb = pkg.db;
            const id = r.next() < 0.7 ? nextUnjudgedItemId(pdb, cy, []) : r.pick(ids);
            clock += 1 + r.int(5);
            const at = r.next() < 0.3 ? clock - 50 - r.int(1000) : clock;
            what = `cy ${id}`;
            const known = id && pdb.prepare('SELECT 1 FROM items WHERE id = ?').get(id);
            if (known)
              put(pdb, cy, id, r.next() < 0.25 ? { kind: 'retract' } : r.pick(VERDICTS), at);
          } else {
            what = 'merge';
            const [outcome] = await mergeFiles(db, [pkgPath]);
            expect(outcome?.status).toBe('merged');
          }
          compare(`step ${step} (${what})`);
        }
        // Every frontier is still exact or behind; a rebuild changes no answer.
        const before = [ada, ben, cy].map((l) => [nextUnjudgedItemId(db, l), progressOf(db, l)]);
        rebuildQueueState(db);
        expect([ada, ben, cy].map((l) => [nextUnjudgedItemId(db, l), progressOf(db, l)])).toEqual(
          before,
        );
      } finally {
        pkg.close();
      }
    });
  }
});
