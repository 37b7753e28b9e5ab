import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from './dispatch';
import { importFile } from './import/import-file';
import { appendRevision } from './judgments';
import { walkAssigned, walkItems } from './migrations/008-queue-state';
import { doneBy, loadOf, OVERLAP_SQL } from './migrations/011-team-host';
import { teamBackendOn } from './test-support/team-host';
import { assign } from './team/assignments';
import { fullScans, queryPlan, recordStatements } from './test-support/query-plans';
import { item, newBackend, newProject, tempDir, writeJsonl } from './test-support/temp-project';
import type { Backend } from './backend';
import type { Project } from './open';

/** Tables whose size grows with the project: reading all of one is what must not happen. */
const BIG = [
  'items',
  'responses',
  'judgments',
  'judgment_heads',
  'judgment_facts',
  'assignments',
  'drafts',
  'repeats',
  'repeat_judgments',
  'item_search',
  'item_load',
  'judged_days',
  'audit_log',
];

/** Each table (and alias) a statement names, so a plan's `SCAN i` can be traced to `items`. */
function tablesOf(sql: string): Map<string, string> {
  const map = new Map<string, string>();
  const re = /\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?/gi;
  for (const m of sql.matchAll(re)) {
    const table = m[1]!;
    if (!BIG.includes(table)) continue;
    map.set(table, table);
    const alias = m[2];
    if (alias && !/^(WHERE|JOIN|ON|INDEXED|LEFT|CROSS|INNER|ORDER|GROUP|LIMIT|USING)$/i.test(alias))
      map.set(alias, table);
  }
  return map;
}

/**
 * Statements whose plan walks a table (or a labeller's slice of it) in the order it returns
 * rows and stops at its LIMIT, skipping few rows on the way: they read about what they
 * return. (The old items.next walked the same way but skipped every judged item, and is
 * caught below.) Matched by their start, whitespace folded.
 */
const BOUNDED_WALKS: Array<{ sql: string; why: string }> = [
  {
    sql: 'SELECT i.seq FROM items i WHERE i.archived = 0 ORDER BY i.seq LIMIT @limit OFFSET @offset',
    why: 'the browser’s default page: `limit` rows from `offset`, skipping only archived ones',
  },
  {
    sql: 'SELECT 1 FROM assignments WHERE labeller_id = ? LIMIT 1',
    why: 'hasAssignment: the first row',
  },
  {
    sql: 'SELECT j.item_id FROM judgments j JOIN judgment_heads h',
    why: 'items.recent: the labeller’s revisions newest first until `limit` current ones',
  },
  {
    sql: 'SELECT j.item_id, j.id, j.created_at, j.displayed_order_json FROM judgments j',
    why: 'undo: the labeller’s revisions newest first until the first current verdict',
  },
  {
    sql: 'SELECT r.id, r.item_id FROM repeats r',
    why: 'the due repeat: every swapped repeat scheduled for the labeller (a share of their queue, not the project; left as it was)',
  },
  {
    sql: 'SELECT rj.repeat_id, r.item_id, rj.id',
    why: 'undo of a repeat answer: the labeller’s scheduled repeats (left as it was)',
  },
  {
    sql: 'SELECT 1 FROM assignments LIMIT 1',
    why: 'planExists: the first row',
  },
  {
    sql: 'SELECT time_ms FROM judgments INDEXED BY judgments_by_labeller_time',
    why: 'the dashboard’s pace: a person’s revisions newest first until their latest 50 verdicts',
  },
];
const folded = (sql: string) => sql.replace(/\s+/g, ' ').trim();
const bounded = (sql: string) => BOUNDED_WALKS.some((b) => folded(sql).startsWith(b.sql));

const verdict = {
  kind: 'pairwise',
  outcome: 'preferred',
  chosenIdx: 0,
  rejectedIdx: 1,
  strength: null,
  criteria: {},
} as const;

/**
 * The open path (what the first item needs: session, project info, the next item, progress,
 * the recent items, the draft, the session summary) and the item browser's first page must
 * not read every item, or every judgment: a labeller's pace may not depend on project size.
 * Checked on the plans SQLite makes for the statements our handlers really prepare, on a real
 * project file where a labeller has judged most of the queue (the case that used to walk it).
 */
describe('the open path reads no table whole', () => {
  let t: ReturnType<typeof tempDir>;
  let project: Project;
  let backend: Backend;
  let labellerId: string;
  const N = 3000;

  beforeEach(async () => {
    t = tempDir();
    project = newProject(t.dir);
    const source = writeJsonl(
      join(t.dir, 'items.jsonl'),
      Array.from({ length: N }, (_, i) => item(`i${i}`)),
    );
    await importFile(project.db, source);
    backend = newBackend(project, { name: 'Ada' });
    const session = await call('session.get', {});
    labellerId = (session as { labeller: { id: string } }).labeller.id;
    project.db.transaction(() => {
      for (let i = 0; i < N - 100; i++)
        appendRevision(project.db, {
          itemId: `i${i}`,
          labellerId,
          verdict,
          rationale: null,
          flags: [],
          displayedOrder: [0, 1],
          timeMs: 1,
          guidelineVersion: 1,
          taskVersion: 1,
        });
    })();
  });
  afterEach(async () => {
    await backend.close();
    t.cleanup();
  });

  async function call(method: string, input: unknown): Promise<unknown> {
    const r = await dispatch(backend.handlers, method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value;
  }

  async function scansOf(
    calls: Array<[string, unknown]>,
    { team = false } = {},
  ): Promise<string[]> {
    // A fresh backend on the same connection: its statements are prepared (and recorded) anew.
    const rec = recordStatements(project.db);
    const fresh = team ? teamBackendOn(project).backend : newBackend(project, { name: 'Ada' });
    try {
      for (const [method, input] of calls) {
        const r = await dispatch(fresh.handlers, method, input);
        if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      }
    } finally {
      rec.stop();
    }
    expect(rec.sql.length).toBeGreaterThan(0);
    return rec.sql
      .filter((sql) => !bounded(sql))
      .flatMap((sql) =>
        fullScans(queryPlan(project.db, sql), tablesOf(sql)).map((s) => `${s} in: ${sql}`),
      );
  }

  const openPath = (): Array<[string, unknown]> => [
    ['session.get', {}],
    ['project.info', {}],
    ['items.next', { labellerId }],
    ['items.next', { labellerId, exclude: [`i${N - 100}`] }],
    ['progress.get', { labellerId }],
    ['items.recent', { labellerId, limit: 50 }],
    ['drafts.get', { labellerId, itemId: `i${N - 100}` }],
    ['session.summary', { labellerId, since: Date.now() - 60_000 }],
    [
      'items.list',
      { labellerId, filter: 'all', query: '', offset: 0, limit: 100, withTotal: true },
    ],
  ];

  it('without an assignment: items.next, progress.get, the browser’s first page and the rest', async () => {
    expect(await scansOf(openPath())).toEqual([]);
  });

  it('with an assignment: the assigned queue and its progress', async () => {
    assign(project.db, { labellers: [labellerId], overlap: 1, seed: 1 });
    expect(await scansOf(openPath())).toEqual([]);
  });

  it('judging and undoing: the triggers’ frontier walks and the undo', async () => {
    expect(
      await scansOf([
        [
          'judgments.submit',
          {
            labellerId,
            itemId: `i${N - 100}`,
            displayedOrder: [0, 1],
            verdict: { kind: 'pairwise', choice: 'A' },
            timeMs: 1,
          },
        ],
        ['judgments.undo', { labellerId }],
      ]),
    ).toEqual([]);
    // The frontier walks the triggers run (plans of trigger programs are not shown).
    // `max(position)` for one labeller is answered by the index's last entry.
    const maxPosition = 'SEARCH assignments USING COVERING INDEX assignments_queue (labeller_id=?)';
    for (const walk of [walkItems("'L'", '5'), walkAssigned("'L'", '5')]) {
      const sql = `SELECT ${walk}`;
      const plan = queryPlan(project.db, sql).filter((step) => step !== maxPosition);
      expect(fullScans(plan, tablesOf(sql))).toEqual([]);
    }
  });

  /**
   * A team host's labelling: items leased as they are shown (the live queue from the person's
   * cursor, their holes, their leases), submits checked against the overlap, drafts renewing
   * leases, and the dashboard. Others have filled most of the queue ahead of Ada's cursor.
   */
  const teamPath = (first: string, other: string): Array<[string, unknown]> => [
    ['items.next', { labellerId }],
    ['items.next', { labellerId, exclude: [first] }],
    ['leases.renew', { labellerId, itemId: first }],
    ['drafts.save', { labellerId, itemId: first, draft: { displayedOrder: [0, 1] } }],
    [
      'judgments.submit',
      {
        labellerId,
        itemId: first,
        displayedOrder: [0, 1],
        verdict: { kind: 'pairwise', choice: 'A' },
        timeMs: 1,
      },
    ],
    ['judgments.undo', { labellerId }],
    ['leases.release', { labellerId, itemId: other }],
    ['dashboard.get', {}],
    ['progress.get', { labellerId }],
  ];

  it('on a team host: the live queue, leases, submits and the dashboard', async () => {
    // Ada's queue frontier is near the end; Bo judged 50 items past it too (overlap 1), which
    // her cursor passes.
    const bo = (await call('team.addMember', { name: 'Bo' })) as { id: string };
    project.db.transaction(() => {
      for (let i = 0; i < N - 50; i++)
        appendRevision(project.db, {
          itemId: `i${i}`,
          labellerId: bo.id,
          verdict,
          rationale: null,
          flags: [],
          displayedOrder: [0, 1],
          timeMs: 1,
          guidelineVersion: 1,
          taskVersion: 1,
        });
    })();
    expect(await scansOf(teamPath(`i${N - 50}`, `i${N - 49}`), { team: true })).toEqual([]);
  });

  it('on a team host with a plan', async () => {
    assign(project.db, { labellers: [labellerId], overlap: 1, seed: 1 });
    const first = (await call('items.next', { labellerId })) as { id: string };
    expect(await scansOf(teamPath(first.id, first.id), { team: true })).toEqual([]);
  });

  it('the lease triggers: what an item opening again and a retraction read', () => {
    // Trigger programs are not shown by EXPLAIN QUERY PLAN: their statements are checked here.
    for (const sql of [
      `SELECT ${loadOf('5')} < ${OVERLAP_SQL}`,
      `SELECT c.labeller_id FROM lease_cursor c WHERE c.next_seq > 5
         AND NOT EXISTS (SELECT 1 FROM lease_holes x WHERE x.labeller_id = c.labeller_id AND x.item_seq = 5)
         AND NOT ${doneBy('c.labeller_id', "'i5'")}`,
      `SELECT 1 FROM lease_holes x WHERE x.labeller_id = 'L' AND x.item_seq = 5`,
      "SELECT n FROM (SELECT verdicts AS n FROM judged_days WHERE labeller_id = 'L' AND day = '2024-01-01')",
    ])
      expect(fullScans(queryPlan(project.db, sql), tablesOf(sql)), sql).toEqual([]);
  });

  it('the check can fail: a count of every item is found', () => {
    const sql = 'SELECT count(*) FROM items i WHERE i.archived = 0';
    expect(fullScans(queryPlan(project.db, sql), tablesOf(sql))).toEqual([
      expect.stringMatching(/^items \(SCAN i/),
    ]);
    const old = `SELECT i.id FROM items i WHERE i.archived = 0
        AND NOT EXISTS (SELECT 1 FROM judgment_heads h
                         WHERE h.labeller_id = ? AND h.item_id = i.id AND h.kind <> 'retract')
      ORDER BY i.seq LIMIT 1`;
    // The old items.next: an ordered walk of items from the start (no count, but every row).
    expect(queryPlan(project.db, old).join('\n')).toMatch(/SCAN i/);
  });
});
