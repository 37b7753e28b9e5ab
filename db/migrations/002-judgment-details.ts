import type { Migration } from './types';

/**
 * Schema v2: what a judgment can carry beyond the overall choice, and the tables that later
 * flows write.
 * - judgments.criteria_json: per-criterion verdicts, {name: response index | "tie"}.
 * - judgments.flags_json: flags raised (["unsafe", ...]).
 * - judgments.task_version: the task settings version the judgment was made under.
 * - reviews: a reviewer's adjudicated decision for an item, append-only like judgments.
 * - drafts: a half-made judgment, one per (labeller, item), so it survives a restart.
 */
export const judgmentDetails: Migration = {
  version: 2,
  name: 'judgment-details',
  up(db) {
    db.exec(`
      ALTER TABLE judgments ADD COLUMN criteria_json TEXT;
      ALTER TABLE judgments ADD COLUMN flags_json TEXT;
      ALTER TABLE judgments ADD COLUMN task_version INTEGER NOT NULL DEFAULT 1;

      CREATE TABLE reviews (
        id            TEXT PRIMARY KEY,
        item_id       TEXT NOT NULL REFERENCES items(id),
        reviewer_id   TEXT NOT NULL REFERENCES labellers(id),
        revision      INTEGER NOT NULL CHECK (revision >= 1),
        supersedes    TEXT REFERENCES reviews(id),
        kind          TEXT NOT NULL CHECK (kind IN ('pairwise', 'ranking', 'discard', 'retract')),
        outcome       TEXT CHECK (outcome IN ('preferred', 'tie', 'both_bad')),
        chosen_idx    INTEGER,
        rejected_idx  INTEGER,
        strength      INTEGER,
        payload_json  TEXT,
        note          TEXT,
        created_at    INTEGER NOT NULL,
        UNIQUE (item_id, revision),
        CHECK ((kind = 'pairwise') = (outcome IS NOT NULL)),
        CHECK (outcome IS NULL OR (chosen_idx IS NOT NULL AND rejected_idx IS NOT NULL AND chosen_idx <> rejected_idx))
      ) STRICT;

      CREATE TABLE drafts (
        labeller_id  TEXT NOT NULL REFERENCES labellers(id),
        item_id      TEXT NOT NULL REFERENCES items(id),
        draft_json   TEXT NOT NULL,
        updated_at   INTEGER NOT NULL,
        PRIMARY KEY (labeller_id, item_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
