import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { PackageResult } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { findLabeller } from '../labellers';
import { openProject, type Db } from '../open';
import { stmt } from '../statements';

export interface PackageOptions {
  /** 'assigned' (default): the labeller's queue if they have one, else every item; 'all': every item. */
  items?: 'assigned' | 'all';
}

/**
 * A labeller package: a new project file holding what one labeller needs and nothing they
 * must not see. Same project id, settings and guidelines; the items of their slice with
 * responses; their queue, swapped repeats and earlier work; gold answers only where the gold
 * is not hidden. Never other labellers' judgments (they would bias the labeller and break the
 * independence agreement statistics assume) or reviews.
 */
export function writePackage(
  db: Db,
  sourcePath: string,
  labellerId: string,
  outPath: string,
  options: PackageOptions = {},
): PackageResult {
  const labeller = findLabeller(db, labellerId);
  if (!labeller)
    throw new ApiError('NOT_FOUND', `no labeller with id ${labellerId} in this project`);
  if (existsSync(outPath))
    throw new ApiError('CONFLICT', `${outPath} already exists; choose another name`);
  const tmp = join(
    dirname(outPath),
    `.${basename(outPath)}.${randomBytes(4).toString('hex')}.partial`,
  );
  const pkg = openProject(tmp, { create: true });
  try {
    const p = pkg.db;
    p.prepare('ATTACH DATABASE ? AS src').run(sourcePath);
    const assigned =
      options.items !== 'all' &&
      p.prepare('SELECT 1 FROM src.assignments WHERE labeller_id = ? LIMIT 1').get(labellerId) !==
        undefined;
    const counts = p
      .transaction(() => {
        p.exec(`DELETE FROM project_settings;
                INSERT INTO project_settings SELECT key, value_json FROM src.project_settings;`);
        p.prepare('INSERT OR REPLACE INTO project_settings VALUES (?, ?)').run(
          'package',
          JSON.stringify({ labeller, createdAt: Date.now(), items: assigned ? 'assigned' : 'all' }),
        );
        p.prepare('INSERT INTO labellers SELECT * FROM src.labellers WHERE id = ?').run(labellerId);
        p.exec('CREATE TEMP TABLE pick (item_id TEXT PRIMARY KEY) WITHOUT ROWID');
        if (assigned)
          p.prepare(
            `INSERT INTO pick SELECT a.item_id FROM src.assignments a JOIN src.items i ON i.id = a.item_id
              WHERE a.labeller_id = ? AND i.archived = 0`,
          ).run(labellerId);
        else p.exec('INSERT INTO pick SELECT id FROM src.items WHERE archived = 0');
        const items = p
          .prepare(
            `INSERT INTO items (seq, id, prompt_json, content_hash, metadata_json, import_id, archived, created_at)
             SELECT seq, id, prompt_json, content_hash, metadata_json, NULL, archived, created_at
               FROM src.items WHERE id IN (SELECT item_id FROM pick) ORDER BY seq`,
          )
          .run().changes;
        p.exec(
          `INSERT INTO responses SELECT r.* FROM src.responses r JOIN items i ON i.seq = r.item_seq`,
        );
        p.prepare(
          `INSERT INTO assignments SELECT * FROM src.assignments WHERE labeller_id = ?
             AND item_id IN (SELECT item_id FROM pick)`,
        ).run(labellerId);
        const gold = p
          .prepare(
            'INSERT INTO gold SELECT * FROM src.gold WHERE hidden = 0 AND item_id IN (SELECT item_id FROM pick)',
          )
          .run().changes;
        const repeats = p
          .prepare(
            `INSERT INTO repeats SELECT * FROM src.repeats WHERE labeller_id = ?
               AND item_id IN (SELECT item_id FROM pick)
               AND (after_item_id IS NULL OR after_item_id IN (SELECT item_id FROM pick))`,
          )
          .run(labellerId).changes;
        p.exec(
          'INSERT INTO repeat_judgments SELECT * FROM src.repeat_judgments WHERE repeat_id IN (SELECT id FROM repeats)',
        );
        const judgments = p
          .prepare(
            `INSERT INTO judgments SELECT * FROM src.judgments WHERE labeller_id = ?
               AND item_id IN (SELECT item_id FROM pick) ORDER BY item_id, revision`,
          )
          .run(labellerId).changes;
        p.prepare(
          `INSERT INTO judgment_heads SELECT * FROM src.judgment_heads WHERE labeller_id = ?
             AND item_id IN (SELECT item_id FROM pick)`,
        ).run(labellerId);
        return { items, gold, repeats, judgments };
      })
      .immediate();
    p.exec('DETACH DATABASE src');
    // One self-contained file: no -wal beside it when it travels.
    p.pragma('wal_checkpoint(TRUNCATE)');
    p.pragma('journal_mode = DELETE');
    pkg.close();
    renameSync(tmp, outPath);
    return { path: outPath, labeller, ...counts };
  } catch (e) {
    try {
      pkg.close();
    } catch {
      // already closed
    }
    for (const suffix of ['', '-wal', '-shm']) rmSync(tmp + suffix, { force: true });
    throw e;
  }
}

/** The labeller a package was made for, if this project is one. */
export function packageLabeller(db: Db): { id: string; name: string } | null {
  const row = stmt<[], { value_json: string }>(
    db,
    "SELECT value_json FROM project_settings WHERE key = 'package'",
  ).get();
  if (!row) return null;
  const v = JSON.parse(row.value_json) as { labeller?: { id?: unknown; name?: unknown } };
  return typeof v.labeller?.id === 'string' && typeof v.labeller.name === 'string'
    ? { id: v.labeller.id, name: v.labeller.name }
    : null;
}
