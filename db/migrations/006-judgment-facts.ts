import type { Database } from 'better-sqlite3';
import type { Migration } from './types';

/**
 * Schema v6: judgment_facts, the numbers of every judgment revision as agreement and the
 * leaderboard read them, packed in a fixed-width binary record.
 *
 * Reading 300k judgments for analysis meant, per row, two index lookups (item id → seq,
 * labeller id → rowid), a dozen text comparisons and a text conversion per column; that was
 * two thirds of the review screen's compute time at 100k items. A fact is computed once, when
 * its judgment is written, and the analysis reads the records back-to-back as one BLOB per
 * chunk (`db/analysis/load.ts`). Derived data, like judgment_heads and the search index:
 * triggers keep it in step with whatever writes judgments (labelling, merges, packages), and
 * salvage rebuilds it. Linked by judgment id, not rowid: VACUUM may renumber the rowids of
 * judgments, whose primary key is text. Its own rowid is the order facts were written (about
 * time order), which the analysis reads in: Elo then rarely needs a sort.
 *
 * `packed` (40 bytes, big-endian):
 *   u32 item seq · u32 labeller rowid · u32 revision · u32 code · u32 chosen + 1 ·
 *   u32 rejected + 1 · i64 time_ms · i64 created_at
 * code = kind (0 pairwise, 1 ranking, 2 rating, 3 skip, 4 retract) + 8 outcome (0 preferred,
 *   1 tie, 2 both bad) + 32 leftWon (0, 1, 2 = not a preference) + 128 (strength + 1)
 *   + 2^20 when the fact has a detail.
 * `detail`: the criteria (pairwise) or the payload (ranking, rating) JSON; NULL otherwise.
 */
export const FACT_BYTES = 40;
export const HAS_DETAIL = 1 << 20;

/** The packed record and detail of the judgments row `j` (a table alias, or NEW in a trigger). */
export function factColumns(j: string): { packed: string; detail: string } {
  const order = `',' || substr(${j}.displayed_order_json, 2, length(${j}.displayed_order_json) - 2) || ','`;
  const kind = `CASE ${j}.kind WHEN 'pairwise' THEN 0 WHEN 'ranking' THEN 1 WHEN 'rating' THEN 2 WHEN 'skip' THEN 3 ELSE 4 END`;
  const outcome = `CASE ${j}.outcome WHEN 'tie' THEN 1 WHEN 'both_bad' THEN 2 ELSE 0 END`;
  const left = `CASE WHEN ${j}.outcome IS NOT 'preferred' THEN 2
    ELSE instr(${order}, ',' || ${j}.chosen_idx || ',') < instr(${order}, ',' || ${j}.rejected_idx || ',') END`;
  const detail = `CASE ${j}.kind WHEN 'pairwise' THEN ${j}.criteria_json
    WHEN 'ranking' THEN ${j}.payload_json WHEN 'rating' THEN ${j}.payload_json END`;
  const code = `(${kind}) + 8 * (${outcome}) + 32 * (${left}) + 128 * coalesce(${j}.strength + 1, 0)
    + CASE WHEN (${detail}) IS NULL THEN 0 ELSE ${HAS_DETAIL} END`;
  const packed = `unhex(printf('%08x%08x%08x%08x%08x%08x%016x%016x',
    coalesce((SELECT seq FROM items WHERE id = ${j}.item_id), 0),
    coalesce((SELECT rowid FROM labellers WHERE id = ${j}.labeller_id), 0),
    ${j}.revision, ${code},
    coalesce(${j}.chosen_idx + 1, 0), coalesce(${j}.rejected_idx + 1, 0),
    ${j}.time_ms, ${j}.created_at))`;
  return { packed, detail };
}

/** Recompute every fact from the judgments (salvage, and a file whose facts are out of step). */
export function rebuildFacts(db: Database): void {
  const { packed, detail } = factColumns('j');
  db.exec(`
    DELETE FROM judgment_facts;
    INSERT INTO judgment_facts (judgment_id, packed, detail)
      SELECT j.id, ${packed}, ${detail} FROM judgments j ORDER BY j.rowid;
  `);
}

export const judgmentFacts: Migration = {
  version: 6,
  name: 'judgment-facts',
  up(db) {
    const fact = factColumns('NEW');
    db.exec(`
      CREATE TABLE judgment_facts (
        judgment_id TEXT NOT NULL UNIQUE,
        packed      BLOB NOT NULL,
        detail      TEXT
      ) STRICT;

      CREATE TRIGGER judgment_facts_insert AFTER INSERT ON judgments BEGIN
        INSERT OR REPLACE INTO judgment_facts (judgment_id, packed, detail)
        VALUES (NEW.id, ${fact.packed}, ${fact.detail});
      END;

      -- Merges renumber revisions in place; nothing else updates a judgment, but any update
      -- recomputes its fact.
      CREATE TRIGGER judgment_facts_update AFTER UPDATE ON judgments BEGIN
        DELETE FROM judgment_facts WHERE judgment_id = OLD.id;
        INSERT OR REPLACE INTO judgment_facts (judgment_id, packed, detail)
        VALUES (NEW.id, ${fact.packed}, ${fact.detail});
      END;

      CREATE TRIGGER judgment_facts_delete AFTER DELETE ON judgments BEGIN
        DELETE FROM judgment_facts WHERE judgment_id = OLD.id;
      END;
    `);
    rebuildFacts(db);
  },
};
