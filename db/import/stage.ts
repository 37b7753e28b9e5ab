import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../open';
import { stmt } from '../statements';
import { readStagedFile, StagedFileWriter } from './staged-file';

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
  /** Lines of staged items someone else added to the project meanwhile, identical: now duplicates. */
  lateDuplicates: number[];
  /** Staged items whose id someone else added meanwhile with other content. */
  lateConflicts: Array<{ line: number; id: string }>;
}

const STAGE_BATCH_ROWS = 4000;
/** The staging database: a file of its own in the import's temp folder, attached by this name. */
const STAGE_DB = 'rankwise_stage';
const IDS = `${STAGE_DB}.ids`;
/** Page cache of the staging database: what it may hold in memory, however many items there are. */
const STAGE_CACHE_KIB = 16 * 1024;

/**
 * The staging area of one import, never in the project file: the items themselves go to a flat
 * temp file (`staged-file.ts`), and their ids, hashes and lines to a table in a scratch database
 * attached to the importing connection, to find duplicates and clashes as the source is read. Nothing locks the
 * project meanwhile, so judgments keep being saved; `merge` then inserts the items into the
 * project in one transaction. A failed or cancelled import only ever touched the temp files.
 */
export class Stage {
  private readonly insertId;
  private readonly findStaged;
  private readonly findInProject;
  private readonly dir: string;
  private readonly file: string;
  private readonly writer: StagedFileWriter;
  /** Items in the project when staging began: anything newer was added by someone else meanwhile. */
  readonly maxSeqAtStart: number;
  private pendingRows = 0;

  constructor(private readonly db: Db) {
    const attached = db.prepare('PRAGMA database_list').all() as Array<{ name: string }>;
    if (attached.some((d) => d.name === STAGE_DB))
      throw new Error('another import is already running on this connection');
    // The ids go to a database file of their own, not the connection's TEMP database: project
    // connections keep TEMP in memory (temp_store = MEMORY, for trigger journals), where a
    // million ids would take 70 MB more; this one's pages live on disk past a bounded cache,
    // so memory stays flat however big the file. Thrown away on any outcome: no journal, no
    // syncing.
    this.dir = mkdtempSync(join(tmpdir(), 'rankwise-import-'));
    this.file = join(this.dir, 'items.bin');
    // An empty file is an empty database; created here because a connection opened on an
    // existing project may not create files (better-sqlite3's fileMustExist), ATTACH included.
    const ids = join(this.dir, 'ids.db');
    writeFileSync(ids, '');
    db.prepare(`ATTACH ? AS ${STAGE_DB}`).run(ids);
    db.pragma(`${STAGE_DB}.journal_mode = OFF`);
    db.pragma(`${STAGE_DB}.synchronous = OFF`);
    db.pragma(`${STAGE_DB}.cache_size = -${STAGE_CACHE_KIB}`);
    db.exec(`
      CREATE TABLE ${IDS} (
        id           TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL,
        line         INTEGER NOT NULL
      ) WITHOUT ROWID;
    `);
    this.insertId = db.prepare(`INSERT INTO ${IDS} (id, content_hash, line) VALUES (?, ?, ?)`);
    this.findStaged = db.prepare<[string], { content_hash: string; line: number }>(
      `SELECT content_hash, line FROM ${IDS} WHERE id = ?`,
    );
    this.findInProject = db.prepare<[string], { content_hash: string; import_id: string | null }>(
      'SELECT content_hash, import_id FROM main.items WHERE id = ?',
    );
    this.maxSeqAtStart = (
      db.prepare('SELECT coalesce(max(seq), 0) AS n FROM main.items').get() as { n: number }
    ).n;
    this.writer = new StagedFileWriter(this.file);
    db.exec('BEGIN');
  }

  inProject(id: string): { content_hash: string; import_id: string | null } | undefined {
    return this.findInProject.get(id);
  }

  staged(id: string): { content_hash: string; line: number } | undefined {
    return this.findStaged.get(id);
  }

  add(item: StagedItem): void {
    this.insertId.run(item.id, item.contentHash, item.line);
    this.writer.append(item);
    // Commit now and then so each batch reads a fresh snapshot of the project.
    if (++this.pendingRows >= STAGE_BATCH_ROWS) {
      this.db.exec('COMMIT; BEGIN');
      this.pendingRows = 0;
    }
  }

  /** Finish staging (nothing is in the project yet). */
  seal(): void {
    if (this.db.inTransaction) this.db.exec('COMMIT');
    this.writer.flush();
  }

  /**
   * Insert the staged items into the project, in source order. Runs inside the caller's write
   * transaction: first re-checks ids against items others added since staging began.
   */
  merge(
    importId: string,
    now: number,
    onConflict: (c: { line: number; id: string }) => void,
    checkCancelled: () => void = () => undefined,
  ): MergeOutcome {
    const db = this.db;
    const late = db
      .prepare<[number], { line: number; id: string; same: number }>(
        `SELECT s.line, s.id, (s.content_hash = m.content_hash) AS same
           FROM main.items m JOIN ${IDS} s ON s.id = m.id
          WHERE m.seq > ? ORDER BY s.line`,
      )
      .all(this.maxSeqAtStart);
    const lateConflicts: MergeOutcome['lateConflicts'] = [];
    const skip = new Set<string>();
    const lateDuplicates: number[] = [];
    for (const row of late) {
      skip.add(row.id);
      if (row.same) lateDuplicates.push(row.line);
      else {
        const conflict = { line: row.line, id: row.id };
        onConflict(conflict);
        lateConflicts.push(conflict);
      }
    }
    const insertItem = stmt(
      db,
      'INSERT INTO main.items (id, prompt_json, content_hash, metadata_json, import_id, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const insertResponse = stmt(
      db,
      'INSERT INTO main.responses (item_seq, idx, model, content, metadata_json) VALUES (?, ?, ?, ?, ?)',
    );
    let itemsAdded = 0;
    let responsesAdded = 0;
    for (const item of readStagedFile(this.file)) {
      if (skip.size > 0 && skip.has(item.id)) continue;
      const { lastInsertRowid } = insertItem.run(
        item.id,
        item.promptJson,
        item.contentHash,
        item.metadataJson,
        importId,
        now,
      );
      const r = item.responses;
      for (let i = 0; i < r.length; i++)
        insertResponse.run(lastInsertRowid, i, r[i]!.model, r[i]!.content, r[i]!.metadataJson);
      itemsAdded++;
      responsesAdded += r.length;
      if ((itemsAdded & 1023) === 0) checkCancelled();
    }
    return { itemsAdded, responsesAdded, lateDuplicates, lateConflicts };
  }

  /** Remove the staging files (after a merge, a failure or a cancel alike). */
  dispose(): void {
    try {
      this.writer.close();
    } finally {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      this.db.exec(`DETACH ${STAGE_DB}`);
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}
