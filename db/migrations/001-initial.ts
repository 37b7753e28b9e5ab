import type { Migration } from './types';

/**
 * Schema v1. Conventions: STRICT tables, snake_case, ms-epoch integers, enums as
 * TEXT CHECK(...), JSON in TEXT columns named *_json. Nothing is deleted: judgments are
 * revised (append-only), items archived.
 */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE project_settings (
        key   TEXT PRIMARY KEY,
        value_json TEXT NOT NULL
      ) STRICT;

      CREATE TABLE labellers (
        id         TEXT PRIMARY KEY,
        name       TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE imports (
        id          TEXT PRIMARY KEY,
        file_name   TEXT NOT NULL,
        format      TEXT NOT NULL,
        items_added INTEGER NOT NULL,
        duplicates  INTEGER NOT NULL,
        skipped     INTEGER NOT NULL,
        created_at  INTEGER NOT NULL
      ) STRICT;

      -- seq is the rowid: the order items were added, and the queue order.
      CREATE TABLE items (
        seq           INTEGER PRIMARY KEY,
        id            TEXT NOT NULL UNIQUE,
        prompt_json   TEXT NOT NULL,
        content_hash  TEXT NOT NULL,
        metadata_json TEXT,
        import_id     TEXT REFERENCES imports(id),
        archived      INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
        created_at    INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE responses (
        item_seq      INTEGER NOT NULL REFERENCES items(seq),
        idx           INTEGER NOT NULL CHECK (idx >= 0),
        model         TEXT,
        content       TEXT NOT NULL,
        metadata_json TEXT,
        PRIMARY KEY (item_seq, idx)
      ) STRICT, WITHOUT ROWID;

      -- One row per revision. A revision supersedes the labeller's previous one on the item;
      -- an undo is a 'retract' revision. chosen_idx/rejected_idx are response indices (source
      -- order), never display positions; for tie/both_bad they hold the compared pair.
      CREATE TABLE judgments (
        id                TEXT PRIMARY KEY,
        item_id           TEXT NOT NULL REFERENCES items(id),
        labeller_id       TEXT NOT NULL REFERENCES labellers(id),
        revision          INTEGER NOT NULL CHECK (revision >= 1),
        supersedes        TEXT REFERENCES judgments(id),
        kind              TEXT NOT NULL CHECK (kind IN ('pairwise', 'ranking', 'rating', 'skip', 'retract')),
        outcome           TEXT CHECK (outcome IN ('preferred', 'tie', 'both_bad')),
        chosen_idx        INTEGER,
        rejected_idx      INTEGER,
        strength          INTEGER,
        payload_json      TEXT,
        rationale         TEXT,
        displayed_order_json TEXT NOT NULL,
        time_ms           INTEGER NOT NULL,
        guideline_version INTEGER NOT NULL,
        created_at        INTEGER NOT NULL,
        UNIQUE (item_id, labeller_id, revision),
        CHECK ((kind = 'pairwise') = (outcome IS NOT NULL)),
        CHECK (outcome IS NULL OR (chosen_idx IS NOT NULL AND rejected_idx IS NOT NULL AND chosen_idx <> rejected_idx))
      ) STRICT;
      CREATE INDEX judgments_by_labeller_time ON judgments (labeller_id, created_at);

      -- The latest revision per (item, labeller): derived from judgments, kept in step by the
      -- same transaction that appends a revision, so queue and progress queries stay O(log n).
      CREATE TABLE judgment_heads (
        item_id     TEXT NOT NULL REFERENCES items(id),
        labeller_id TEXT NOT NULL REFERENCES labellers(id),
        judgment_id TEXT NOT NULL REFERENCES judgments(id),
        revision    INTEGER NOT NULL,
        kind        TEXT NOT NULL,
        PRIMARY KEY (labeller_id, item_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
