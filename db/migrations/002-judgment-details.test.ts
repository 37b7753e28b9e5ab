import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openProject } from '../open';
import { tempDir } from '../test-support/temp-project';
import { initial } from './001-initial';
import { judgmentDetails } from './002-judgment-details';

describe('migration 002 (judgment details)', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.cleanup());

  it('upgrades a v1 file with judgments in it, keeping every row and defaulting the new columns', () => {
    const path = join(t.dir, 'v1.rankwise');
    const v1 = openProject(path, { create: true, migrations: [initial] });
    expect(v1.schemaVersion).toBe(1);
    v1.db.exec(`
      INSERT INTO labellers VALUES ('L', 'Ada', 1);
      INSERT INTO items (seq, id, prompt_json, content_hash, created_at) VALUES (1, 'i', '"p"', 'h', 1);
      INSERT INTO responses VALUES (1, 0, NULL, 'a', NULL), (1, 1, NULL, 'b', NULL);
      INSERT INTO judgments (id, item_id, labeller_id, revision, kind, outcome, chosen_idx, rejected_idx, displayed_order_json, time_ms, guideline_version, created_at)
        VALUES ('j', 'i', 'L', 1, 'pairwise', 'preferred', 1, 0, '[1,0]', 10, 1, 5);
    `);
    v1.close();

    const v2 = openProject(path, { migrations: [initial, judgmentDetails] });
    expect(v2.schemaVersion).toBe(2);
    expect(
      v2.db
        .prepare('SELECT id, chosen_idx, criteria_json, flags_json, task_version FROM judgments')
        .all(),
    ).toEqual([{ id: 'j', chosen_idx: 1, criteria_json: null, flags_json: null, task_version: 1 }]);
    // The new tables exist and enforce their keys.
    v2.db.prepare("INSERT INTO drafts VALUES ('L', 'i', '{}', 1)").run();
    expect(() => v2.db.prepare("INSERT INTO drafts VALUES ('nobody', 'i', '{}', 1)").run()).toThrow(
      /FOREIGN KEY/,
    );
    expect(() =>
      v2.db
        .prepare(
          "INSERT INTO reviews (id, item_id, reviewer_id, revision, kind, created_at) VALUES ('r', 'i', 'L', 1, 'pairwise', 1)",
        )
        .run(),
    ).toThrow(/CHECK/);
    v2.close();
  });
});
