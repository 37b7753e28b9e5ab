import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openProject } from '../open';
import { tempDir } from '../test-support/temp-project';
import { initial } from './001-initial';
import { judgmentDetails } from './002-judgment-details';
import { team } from './004-team';

describe('migration 004 (team)', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.cleanup());

  it('upgrades a v2 file with judgments and reviews, keeping every row, and adds the team tables', () => {
    const path = join(t.dir, 'v2.rankwise');
    const v2 = openProject(path, { create: true, migrations: [initial, judgmentDetails] });
    expect(v2.schemaVersion).toBe(2);
    v2.db.exec(`
      INSERT INTO labellers VALUES ('L', 'Ada', 1);
      INSERT INTO items (seq, id, prompt_json, content_hash, created_at) VALUES (1, 'i', '"p"', 'h', 1);
      INSERT INTO responses VALUES (1, 0, 'm1', 'a', NULL), (1, 1, 'm2', 'b', NULL);
      INSERT INTO judgments (id, item_id, labeller_id, revision, kind, outcome, chosen_idx, rejected_idx, displayed_order_json, time_ms, guideline_version, created_at, criteria_json)
        VALUES ('j', 'i', 'L', 1, 'pairwise', 'preferred', 1, 0, '[1,0]', 10, 1, 5, '{"honesty":1}');
      INSERT INTO judgment_heads VALUES ('i', 'L', 'j', 1, 'pairwise');
      INSERT INTO reviews (id, item_id, reviewer_id, revision, kind, outcome, chosen_idx, rejected_idx, note, created_at)
        VALUES ('r', 'i', 'L', 1, 'pairwise', 'tie', 0, 1, 'fine', 6);
    `);
    v2.close();

    const v4 = openProject(path, { migrations: [initial, judgmentDetails, team] });
    expect(v4.schemaVersion).toBe(4);
    const db = v4.db;
    expect(db.prepare('SELECT id, criteria_json, task_version FROM judgments').all()).toEqual([
      { id: 'j', criteria_json: '{"honesty":1}', task_version: 1 },
    ]);
    expect(db.prepare('SELECT id, note FROM reviews').all()).toEqual([{ id: 'r', note: 'fine' }]);
    expect(db.prepare('SELECT judgment_id FROM judgment_heads').pluck().all()).toEqual(['j']);

    // The new tables exist and enforce their rules.
    db.prepare("INSERT INTO assignments VALUES ('L', 'i', 0, 1)").run();
    expect(() => db.prepare("INSERT INTO assignments VALUES ('nobody', 'i', 1, 1)").run()).toThrow(
      /FOREIGN KEY/,
    );
    db.prepare(
      "INSERT INTO gold (item_id, kind, outcome, chosen_idx, rejected_idx, created_at) VALUES ('i', 'pairwise', 'preferred', 1, 0, 1)",
    ).run();
    expect(() =>
      db.prepare("INSERT INTO gold (item_id, kind, created_at) VALUES ('i', 'pairwise', 1)").run(),
    ).toThrow(/CHECK|UNIQUE/);
    db.prepare("INSERT INTO repeats VALUES ('rep', 'L', 'i', NULL, 1)").run();
    db.prepare(
      "INSERT INTO repeat_judgments (id, repeat_id, kind, outcome, chosen_idx, rejected_idx, displayed_order_json, time_ms, guideline_version, task_version, created_at) VALUES ('rj', 'rep', 'pairwise', 'preferred', 1, 0, '[0,1]', 5, 1, 1, 2)",
    ).run();
    // One answer per repeat.
    expect(() =>
      db
        .prepare(
          "INSERT INTO repeat_judgments (id, repeat_id, kind, displayed_order_json, time_ms, guideline_version, task_version, created_at) VALUES ('rj2', 'rep', 'skip', '[0,1]', 5, 1, 1, 2)",
        )
        .run(),
    ).toThrow(/UNIQUE/);
    // Model names are read from the covering index.
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT item_seq, idx, model FROM responses')
      .all()
      .map((r) => (r as { detail: string }).detail)
      .join(' ');
    expect(plan).toMatch(/COVERING INDEX responses_models/);
    v4.close();
  });
});
