import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openProject } from '../open';
import { tempDir } from '../test-support/temp-project';
import { initial } from './001-initial';
import { judgmentDetails } from './002-judgment-details';
import { team } from './004-team';
import { search } from './005-search';
import { judgmentFacts } from './006-judgment-facts';
import { repeatRevisions } from './007-repeat-revisions';

describe('migration 007 (repeat revisions)', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.cleanup());

  it('keeps every repeat answer of a v6 file and lets a repeat take a retraction and a new answer', () => {
    const path = join(t.dir, 'v6.rankwise');
    const v6 = openProject(path, {
      create: true,
      migrations: [initial, judgmentDetails, team, search, judgmentFacts],
    });
    v6.db.exec(`
      INSERT INTO labellers VALUES ('L', 'Ada', 1);
      INSERT INTO items (seq, id, prompt_json, content_hash, created_at) VALUES (1, 'i', '"p"', 'h', 1);
      INSERT INTO responses VALUES (1, 0, 'm1', 'a', NULL), (1, 1, 'm2', 'b', NULL);
      INSERT INTO repeats VALUES ('rep', 'L', 'i', NULL, 1);
      INSERT INTO repeat_judgments (id, repeat_id, kind, outcome, chosen_idx, rejected_idx, strength, criteria_json,
          flags_json, rationale, displayed_order_json, time_ms, guideline_version, task_version, created_at)
        VALUES ('rj', 'rep', 'pairwise', 'preferred', 1, 0, 2, '{"honesty":1}', '["unsure"]', 'why', '[0,1]', 5, 3, 2, 7);
    `);
    const before = v6.db.prepare('SELECT * FROM repeat_judgments').all();
    v6.close();

    const v7 = openProject(path, {
      migrations: [initial, judgmentDetails, team, search, judgmentFacts, repeatRevisions],
    });
    try {
      expect(v7.schemaVersion).toBe(7);
      const db = v7.db;
      expect(db.prepare('SELECT * FROM repeat_judgments').all()).toEqual(before);
      const insert = (id: string, kind: string, createdAt: number) =>
        db
          .prepare(
            `INSERT INTO repeat_judgments (id, repeat_id, kind, outcome, chosen_idx, rejected_idx, displayed_order_json,
               time_ms, guideline_version, task_version, created_at)
             VALUES (?, 'rep', ?, ?, ?, ?, '[0,1]', 0, 1, 1, ?)`,
          )
          .run(
            id,
            kind,
            kind === 'pairwise' ? 'tie' : null,
            kind === 'pairwise' ? 0 : null,
            kind === 'pairwise' ? 1 : null,
            createdAt,
          );
      // An undo is a retraction row, and the next answer another row.
      insert('rj2', 'retract', 8);
      insert('rj3', 'pairwise', 9);
      expect(
        db.prepare('SELECT id FROM repeat_judgments ORDER BY created_at').pluck().all(),
      ).toEqual(['rj', 'rj2', 'rj3']);
      // The rules that stay: a known repeat, a pairwise answer names two responses.
      expect(() =>
        db
          .prepare(
            `INSERT INTO repeat_judgments (id, repeat_id, kind, displayed_order_json, time_ms, guideline_version,
               task_version, created_at) VALUES ('x', 'nope', 'skip', '[0,1]', 0, 1, 1, 1)`,
          )
          .run(),
      ).toThrow(/FOREIGN KEY/);
      expect(() =>
        db
          .prepare(
            `INSERT INTO repeat_judgments (id, repeat_id, kind, displayed_order_json, time_ms, guideline_version,
               task_version, created_at) VALUES ('y', 'rep', 'pairwise', '[0,1]', 0, 1, 1, 1)`,
          )
          .run(),
      ).toThrow(/CHECK/);
      // A repeat's chain is read through its index.
      const plan = db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT id FROM repeat_judgments WHERE repeat_id = 'rep'
            ORDER BY created_at DESC, id DESC LIMIT 1`,
        )
        .all()
        .map((r) => (r as { detail: string }).detail)
        .join(' ');
      expect(plan).toMatch(/INDEX repeat_judgments_chain/);
    } finally {
      v7.close();
    }
  });
});
