import type { Migration } from './types';

/**
 * Schema v4: the team workflow.
 * - assignments: per-labeller queues (which items, in what order). A labeller with none
 *   labels every item in item order, as before.
 * - gold: items with a known answer (response indices), hidden from labellers by default:
 *   a hidden answer never leaves the lead's file in a labeller package.
 * - repeats: a swapped repeat, the same item shown to the same labeller again later with the
 *   responses in the other order; shown once `after_item_id` is judged (NULL: at the end).
 * - repeat_judgments: the answer to a repeat. Not a revision of the first judgment (it must
 *   not replace it), so it has a table of its own; one answer per repeat.
 * - responses_models, items_archived, items_prompt_key: indices so agreement and the
 *   leaderboard read model names, the archive and which items share a prompt without reading
 *   prompt or response text (the prompt key is its length and first 100 characters; equal
 *   keys are then compared in full).
 */
export const team: Migration = {
  version: 4,
  name: 'team',
  up(db) {
    db.exec(`
      CREATE TABLE assignments (
        labeller_id TEXT NOT NULL REFERENCES labellers(id),
        item_id     TEXT NOT NULL REFERENCES items(id),
        position    INTEGER NOT NULL,
        created_at  INTEGER NOT NULL,
        PRIMARY KEY (labeller_id, item_id)
      ) STRICT, WITHOUT ROWID;
      CREATE UNIQUE INDEX assignments_queue ON assignments (labeller_id, position);

      CREATE TABLE gold (
        item_id      TEXT PRIMARY KEY REFERENCES items(id),
        kind         TEXT NOT NULL CHECK (kind IN ('pairwise', 'ranking')),
        outcome      TEXT CHECK (outcome IN ('preferred', 'tie', 'both_bad')),
        chosen_idx   INTEGER,
        rejected_idx INTEGER,
        payload_json TEXT,
        hidden       INTEGER NOT NULL DEFAULT 1 CHECK (hidden IN (0, 1)),
        note         TEXT,
        created_at   INTEGER NOT NULL,
        CHECK ((kind = 'pairwise') = (outcome IS NOT NULL)),
        CHECK (outcome IS NULL OR (chosen_idx IS NOT NULL AND rejected_idx IS NOT NULL AND chosen_idx <> rejected_idx)),
        CHECK ((kind = 'ranking') = (payload_json IS NOT NULL))
      ) STRICT;

      CREATE TABLE repeats (
        id            TEXT PRIMARY KEY,
        labeller_id   TEXT NOT NULL REFERENCES labellers(id),
        item_id       TEXT NOT NULL REFERENCES items(id),
        after_item_id TEXT REFERENCES items(id),
        created_at    INTEGER NOT NULL,
        UNIQUE (labeller_id, item_id)
      ) STRICT;

      CREATE TABLE repeat_judgments (
        id                   TEXT PRIMARY KEY,
        repeat_id            TEXT NOT NULL UNIQUE REFERENCES repeats(id),
        kind                 TEXT NOT NULL CHECK (kind IN ('pairwise', 'ranking', 'rating', 'skip')),
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

      CREATE INDEX responses_models ON responses (item_seq, idx, model);
      CREATE INDEX items_archived ON items (id) WHERE archived = 1;
      CREATE INDEX items_prompt_key ON items (octet_length(prompt_json), substr(prompt_json, 1, 100));
    `);
  },
};
