import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listBackupEntries } from '../backups/store';
import { appendRevision } from '../judgments';
import { openProject } from '../open';
import { tempDir } from '../test-support/temp-project';
import { migrations } from './index';

describe('migration 011 (team host)', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.cleanup());

  it('backfills verdict counts, the histogram of live items and the daily counts from a v10 file', () => {
    const path = join(t.dir, 'v10.rankwise');
    const before = openProject(path, {
      create: true,
      migrations: migrations.filter((m) => m.version <= 10),
    });
    expect(before.schemaVersion).toBe(10);
    before.db.exec(`
      INSERT INTO labellers VALUES ('A', 'Ada', 1), ('B', 'Ben', 1);
      INSERT INTO items (seq, id, prompt_json, content_hash, archived, created_at)
        VALUES (1, 'i1', '"p"', 'h1', 0, 1), (2, 'i2', '"p"', 'h2', 0, 1), (3, 'i3', '"p"', 'h3', 0, 1),
               (4, 'i4', '"p"', 'h4', 1, 1);
      -- i1: two verdicts; i2: a skip; i3: judged then retracted; i4 (archived): one verdict.
      INSERT INTO judgments (id, item_id, labeller_id, revision, kind, outcome, chosen_idx, rejected_idx,
          displayed_order_json, time_ms, guideline_version, created_at)
        VALUES ('j1', 'i1', 'A', 1, 'pairwise', 'tie', 0, 1, '[0,1]', 1, 1, 1),
               ('j2', 'i1', 'B', 1, 'pairwise', 'tie', 0, 1, '[0,1]', 1, 1, 2),
               ('j3', 'i2', 'A', 1, 'skip', NULL, NULL, NULL, '[0,1]', 1, 1, 3),
               ('j4', 'i3', 'A', 1, 'pairwise', 'tie', 0, 1, '[0,1]', 1, 1, 4),
               ('j5', 'i3', 'A', 2, 'retract', NULL, NULL, NULL, '[0,1]', 1, 1, 5),
               ('j6', 'i4', 'B', 1, 'pairwise', 'tie', 0, 1, '[0,1]', 1, 1, 6);
      INSERT INTO judgment_heads VALUES ('i1', 'A', 'j1', 1, 'pairwise'), ('i1', 'B', 'j2', 1, 'pairwise'),
        ('i2', 'A', 'j3', 1, 'skip'), ('i3', 'A', 'j5', 2, 'retract'), ('i4', 'B', 'j6', 1, 'pairwise');
    `);
    before.close();

    const after = openProject(path, { migrations: migrations.filter((m) => m.version <= 11) });
    try {
      expect(after.schemaVersion).toBe(11);
      expect(listBackupEntries(path)).toHaveLength(1);
      const all = (sql: string) => after.db.prepare(sql).all();
      expect(all('SELECT item_seq, judged, held FROM item_load ORDER BY 1')).toEqual([
        { item_seq: 1, judged: 2, held: 0 },
        { item_seq: 4, judged: 1, held: 0 },
      ]);
      // Live items only: the archived i4 is not in it.
      expect(all('SELECT judged, items FROM load_histogram')).toEqual([{ judged: 2, items: 1 }]);
      const day = (ms: number) =>
        after.db.prepare("SELECT date(? / 1000, 'unixepoch', 'localtime') AS d").pluck().get(ms);
      expect(all('SELECT labeller_id, day, verdicts FROM judged_days ORDER BY 1')).toEqual([
        { labeller_id: 'A', day: day(1), verdicts: 2 },
        { labeller_id: 'B', day: day(2), verdicts: 2 },
      ]);
      for (const empty of ['team_members', 'access_tokens', 'audit_log', 'leases', 'lease_cursor'])
        expect(all(`SELECT * FROM ${empty}`), empty).toEqual([]);
      // The labellers keep their ids; the triggers follow the next answer.
      expect(all('SELECT id, name FROM labellers ORDER BY id')).toEqual([
        { id: 'A', name: 'Ada' },
        { id: 'B', name: 'Ben' },
      ]);
      appendRevision(after.db, {
        itemId: 'i2',
        labellerId: 'B',
        verdict: {
          kind: 'pairwise',
          outcome: 'tie',
          chosenIdx: 0,
          rejectedIdx: 1,
          strength: null,
          criteria: {},
        },
        rationale: null,
        flags: [],
        displayedOrder: [0, 1],
        timeMs: 1,
        guidelineVersion: 1,
        taskVersion: 1,
      });
      expect(all('SELECT judged, items FROM load_histogram WHERE items > 0 ORDER BY 1')).toEqual([
        { judged: 1, items: 1 },
        { judged: 2, items: 1 },
      ]);
    } finally {
      after.close();
    }
  });
});
