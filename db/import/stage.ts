import type { Db } from '../open';

/** One item ready to store: its JSON columns already serialised, its hash computed. */
export interface StagedItem {
  id: string;
  line: number;
  promptJson: string;
  contentHash: string;
  metadataJson: string | null;
  responses: Array<{ model: string | null; content: string; metadataJson: string | null }>;
}

export interface MergeOutcome {
  itemsAdded: number;
  responsesAdded: number;
  /** Staged items someone else added to the project meanwhile, identical: now duplicates. */
  lateDuplicates: number;
  /** Staged items whose id someone else added meanwhile with other content. */
  lateConflicts: Array<{ line: number; id: string }>;
}

const STAGE_BATCH_ROWS = 4000;
const ITEMS = 'temp.rankwise_stage_items';
const RESPONSES = 'temp.rankwise_stage_responses';

/**
 * The staging area of one import: temp tables on the importing connection (a private temp
 * file, never the project file). Items are written here while the file is read, with no lock
 * on the project, so judgments keep being saved; `merge` then copies them into the project in
 * one short transaction. A failed or cancelled import only ever touched the temp tables.
 */
export class Stage {
  private readonly insertItem;
  private readonly insertResponse;
  private readonly findStaged;
  private readonly findInProject;
  /** Items in the project when staging began: anything newer was added by someone else meanwhile. */
  readonly maxSeqAtStart: number;
  private pendingRows = 0;

  constructor(private readonly db: Db) {
    const exists = db
      .prepare("SELECT 1 FROM temp.sqlite_schema WHERE name = 'rankwise_stage_items'")
      .get();
    if (exists) throw new Error('another import is already running on this connection');
    // The staging tables are thrown away on any failure, so they need no rollback journal.
    db.pragma('temp.journal_mode = OFF');
    db.pragma('temp.cache_size = -16000');
    db.exec(`
      CREATE TABLE ${ITEMS} (
        seq           INTEGER PRIMARY KEY,
        id            TEXT NOT NULL UNIQUE,
        line          INTEGER NOT NULL,
        prompt_json   TEXT NOT NULL,
        content_hash  TEXT NOT NULL,
        metadata_json TEXT,
        excluded      INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE ${RESPONSES} (
        item_seq      INTEGER NOT NULL,
        idx           INTEGER NOT NULL,
        model         TEXT,
        content       TEXT NOT NULL,
        metadata_json TEXT,
        PRIMARY KEY (item_seq, idx)
      ) WITHOUT ROWID;
    `);
    this.insertItem = db.prepare(
      `INSERT INTO ${ITEMS} (id, line, prompt_json, content_hash, metadata_json) VALUES (?, ?, ?, ?, ?)`,
    );
    this.insertResponse = db.prepare(`INSERT INTO ${RESPONSES} VALUES (?, ?, ?, ?, ?)`);
    this.findStaged = db.prepare<[string], { content_hash: string; line: number }>(
      `SELECT content_hash, line FROM ${ITEMS} WHERE id = ?`,
    );
    this.findInProject = db.prepare<[string], { content_hash: string }>(
      'SELECT content_hash FROM main.items WHERE id = ?',
    );
    this.maxSeqAtStart = (
      db.prepare('SELECT coalesce(max(seq), 0) AS n FROM main.items').get() as { n: number }
    ).n;
    db.exec('BEGIN');
  }

  inProject(id: string): { content_hash: string } | undefined {
    return this.findInProject.get(id);
  }

  staged(id: string): { content_hash: string; line: number } | undefined {
    return this.findStaged.get(id);
  }

  add(item: StagedItem): void {
    const { lastInsertRowid } = this.insertItem.run(
      item.id,
      item.line,
      item.promptJson,
      item.contentHash,
      item.metadataJson,
    );
    const r = item.responses;
    for (let i = 0; i < r.length; i++)
      this.insertResponse.run(lastInsertRowid, i, r[i]!.model, r[i]!.content, r[i]!.metadataJson);
    // Commit now and then so each batch reads a fresh snapshot of the project.
    this.pendingRows += 1 + r.length;
    if (this.pendingRows >= STAGE_BATCH_ROWS) {
      this.db.exec('COMMIT; BEGIN');
      this.pendingRows = 0;
    }
  }

  /** Finish staging (nothing is in the project yet). */
  seal(): void {
    if (this.db.inTransaction) this.db.exec('COMMIT');
  }

  /**
   * Copy the staged items into the project. Runs inside the caller's write transaction:
   * first re-checks ids against items others added since staging began, then copies.
   */
  merge(
    importId: string,
    now: number,
    onConflict: (c: { line: number; id: string }) => void,
  ): MergeOutcome {
    const db = this.db;
    const late = db
      .prepare<[number], { seq: number; line: number; id: string; same: number }>(
        `SELECT s.seq, s.line, s.id, (s.content_hash = m.content_hash) AS same
           FROM main.items m JOIN ${ITEMS} s ON s.id = m.id
          WHERE m.seq > ? ORDER BY s.seq`,
      )
      .all(this.maxSeqAtStart);
    const lateConflicts: MergeOutcome['lateConflicts'] = [];
    let lateDuplicates = 0;
    const exclude = db.prepare(`UPDATE ${ITEMS} SET excluded = 1 WHERE seq = ?`);
    for (const row of late) {
      exclude.run(row.seq);
      if (row.same) lateDuplicates++;
      else {
        const conflict = { line: row.line, id: row.id };
        onConflict(conflict);
        lateConflicts.push(conflict);
      }
    }
    const offset = (
      db.prepare('SELECT coalesce(max(seq), 0) AS n FROM main.items').get() as { n: number }
    ).n;
    const items = db
      .prepare(
        `INSERT INTO main.items (seq, id, prompt_json, content_hash, metadata_json, import_id, created_at)
         SELECT seq + ?, id, prompt_json, content_hash, metadata_json, ?, ? FROM ${ITEMS}
          WHERE excluded = 0 ORDER BY seq`,
      )
      .run(offset, importId, now).changes;
    const responses = db
      .prepare(
        late.length === 0
          ? `INSERT INTO main.responses (item_seq, idx, model, content, metadata_json)
             SELECT item_seq + ?, idx, model, content, metadata_json FROM ${RESPONSES}`
          : `INSERT INTO main.responses (item_seq, idx, model, content, metadata_json)
             SELECT r.item_seq + ?, r.idx, r.model, r.content, r.metadata_json
               FROM ${RESPONSES} r JOIN ${ITEMS} s ON s.seq = r.item_seq WHERE s.excluded = 0`,
      )
      .run(offset).changes;
    return { itemsAdded: items, responsesAdded: responses, lateDuplicates, lateConflicts };
  }

  /** Drop the staging tables (after a merge, a failure or a cancel alike). */
  dispose(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.db.exec(`DROP TABLE IF EXISTS ${ITEMS}; DROP TABLE IF EXISTS ${RESPONSES};`);
  }
}
