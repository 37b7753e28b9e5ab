import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listBackupEntries } from '../backups/store';
import { loadAnalysisInput } from '../analysis/load';
import { openProject } from '../open';
import { tempDir } from '../test-support/temp-project';
import { migrations } from './index';

describe('migration 010 (judges)', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.cleanup());

  it('upgrades a v8 file keeping every judgment and its facts, and adds the judge tables and suggestion columns', () => {
    const path = join(t.dir, 'v8.rankwise');
    const v8 = openProject(path, {
      create: true,
      migrations: migrations.filter((m) => m.version <= 8),
    });
    expect(v8.schemaVersion).toBe(8);
    v8.db.exec(`
      INSERT INTO labellers VALUES ('A', 'Ada', 1);
      INSERT INTO items (seq, id, prompt_json, content_hash, created_at) VALUES (1, 'i1', '"p"', 'h1', 1);
      INSERT INTO responses VALUES (1, 0, 'm1', 'a', NULL), (1, 1, 'm2', 'b', NULL);
      INSERT INTO judgments (id, item_id, labeller_id, revision, kind, outcome, chosen_idx, rejected_idx,
          displayed_order_json, time_ms, guideline_version, created_at)
        VALUES ('j1', 'i1', 'A', 1, 'pairwise', 'preferred', 1, 0, '[1,0]', 10, 1, 5);
      INSERT INTO judgment_heads VALUES ('i1', 'A', 'j1', 1, 'pairwise');
      INSERT INTO repeats VALUES ('r1', 'A', 'i1', NULL, 1);
      INSERT INTO repeat_judgments (id, repeat_id, kind, outcome, chosen_idx, rejected_idx, displayed_order_json,
          time_ms, guideline_version, task_version, created_at)
        VALUES ('rj1', 'r1', 'pairwise', 'tie', 0, 1, '[0,1]', 5, 1, 1, 6);
    `);
    const factsBefore = v8.db.prepare('SELECT * FROM judgment_facts').all();
    v8.close();

    const p = openProject(path, { migrations: migrations.filter((m) => m.version <= 10) });
    try {
      expect(p.schemaVersion).toBe(10);
      expect(listBackupEntries(path)).toHaveLength(1);
      const db = p.db;
      expect(db.prepare('SELECT id, suggestion_json FROM judgments').all()).toEqual([
        { id: 'j1', suggestion_json: null },
      ]);
      expect(db.prepare('SELECT id, suggestion_json FROM repeat_judgments').all()).toEqual([
        { id: 'rj1', suggestion_json: null },
      ]);
      expect(db.prepare('SELECT * FROM judgment_facts').all()).toEqual(factsBefore);
      expect(loadAnalysisInput(db).judgments.length).toBe(1);

      // The new tables hold judges and their verdicts, and refuse what cannot be a verdict.
      db.prepare(
        "INSERT INTO judges (id, name, kind, model, created_at, updated_at) VALUES (1, 'gpt-judge', 'llm', 'gpt', 1, 1)",
      ).run();
      expect(() =>
        db
          .prepare(
            "INSERT INTO judges (name, kind, created_at, updated_at) VALUES ('x', 'person', 1, 1)",
          )
          .run(),
      ).toThrow(/CHECK/);
      expect(() =>
        db
          .prepare(
            "INSERT INTO judges (name, kind, created_at, updated_at) VALUES ('gpt-judge', 'llm', 1, 1)",
          )
          .run(),
      ).toThrow(/UNIQUE/);
      const add = db.prepare(
        `INSERT INTO judge_verdicts (judge_id, item_seq, pair_lo, pair_hi, shown_first, outcome, winner, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 1)`,
      );
      add.run(1, 1, 0, 1, 1, 'preferred', 1);
      add.run(1, 1, 0, 1, 0, 'none', null);
      // One verdict per judge, item, pair and order shown.
      expect(() => add.run(1, 1, 0, 1, 1, 'tie', null)).toThrow(/UNIQUE|PRIMARY/);
      expect(() => add.run(1, 1, 1, 0, -1, 'tie', null)).toThrow(/CHECK/);
      expect(() => add.run(1, 1, 0, 1, -1, 'preferred', 5)).toThrow(/CHECK/);
      expect(() => add.run(1, 1, 0, 1, -1, 'preferred', null)).toThrow(/CHECK/);
      expect(() => add.run(1, 1, 0, 1, 7, 'tie', null)).toThrow(/CHECK/);
      expect(() => add.run(2, 1, 0, 1, -1, 'tie', null)).toThrow(/FOREIGN KEY/);
      expect(() => add.run(1, 99, 0, 1, -1, 'tie', null)).toThrow(/FOREIGN KEY/);

      // Judge verdicts are not judgments: nothing the analysis or the queue reads has changed.
      expect(loadAnalysisInput(db).judgments.length).toBe(1);
      expect(db.prepare('SELECT count(*) FROM judgment_facts').pluck().get()).toBe(1);
      expect(db.prepare('SELECT judgments FROM project_counts').pluck().get()).toBe(1);
    } finally {
      p.close();
    }
  });
});
