import type { Db } from '../open';
import { stmt } from '../statements';

/**
 * Put the revisions of each (labeller, item) in their canonical order — creation time, then
 * id (shared/formats/annotations.ts `chainOrder`) — numbering them 1..n with `supersedes`
 * pointing at the one before, and move `judgment_heads` to the last. Only rows whose place
 * changes are written. Runs inside the merge's transaction.
 */
export function renumberChains(
  db: Db,
  pairs: ReadonlyArray<{ labellerId: string; itemId: string }>,
): void {
  if (pairs.length === 0) return;
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS merge_pairs (labeller_id TEXT NOT NULL, item_id TEXT NOT NULL, PRIMARY KEY (labeller_id, item_id)) WITHOUT ROWID;
           CREATE TEMP TABLE IF NOT EXISTS merge_order (id TEXT PRIMARY KEY, rn INTEGER NOT NULL, prev TEXT, last INTEGER NOT NULL) WITHOUT ROWID;
           DELETE FROM merge_pairs; DELETE FROM merge_order;`);
  const add = stmt(db, 'INSERT OR IGNORE INTO merge_pairs VALUES (?, ?)');
  for (const p of pairs) add.run(p.labellerId, p.itemId);
  db.exec(`
    INSERT INTO merge_order (id, rn, prev, last)
    SELECT j.id,
           row_number() OVER w,
           lag(j.id) OVER w,
           row_number() OVER w = count(*) OVER (PARTITION BY j.labeller_id, j.item_id)
      FROM judgments j JOIN merge_pairs p ON p.labeller_id = j.labeller_id AND p.item_id = j.item_id
    WINDOW w AS (PARTITION BY j.labeller_id, j.item_id ORDER BY j.created_at, j.id);

    -- Two steps so no intermediate state breaks UNIQUE (item_id, labeller_id, revision).
    UPDATE judgments SET revision = revision + 2000000000
     WHERE id IN (SELECT o.id FROM merge_order o JOIN judgments j ON j.id = o.id
                   WHERE j.revision <> o.rn OR j.supersedes IS NOT o.prev);
    UPDATE judgments SET revision = (SELECT rn FROM merge_order o WHERE o.id = judgments.id),
                         supersedes = (SELECT prev FROM merge_order o WHERE o.id = judgments.id)
     WHERE revision >= 2000000000;

    INSERT INTO judgment_heads (item_id, labeller_id, judgment_id, revision, kind)
    SELECT j.item_id, j.labeller_id, j.id, j.revision, j.kind
      FROM merge_order o JOIN judgments j ON j.id = o.id WHERE o.last
    ON CONFLICT (labeller_id, item_id) DO UPDATE SET judgment_id = excluded.judgment_id,
      revision = excluded.revision, kind = excluded.kind
    WHERE judgment_id IS NOT excluded.judgment_id OR revision IS NOT excluded.revision OR kind IS NOT excluded.kind;
  `);
}
