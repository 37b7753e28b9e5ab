import type { Migration } from './types';

/**
 * Schema v7: an answer to a swapped repeat can be undone, the way a judgment can.
 *
 * v4 allowed one row per repeat, so an undo after answering a repeat had nothing to append
 * and took back an older judgment of another item instead. Nothing is deleted: a repeat's
 * rows are now revisions, the current one being the latest by `created_at`, then `id` (the
 * order merges chain judgments in, so arrival order never matters); a `retract` row takes
 * the answer back and the repeat is due again, and the next answer is another row. The
 * columns keep their names and order (labeller packages copy the rows with `SELECT *`).
 *
 * SQLite cannot drop a UNIQUE constraint or change a CHECK in place, so the table is rebuilt;
 * nothing references it.
 */
export const repeatRevisions: Migration = {
  version: 7,
  name: 'repeat-revisions',
  up(db) {
    db.exec(`
      CREATE TABLE repeat_judgments_v7 (
        id                   TEXT PRIMARY KEY,
        repeat_id            TEXT NOT NULL REFERENCES repeats(id),
        kind                 TEXT NOT NULL CHECK (kind IN ('pairwise', 'ranking', 'rating', 'skip', 'retract')),
        outcome              TEXT CHECK (outcome IN ('preferred', 'tie', 'both_bad')),
        chosen_idx           INTEGER,
        rejected_idx         INTEGER,
        strength             INTEGER,
        payload_json         TEXT,
        criteria_json        TEXT,
        flags_json           TEXT,
        rationale            TEXT,
        displayed_order_json TEXT NOT NULL,
        time_ms              INTEGER NOT NULL,
        guideline_version    INTEGER NOT NULL,
        task_version         INTEGER NOT NULL,
        created_at           INTEGER NOT NULL,
        CHECK ((kind = 'pairwise') = (outcome IS NOT NULL)),
        CHECK (outcome IS NULL OR (chosen_idx IS NOT NULL AND rejected_idx IS NOT NULL AND chosen_idx <> rejected_idx))
      ) STRICT;
      INSERT INTO repeat_judgments_v7 SELECT * FROM repeat_judgments;
      DROP TABLE repeat_judgments;
      ALTER TABLE repeat_judgments_v7 RENAME TO repeat_judgments;
      CREATE INDEX repeat_judgments_chain ON repeat_judgments (repeat_id, created_at, id);
    `);
  },
};
