import Database from 'better-sqlite3';
import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * Damage a closed project file the way a bad sector or a torn copy would: overwrite whole
 * b-tree pages of one table with garbage. Pages are found through SQLite's dbstat table, so
 * the damage lands where the test means it to.
 */
export function leafPagesOf(path: string, table: string): number[] {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno")
      .pluck()
      .all(table) as number[];
  } finally {
    db.close();
  }
}

export function smashPages(path: string, pages: number[], pageSize = 4096): void {
  // A test that damages nothing would pass for the wrong reason.
  if (pages.length === 0) throw new Error(`no pages to damage in ${path}`);
  const fd = openSync(path, 'r+');
  try {
    for (const page of pages) {
      writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (page - 1) * pageSize);
    }
  } finally {
    closeSync(fd);
  }
}
