import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SalvageResult } from '../../shared/api/contract';
import { openProject, type Db } from '../open';
import { rebuildFacts } from '../migrations/006-judgment-facts';
import { rebuildQueueState } from '../migrations/008-queue-state';
import { rebuildLeaseState } from '../migrations/011-team-host';

type Row = Record<string, unknown>;

/**
 * "Export what is readable": copy every row that can still be read from a damaged project
 * into a new project file beside it (`study-recovered-<time>.rankwise`), leaving the damaged
 * file untouched. Each table is read front to back until a damaged page stops the scan, then
 * back to front until it meets the damage again, so only the rows on damaged pages are lost.
 * Rows whose parent was lost (a judgment whose item is unreadable) are not dropped: they go
 * to a JSON-lines file beside the new project, listed in the result.
 */
export function salvageProject(damagedPath: string, now = Date.now()): SalvageResult {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const base = basename(damagedPath, extname(damagedPath));
  const outPath = join(dirname(damagedPath), `${base}-recovered-${stamp}.rankwise`);
  const source = openForReading(damagedPath);
  const target = openProject(outPath, { create: true });
  const tables: SalvageResult['tables'] = [];
  const orphans: { table: string; row: Row }[] = [];
  try {
    const db = target.db;
    db.pragma('foreign_keys = OFF');
    db.transaction(() => {
      // judgment_facts and the queue state are derived: rebuilt below, never copied.
      for (const table of copyOrder(db).filter((t) => !DERIVED.includes(t.name))) {
        const copied = copyTable(source, db, table);
        if (copied) tables.push(copied);
      }
      repairLinks(db);
      orphans.push(...removeOrphans(db));
      rebuildHeads(db);
      // Facts were computed as judgments arrived, some before their labeller was repaired.
      rebuildFacts(db);
      rebuildQueueState(db);
      rebuildLeaseState(db);
    })();
    db.pragma('foreign_keys = ON');
    for (const o of orphans) {
      const t = tables.find((x) => x.name === o.table);
      if (t) {
        t.copied--;
        t.lost++;
      }
    }
  } finally {
    source.close();
    target.close();
  }
  let orphansPath: string | null = null;
  if (orphans.length) {
    orphansPath = outPath.replace(/\.rankwise$/, '.orphans.jsonl');
    writeFileSync(orphansPath, orphans.map((o) => JSON.stringify(o)).join('\n') + '\n');
  }
  return { path: outPath, tables, orphansPath };
}

/**
 * Tables computed from the others (by triggers as rows arrive): rebuilt, never copied. Leases
 * are soft state of a running team host: a recovered project starts with none.
 */
const DERIVED = [
  'judgment_facts',
  'queue_frontier',
  'queue_holes',
  'project_counts',
  'labeller_counts',
  'leases',
  'item_load',
  'load_histogram',
  'lease_cursor',
  'lease_holes',
  'judged_days',
];

function openForReading(path: string): Db {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('user_version');
    return db;
  } catch {
    // No -shm can be made (read-only folder) or the WAL index is unusable: read the main
    // file as it stands.
    return new Database(`${pathToFileURL(path).href}?immutable=1`, { readonly: true });
  }
}

interface TableInfo {
  name: string;
  columns: string[];
  /** Columns to order by: rowid, or the primary key of a WITHOUT ROWID table. */
  order: string[];
}

/** The target's ordinary tables, parents before children (virtual and shadow tables skipped). */
function copyOrder(db: Db): TableInfo[] {
  const names = db
    .prepare(
      "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
    .pluck()
    .all() as string[];
  const info = new Map<string, TableInfo>();
  const parents = new Map<string, string[]>();
  for (const name of names) {
    const cols = db.prepare('SELECT name, pk FROM pragma_table_info(?)').all(name) as {
      name: string;
      pk: number;
    }[];
    const withoutRowid =
      (db
        .prepare('SELECT wr FROM pragma_table_list WHERE name = ?')
        .pluck()
        .get(name) as number) === 1;
    const pk = cols
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    info.set(name, {
      name,
      columns: cols.map((c) => c.name),
      order: withoutRowid ? pk : ['rowid'],
    });
    parents.set(
      name,
      (
        db
          .prepare('SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)')
          .pluck()
          .all(name) as string[]
      ).filter((p) => p !== name),
    );
  }
  const ordered: TableInfo[] = [];
  const seen = new Set<string>();
  const visit = (n: string) => {
    if (seen.has(n) || !info.has(n)) return;
    seen.add(n);
    for (const p of parents.get(n) ?? []) visit(p);
    ordered.push(info.get(n)!);
  };
  names.forEach(visit);
  return ordered;
}

function copyTable(
  source: Db,
  target: Db,
  table: TableInfo,
): SalvageResult['tables'][number] | null {
  let sourceCols: string[];
  try {
    sourceCols = source
      .prepare('SELECT name FROM pragma_table_info(?)')
      .pluck()
      .all(table.name) as string[];
  } catch {
    return { name: table.name, copied: 0, lost: 0, complete: false };
  }
  if (sourceCols.length === 0) return null; // an older schema without this table
  const cols = table.columns.filter((c) => sourceCols.includes(c));
  const list = cols.map((c) => `"${c}"`).join(', ');
  // Settings were seeded in the new file: the damaged project's own values win.
  const verb = table.name === 'project_settings' ? 'INSERT OR REPLACE' : 'INSERT OR IGNORE';
  const insert = target.prepare(
    `${verb} INTO "${table.name}" (${list}) VALUES (${cols.map(() => '?').join(', ')})`,
  );
  const scan = (dir: 'ASC' | 'DESC') =>
    source
      .prepare(
        `SELECT ${list} FROM "${table.name}" ORDER BY ${table.order.map((c) => `${c === 'rowid' ? 'rowid' : `"${c}"`} ${dir}`).join(', ')}`,
      )
      .raw()
      .iterate() as IterableIterator<unknown[]>;
  let copied = 0;
  let complete = true;
  try {
    for (const row of scan('ASC')) copied += insert.run(...row).changes;
  } catch {
    complete = false;
    try {
      for (const row of scan('DESC')) {
        const added = insert.run(...row).changes;
        // Back at rows the forward pass already copied: everything between was read.
        if (added === 0) break;
        copied += added;
      }
    } catch {
      // Met the damage from the other side.
    }
  }
  let total: number | null = null;
  try {
    total = source.prepare(`SELECT count(*) FROM "${table.name}"`).pluck().get() as number;
  } catch {
    // The count itself crosses the damage.
  }
  return {
    name: table.name,
    copied,
    lost: total === null ? 0 : Math.max(0, total - copied),
    complete,
  };
}

/**
 * Keep verdicts whose links point at lost rows where the link is not what makes them
 * meaningful: a revision whose predecessor was lost still says what the labeller chose,
 * and a judgment whose labeller row was lost keeps its labeller id under a placeholder name.
 */
function repairLinks(db: Db): void {
  const has = (t: string) =>
    db.prepare('SELECT 1 FROM pragma_table_list WHERE name = ?').get(t) !== undefined;
  if (has('judgments')) {
    db.exec(
      'UPDATE judgments SET supersedes = NULL WHERE supersedes IS NOT NULL AND supersedes NOT IN (SELECT id FROM judgments)',
    );
    if (has('labellers'))
      db.exec(
        "INSERT INTO labellers (id, name, created_at) SELECT DISTINCT labeller_id, 'Unknown labeller (recovered)', 0 FROM judgments WHERE labeller_id NOT IN (SELECT id FROM labellers)",
      );
  }
}

/** Rows still pointing at a missing parent: taken out of the new project, returned for the side file. */
function removeOrphans(db: Db): { table: string; row: Row }[] {
  const out: { table: string; row: Row }[] = [];
  // Removing a parent can orphan its children: repeat, bounded by the depth of the schema.
  for (let pass = 0; pass < 16; pass++) {
    const violations = db.prepare('PRAGMA foreign_key_check').all() as {
      table: string;
      rowid: number | null;
      parent: string;
      fkid: number;
    }[];
    if (violations.length === 0) return out;
    for (const table of new Set(violations.map((v) => v.table))) {
      const fks = db
        .prepare('SELECT id, "from", "to", "table" FROM pragma_foreign_key_list(?)')
        .all(table) as {
        id: number;
        from: string;
        to: string | null;
        table: string;
      }[];
      for (const fk of fks) {
        const parentCol = fk.to ?? 'rowid';
        const where = `"${fk.from}" IS NOT NULL AND "${fk.from}" NOT IN (SELECT "${parentCol}" FROM "${fk.table}")`;
        for (const row of db.prepare(`SELECT * FROM "${table}" WHERE ${where}`).all() as Row[])
          out.push({ table, row });
        db.prepare(`DELETE FROM "${table}" WHERE ${where}`).run();
      }
    }
  }
  return out;
}

/** judgment_heads is derived: recompute it from the judgments that survived. */
function rebuildHeads(db: Db): void {
  const has = db.prepare("SELECT 1 FROM pragma_table_list WHERE name = 'judgment_heads'").get();
  if (!has) return;
  db.exec(`
    DELETE FROM judgment_heads;
    INSERT INTO judgment_heads (item_id, labeller_id, judgment_id, revision, kind)
    SELECT item_id, labeller_id, id, revision, kind FROM judgments j
    WHERE revision = (SELECT max(revision) FROM judgments k
                      WHERE k.item_id = j.item_id AND k.labeller_id = j.labeller_id);
  `);
}
