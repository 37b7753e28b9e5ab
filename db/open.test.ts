import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../shared/api/errors';
import { LATEST_SCHEMA_VERSION, migrations } from './migrations';
import { openProject } from './open';
import { listBackupEntries } from './backups/store';
import { tempDir } from './test-support/temp-project';

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

describe('openProject', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.cleanup());

  it('creates a new file at the latest schema with durable pragmas', () => {
    const p = openProject(join(t.dir, 'new.rankwise'), { create: true });
    try {
      expect(p.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      expect(p.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(p.db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(p.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(p.db.pragma('busy_timeout', { simple: true })).toBe(5000);
      const tables = p.db
        // FTS5's own shadow tables (item_search_data, …) are its business, not the schema's.
        .prepare(
          "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'item\\_search\\_%' ESCAPE '\\' ORDER BY name",
        )
        .pluck()
        .all();
      expect(tables).toEqual([
        'access_tokens',
        'assignments',
        'audit_log',
        'drafts',
        'gold',
        'imports',
        'item_load',
        'item_search',
        'items',
        'judge_verdicts',
        'judged_days',
        'judges',
        'judgment_facts',
        'judgment_heads',
        'judgments',
        'labeller_counts',
        'labellers',
        'lease_cursor',
        'lease_holes',
        'leases',
        'load_histogram',
        'project_counts',
        'project_settings',
        'queue_frontier',
        'queue_holes',
        'repeat_judgments',
        'repeats',
        'responses',
        'reviews',
        'team_members',
      ]);
      const strict = p.db
        .prepare(
          "SELECT count(*) FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND strict = 0",
        )
        .pluck()
        .get();
      expect(strict).toBe(0);
    } finally {
      p.close();
    }
  });

  it('refuses a missing file unless asked to create it', () => {
    expect(() => openProject(join(t.dir, 'missing.rankwise'))).toThrow(/no such project file/);
  });

  it('refuses a file from a newer version, leaving it byte-for-byte unchanged', () => {
    const path = join(t.dir, 'future.rankwise');
    const raw = new Database(path);
    raw.exec('CREATE TABLE x (a)');
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    raw.close();
    const before = sha(path);
    let err: unknown;
    try {
      openProject(path);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('PROJECT_NEWER_VERSION');
    expect((err as ApiError).message).toMatch(
      new RegExp(`schema v${LATEST_SCHEMA_VERSION + 5}.*reads up to v${LATEST_SCHEMA_VERSION}`),
    );
    expect(sha(path)).toBe(before);
  });

  it('refuses a file that is not SQLite, or SQLite that is not ours', () => {
    const junk = join(t.dir, 'junk.rankwise');
    writeFileSync(
      junk,
      'this is not a database, just some text that is long enough to have a header'.repeat(20),
    );
    expect(() => openProject(junk)).toThrow(/not a Rankwise project/);
    const other = join(t.dir, 'other.rankwise');
    const raw = new Database(other);
    raw.exec('CREATE TABLE customers (id)');
    raw.close();
    expect(() => openProject(other)).toThrow(/SQLite file but not a Rankwise project/);
  });

  it('backs the file up before migrating, and the migration is all-or-nothing', () => {
    const path = join(t.dir, 'old.rankwise');
    openProject(path, { create: true }).close();
    const future = [
      ...migrations,
      {
        version: LATEST_SCHEMA_VERSION + 1,
        name: 'adds a column',
        up: (db: Database.Database) => db.exec('ALTER TABLE labellers ADD COLUMN colour TEXT'),
      },
    ];
    const broken = [
      ...migrations,
      {
        version: LATEST_SCHEMA_VERSION + 1,
        name: 'fails half-way',
        up: (db: Database.Database) =>
          db.exec('ALTER TABLE labellers ADD COLUMN colour TEXT; SELECT * FROM no_such_table'),
      },
    ];
    expect(() => openProject(path, { migrations: broken })).toThrow(/no_such_table/);
    const still = openProject(path);
    expect(still.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(
      still.db
        .prepare("SELECT count(*) FROM pragma_table_info('labellers') WHERE name = 'colour'")
        .pluck()
        .get(),
    ).toBe(0);
    still.close();

    const upgraded = openProject(path, { migrations: future });
    expect(upgraded.schemaVersion).toBe(LATEST_SCHEMA_VERSION + 1);
    upgraded.close();
    // Each attempt (the failed one too) first made an online-backup copy in the project's
    // backups folder, holding the old schema version and saying so in its name.
    const backups = listBackupEntries(path).filter((b) => b.reason === 'pre-migration');
    expect(backups).toHaveLength(2);
    expect(backups.map((b) => b.schemaVersion)).toEqual([
      LATEST_SCHEMA_VERSION,
      LATEST_SCHEMA_VERSION,
    ]);
    expect(readdirSync(join(t.dir, 'old-backups')).sort()).toEqual(
      backups.map((b) => b.name).sort(),
    );
    const b = new Database(backups[0]!.path, { readonly: true });
    expect(b.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(b.pragma('journal_mode', { simple: true })).toBe('delete');
    b.close();
  });
});
