import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFile } from '../db/import/import-file';
import { openProject } from '../db/open';
import { defineBench, scaled, timeMs } from './harness';
import { benchDir, writeGenericJsonl } from './support/data';

/**
 * Import of a generic JSONL file against the plainest way to put the same rows in SQLite:
 * read, JSON.parse, and raw prepared inserts in transactions of 1000 rows.
 */
defineBench({
  async 'generic-jsonl'() {
    const n = scaled(20_000);
    const t = benchDir();
    try {
      const file = join(t.dir, 'in.jsonl');
      const bytes = await writeGenericJsonl(file, n);
      const mb = bytes / 1e6;

      const raw = new Database(join(t.dir, 'raw.sqlite'));
      raw.pragma('journal_mode = WAL');
      raw.pragma('synchronous = FULL');
      raw.exec(
        'CREATE TABLE items (seq INTEGER PRIMARY KEY, id TEXT UNIQUE, prompt TEXT); CREATE TABLE responses (item_seq INTEGER, idx INTEGER, model TEXT, content TEXT, PRIMARY KEY (item_seq, idx)) WITHOUT ROWID',
      );
      const ins = raw.prepare('INSERT INTO items (id, prompt) VALUES (?, ?)');
      const insR = raw.prepare('INSERT INTO responses VALUES (?, ?, ?, ?)');
      const baselineMs = await timeMs(() => {
        const lines = readFileSync(file, 'utf8').split('\n');
        const batch = raw.transaction((rows: string[]) => {
          for (const l of rows) {
            const r = JSON.parse(l) as {
              id: string;
              prompt: string;
              responses: { model: string; text: string }[];
            };
            const { lastInsertRowid } = ins.run(r.id, r.prompt);
            r.responses.forEach((x, i) => insR.run(lastInsertRowid, i, x.model, x.text));
          }
        });
        for (let i = 0; i < lines.length; i += 1000)
          batch(lines.slice(i, i + 1000).filter(Boolean));
      });
      raw.close();

      const project = openProject(join(t.dir, 'p.rankwise'), { create: true });
      const ms = await timeMs(() => importFile(project.db, file));
      project.close();
      return {
        name: `import generic JSONL (${n} items, ${mb.toFixed(0)} MB)`,
        value: mb / (ms / 1000),
        unit: 'MB/s',
        baseline: mb / (baselineMs / 1000),
        baselineName: 'raw better-sqlite3 inserts',
        higherIsBetter: true,
      };
    } finally {
      t.cleanup();
    }
  },
});
