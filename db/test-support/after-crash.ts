import Database from 'better-sqlite3';

/**
 * What a restart finds in a project after a crash: opened read-write so SQLite recovers the
 * WAL as the app would, nothing written. Lists the acknowledged judgments that are missing.
 */
export function afterCrash(path: string, acked: { id: string; itemId: string }[]) {
  const db = new Database(path);
  try {
    const find = db.prepare('SELECT item_id FROM judgments WHERE id = ?').pluck();
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      foreignKeys: db.pragma('foreign_key_check'),
      missing: acked.filter((a) => find.get(a.id) !== a.itemId),
    };
  } finally {
    db.close();
  }
}
