import type { Migration } from './types';

/**
 * Schema v10: judges, sources of verdicts that are not people (an LLM judge, a reward model,
 * the verdicts a dataset brought with it), stored apart from human judgments so they can never
 * count as labels: nothing that reads `judgments` (agreement between people, gold accuracy,
 * queues, progress, exports) sees them unless it asks for them by name.
 *
 * - judges: one row per judge, named (unique): its kind, the model behind it and the prompt
 *   template version it was run with (an LLM judge), when it was made and last added to.
 * - judge_verdicts: one verdict per (judge, item, pair of responses, order shown). The pair is
 *   in source order (`pair_lo` < `pair_hi`); `shown_first` is the response shown first, or −1
 *   when the order is not known (an imported verdict without one). `outcome` is a preference
 *   (`winner` is then one of the pair), a tie, both bad, or `none`: the judge was asked and its
 *   reply could not be read as a verdict (`raw_reply` keeps the reply as it came, never
 *   guessed). `scores_json` is a reward model's score per response (source order) and
 *   `margin` the absolute score difference of the pair, which triage reads. Token counts come
 *   from the endpoint's `usage`.
 * - judgments.suggestion_json, repeat_judgments.suggestion_json: the judge's suggestion that
 *   was on screen when the verdict was made (`{judge, shown, outcome, chosen, rejected}`), or
 *   NULL when none was: the audit compares anchored and unanchored agreement from it. Written
 *   with the verdict columns (db/verdict-columns.ts), so every path that writes a verdict
 *   carries it. Adding a column rewrites nothing; judgment_facts' triggers name their columns
 *   and are unaffected. A partial index lists the judgments that have one.
 */
export const judges: Migration = {
  version: 10,
  name: 'judges',
  up(db) {
    db.exec(`
      CREATE TABLE judges (
        id               INTEGER PRIMARY KEY,
        name             TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
        kind             TEXT NOT NULL CHECK (kind IN ('llm', 'reward-model', 'dataset')),
        model            TEXT,
        template_version INTEGER,
        created_at       INTEGER NOT NULL,
        updated_at       INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE judge_verdicts (
        judge_id          INTEGER NOT NULL REFERENCES judges(id),
        item_seq          INTEGER NOT NULL REFERENCES items(seq),
        pair_lo           INTEGER NOT NULL,
        pair_hi           INTEGER NOT NULL,
        shown_first       INTEGER NOT NULL,
        outcome           TEXT NOT NULL CHECK (outcome IN ('preferred', 'tie', 'both_bad', 'none')),
        winner            INTEGER,
        scores_json       TEXT,
        margin            REAL,
        rationale         TEXT,
        raw_reply         TEXT,
        prompt_tokens     INTEGER,
        completion_tokens INTEGER,
        template_version  INTEGER,
        created_at        INTEGER NOT NULL,
        PRIMARY KEY (judge_id, item_seq, pair_lo, pair_hi, shown_first),
        CHECK (pair_lo >= 0 AND pair_lo < pair_hi),
        CHECK ((outcome = 'preferred') = (winner IS NOT NULL)),
        CHECK (winner IS NULL OR winner IN (pair_lo, pair_hi)),
        CHECK (shown_first IN (-1, pair_lo, pair_hi))
      ) STRICT;
      CREATE INDEX judge_verdicts_by_item ON judge_verdicts (item_seq, judge_id);

      ALTER TABLE judgments ADD COLUMN suggestion_json TEXT;
      ALTER TABLE repeat_judgments ADD COLUMN suggestion_json TEXT;
      -- The anchored judgments, which the audit reads without scanning every judgment.
      CREATE INDEX judgments_suggested ON judgments (item_id, labeller_id) WHERE suggestion_json IS NOT NULL;
    `);
  },
};
