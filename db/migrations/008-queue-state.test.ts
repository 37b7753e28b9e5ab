import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listBackupEntries } from '../backups/store';
import { nextUnjudgedItemId } from '../items';
import { progressOf } from '../judgments';
import { openProject } from '../open';
import { tempDir } from '../test-support/temp-project';
import { migrations } from './index';

describe('migration 008 (queue state)', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.cleanup());

  it('backfills the frontiers and counters of a v7 file, which then answer as its rows say', () => {
    const path = join(t.dir, 'v7.rankwise');
    const v7 = openProject(path, { create: true, migrations: migrations.slice(0, 6) });
    expect(v7.schemaVersion).toBe(7);
    const db = v7.db;
    db.exec(`
      INSERT INTO labellers VALUES ('A', 'Ada', 1), ('B', 'Ben', 1);
      INSERT INTO items (seq, id, prompt_json, content_hash, archived, created_at)
        VALUES (1, 'i1', '"p"', 'h1', 0, 1), (2, 'i2', '"p"', 'h2', 1, 1), (3, 'i3', '"p"', 'h3', 0, 1),
               (4, 'i4', '"p"', 'h4', 0, 1), (5, 'i5', '"p"', 'h5', 0, 1);
      INSERT INTO responses VALUES (1, 0, NULL, 'a', NULL), (1, 1, NULL, 'b', NULL), (3, 0, NULL, 'a', NULL);
      -- Ada: i1 judged, i3 judged then retracted, i4 skipped. Ben: i4 and i5 in his queue, i5 judged.
      INSERT INTO judgments (id, item_id, labeller_id, revision, kind, outcome, chosen_idx, rejected_idx,
          displayed_order_json, time_ms, guideline_version, created_at)
        VALUES ('j1', 'i1', 'A', 1, 'pairwise', 'tie', 0, 1, '[0,1]', 1, 1, 1),
               ('j2', 'i3', 'A', 1, 'pairwise', 'tie', 0, 1, '[0,1]', 1, 1, 2),
               ('j3', 'i3', 'A', 2, 'retract', NULL, NULL, NULL, '[0,1]', 1, 1, 3),
               ('j4', 'i4', 'A', 1, 'skip', NULL, NULL, NULL, '[0,1]', 1, 1, 4),
               ('j5', 'i5', 'B', 1, 'pairwise', 'tie', 0, 1, '[0,1]', 1, 1, 5);
      INSERT INTO judgment_heads VALUES ('i1', 'A', 'j1', 1, 'pairwise'), ('i3', 'A', 'j3', 2, 'retract'),
        ('i4', 'A', 'j4', 1, 'skip'), ('i5', 'B', 'j5', 1, 'pairwise');
      INSERT INTO assignments VALUES ('B', 'i5', 0, 1), ('B', 'i4', 1, 1);
    `);
    v7.close();

    const v8 = openProject(path, { migrations: migrations.filter((m) => m.version <= 8) });
    try {
      expect(v8.schemaVersion).toBe(8);
      expect(listBackupEntries(path)).toHaveLength(1);
      const c = v8.db.prepare('SELECT * FROM project_counts').get();
      expect(c).toEqual({ id: 1, live_items: 4, responses: 3, judgments: 5 });
      expect(progressOf(v8.db, 'A')).toEqual({ done: 1, total: 4 });
      expect(progressOf(v8.db, 'B')).toEqual({ done: 1, total: 2 });
      // Ada's queue resumes at i3 (retracted), Ben's at i4 (i5, first in his queue, is done).
      expect(nextUnjudgedItemId(v8.db, 'A')).toBe('i3');
      expect(nextUnjudgedItemId(v8.db, 'A', ['i3'])).toBe('i5');
      expect(nextUnjudgedItemId(v8.db, 'B')).toBe('i4');
      expect(
        v8.db
          .prepare('SELECT labeller_id, queue, next_key FROM queue_frontier ORDER BY 1, 2')
          .all(),
      ).toEqual([
        { labeller_id: 'A', queue: 'items', next_key: 3 },
        { labeller_id: 'B', queue: 'assigned', next_key: 1 },
        { labeller_id: 'B', queue: 'items', next_key: 1 },
      ]);
    } finally {
      v8.close();
    }
  });
});
