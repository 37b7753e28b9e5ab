import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { ApiError } from '../../shared/api/errors';
import type { ImportSummary } from '../../shared/api/contract';
import type { ItemInput } from '../../shared/domain/item';
import { isBlank, lineToItem } from '../../shared/formats/jsonl';
import { RecordError } from '../../shared/formats/record-error';
import type { Db } from '../open';
import { sha256Hex, uuidv7 } from '../ids';
import { stmt } from '../statements';
import { readLines } from './lines';

export interface ImportOptions {
  /** Import the good lines and report every bad one, instead of aborting on the first. */
  skipBadLines?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: { bytes: number; totalBytes: number; items: number }) => void;
}

export interface ImportFailure {
  file: string;
  line: number;
  field: string;
  reason: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const PROGRESS_EVERY = 500;

/**
 * Import a JSONL file into the project, atomically: the whole file is one transaction, so a
 * bad line (unless skipped), a cancel or a crash leaves the project exactly as it was.
 */
export async function importFile(
  db: Db,
  path: string,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const file = basename(path);
  const totalBytes = statSync(path).size;
  const importId = uuidv7();
  const skipped: ImportSummary['skipped'] = [];
  let imported = 0;
  let duplicates = 0;

  const findHash = stmt<[string], { content_hash: string }>(
    db,
    'SELECT content_hash FROM items WHERE id = ?',
  );
  const insertItem = stmt(
    db,
    'INSERT INTO items (id, prompt_json, content_hash, metadata_json, import_id, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertResponse = stmt(
    db,
    'INSERT INTO responses (item_seq, idx, model, content, metadata_json) VALUES (?, ?, ?, ?, ?)',
  );

  db.exec('BEGIN IMMEDIATE');
  try {
    stmt(
      db,
      'INSERT INTO imports (id, file_name, format, items_added, duplicates, skipped, created_at) VALUES (?, ?, ?, 0, 0, 0, ?)',
    ).run(importId, file, 'generic-jsonl', Date.now());
    const now = Date.now();
    for await (const line of readLines(path, options.signal)) {
      try {
        const text = decodeLine(line.bytes);
        if (isBlank(text)) continue;
        const item = lineToItem(text);
        const hash = contentHash(item);
        const id = item.sourceId ?? `h-${hash.slice(0, 16)}`;
        const existing = findHash.get(id);
        if (existing) {
          if (existing.content_hash === hash) {
            duplicates++;
            continue;
          }
          throw new RecordError(
            'id',
            `item ${JSON.stringify(id)} already exists with different content`,
          );
        }
        const { lastInsertRowid } = insertItem.run(
          id,
          JSON.stringify(item.prompt),
          hash,
          item.metadata ? JSON.stringify(item.metadata) : null,
          importId,
          now,
        );
        item.responses.forEach((r, idx) => {
          insertResponse.run(
            lastInsertRowid,
            idx,
            r.model,
            r.content,
            r.metadata ? JSON.stringify(r.metadata) : null,
          );
        });
        imported++;
        if (imported % PROGRESS_EVERY === 0)
          options.onProgress?.({ bytes: line.end, totalBytes, items: imported });
      } catch (e) {
        if (!(e instanceof RecordError)) throw e;
        if (!options.skipBadLines)
          throw lineError({ file, line: line.no, field: e.field, reason: e.reason });
        skipped.push({ line: line.no, reason: e.message });
      }
    }
    stmt(db, 'UPDATE imports SET items_added = ?, duplicates = ?, skipped = ? WHERE id = ?').run(
      imported,
      duplicates,
      skipped.length,
      importId,
    );
    options.signal?.throwIfAborted();
    db.exec('COMMIT');
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    if ((e as Error).name === 'AbortError')
      throw new ApiError('CANCELLED', `import of ${file} cancelled; the project is unchanged`);
    throw e;
  }
  options.onProgress?.({ bytes: totalBytes, totalBytes, items: imported });
  return { file, format: 'generic-jsonl', imported, duplicates, skipped };
}

function decodeLine(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new RecordError('', 'invalid UTF-8 (the file must be UTF-8 encoded)');
  }
}

function lineError(f: ImportFailure): ApiError {
  const where = f.field ? `${f.field}: ` : '';
  return new ApiError('IMPORT_FAILED', `${f.file}:${f.line}: ${where}${f.reason}`, f);
}

/** What makes two items "the same": prompt, responses and metadata, not the source id. */
export function contentHash(item: ItemInput): string {
  return sha256Hex(
    JSON.stringify([
      item.prompt,
      item.responses.map((r) => [r.model, r.content, r.metadata]),
      item.metadata,
    ]),
  );
}
