import { createHash } from 'node:crypto';
import { ApiError } from '../../shared/api/errors';
import type { ImportSummary } from '../../shared/api/contract';
import type { ItemInput } from '../../shared/domain/item';
import { checkItem } from '../../shared/formats/check-item';
import type { ColumnMapping } from '../../shared/formats/columns';
import { detectFormat, type ContainerKind } from '../../shared/formats/detect';
import { RecordError } from '../../shared/formats/record-error';
import { shapeById, type FormatId, type ShapeContext } from '../../shared/formats/shapes';
import type { Db } from '../open';
import { uuidv7 } from '../ids';
import { fileFailed, ImportFileError, importFailed } from './errors';
import { openRecords, type SourceRecord } from './records';
import { readSample } from './sample';
import { Stage, type StagedItem } from './stage';

export interface ImportRequest {
  /** The record shape, or 'auto' (the default) to detect it from the first records. */
  format?: FormatId | 'auto';
  /** Read as this container instead of telling it from the name and content. */
  container?: ContainerKind;
  /** For the `columns` shape: which columns are what (guessed from the header when absent). */
  mapping?: ColumnMapping | null;
  /** Import the good records and report every bad one, instead of aborting on the first. */
  skipBadLines?: boolean;
  /** The name to report (an upload's original name); defaults to the path's base name. */
  fileName?: string;
  /** The largest one record may be, in bytes (default 128 MB). */
  maxRecordBytes?: number;
}

export interface ImportProgress {
  phase: 'reading' | 'saving';
  /** Bytes of the file (on disk) read so far, and its size. */
  bytes: number;
  totalBytes: number;
  /** Items staged so far (all of them are added when the import commits). */
  items: number;
  skipped: number;
}

export interface ImportOptions extends ImportRequest {
  signal?: AbortSignal;
  /** Polled between records and before committing (a worker's shared cancel flag). */
  shouldCancel?: () => boolean;
  onProgress?: (p: ImportProgress) => void;
}

/** The most skipped (or duplicate) lines listed one by one; the count goes on beyond it. */
export const MAX_LISTED_SKIPS = 10_000;
const PROGRESS_MS = 100;

/**
 * Import a dataset file into the project on this connection, atomically.
 *
 * The file is streamed (memory stays flat) into staging tables on this connection's private
 * temp database, with no lock on the project; only at the end is everything copied into the
 * project in one short write transaction. So a bad line (unless skipped), a cancel or a crash
 * leaves the project byte-for-byte as it was, judgments saved by other connections meanwhile
 * are never blocked for long, and an import that adds nothing writes nothing.
 */
export async function importFile(
  db: Db,
  path: string,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const started = performance.now();
  const source = await openRecords(path, {
    fileName: options.fileName,
    container: options.container,
    signal: options.signal,
    maxRecordBytes: options.maxRecordBytes,
  }).catch(rethrowFileError);
  const { file } = source.info;
  const skipped: ImportSummary['skipped'] = [];
  let skippedCount = 0;
  const notes = new Map<string, number>();
  let duplicates = 0;
  const duplicateLines: ImportSummary['duplicateLines'] = [];
  const importNames = new Map<string, string | null>();
  const importName = (id: string | null) => {
    if (id === null) return null;
    if (!importNames.has(id))
      importNames.set(
        id,
        (
          db.prepare('SELECT file_name FROM imports WHERE id = ?').get(id) as
            { file_name: string } | undefined
        )?.file_name ?? null,
      );
    return importNames.get(id)!;
  };
  const duplicate = (line: number, of: number | 'project', importId: string | null = null) => {
    duplicates++;
    if (duplicateLines.length >= MAX_LISTED_SKIPS) return;
    const from = of === 'project' ? importName(importId) : null;
    duplicateLines.push(from ? { line, of, importedFrom: from } : { line, of });
  };
  let records = 0;
  let staged = 0;
  let lastProgress = 0;
  const progress = (phase: ImportProgress['phase'], force = false) => {
    const now = performance.now();
    if (!force && now - lastProgress < PROGRESS_MS) return;
    lastProgress = now;
    options.onProgress?.({
      phase,
      bytes: phase === 'saving' ? source.info.totalBytes : source.bytesRead(),
      totalBytes: source.info.totalBytes,
      items: staged,
      skipped: skippedCount,
    });
  };
  const bad = (line: number, e: RecordError) => {
    if (!options.skipBadLines) throw importFailed({ file, line, field: e.field, reason: e.reason });
    skippedCount++;
    if (skipped.length < MAX_LISTED_SKIPS) skipped.push({ line, reason: e.message });
  };

  const checkCancelled = () => {
    options.signal?.throwIfAborted();
    if (options.shouldCancel?.()) throw new DOMException('the import was cancelled', 'AbortError');
  };
  const iterator = source.records[Symbol.asyncIterator]();
  let stage: Stage | null = null;
  try {
    // Detection reads a sample first; the sample is then imported like every other record.
    const { records: sample } = await readSample(iterator, source);
    const { format, mapping } = chooseFormat(file, sample, source.info.container, options);
    const shape = shapeById(format);
    const ctx: ShapeContext = {
      mapping,
      note: (reason) => notes.set(reason, (notes.get(reason) ?? 0) + 1),
    };

    stage = new Stage(db);
    const s = stage;
    const handle = (record: SourceRecord) => {
      records++;
      if (record.error) return bad(record.line, record.error);
      let prepared: StagedItem[];
      try {
        prepared = shape.toItems(record.value, ctx).map((item) => prepare(item, record.line));
        const fresh: StagedItem[] = [];
        const inRecord = new Map<string, string>();
        const found: Array<() => void> = [];
        for (const item of prepared) {
          const inProject = s.inProject(item.id);
          const earlier = inProject ? null : s.staged(item.id);
          const hash = inProject?.content_hash ?? earlier?.content_hash ?? inRecord.get(item.id);
          if (hash === undefined) {
            inRecord.set(item.id, item.contentHash);
            fresh.push(item);
          } else if (hash === item.contentHash)
            found.push(() =>
              inProject
                ? duplicate(record.line, 'project', inProject.import_id)
                : duplicate(record.line, earlier?.line ?? record.line),
            );
          else
            throw new RecordError(
              'id',
              clash(item.id, inProject ? null : (earlier?.line ?? record.line)),
            );
        }
        prepared = fresh;
        // Counted once the record is known to be good (a clash later in it refuses it whole).
        for (const f of found) f();
      } catch (e) {
        if (e instanceof RecordError) return bad(record.line, e);
        if (e instanceof RangeError) return bad(record.line, tooDeep());
        throw e;
      }
      for (const item of prepared) s.add(item);
      staged += prepared.length;
    };

    for (const record of sample) handle(record);
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      handle(next.value);
      checkCancelled();
      if ((records & 255) === 0) progress('reading');
    }
    checkCancelled();
    stage.seal();
    progress('saving', true);

    let importId: string | null = null;
    let added = { itemsAdded: 0, responsesAdded: 0 };
    if (staged > 0) {
      importId = uuidv7();
      const id = importId;
      const now = Date.now();
      db.exec('BEGIN IMMEDIATE');
      try {
        // The import's row first: items reference it.
        db.prepare(
          'INSERT INTO imports (id, file_name, format, items_added, duplicates, skipped, created_at) VALUES (?, ?, ?, 0, 0, 0, ?)',
        ).run(id, file, format, now);
        const outcome = stage.merge(
          id,
          now,
          (c) => bad(c.line, new RecordError('id', clash(c.id, null))),
          checkCancelled,
        );
        for (const line of outcome.lateDuplicates) duplicate(line, 'project');
        added = outcome;
        checkCancelled();
        if (outcome.itemsAdded === 0) {
          // Everything turned out to be there already: leave the file untouched.
          db.exec('ROLLBACK');
          importId = null;
        } else {
          db.prepare(
            'UPDATE imports SET items_added = ?, duplicates = ?, skipped = ? WHERE id = ?',
          ).run(outcome.itemsAdded, duplicates, skippedCount, id);
          db.exec('COMMIT');
        }
      } catch (e) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw e;
      }
    }
    progress('saving', true);
    return {
      file,
      format,
      container: source.info.container,
      compressed: source.info.compressed,
      encoding: source.info.encoding,
      imported: added.itemsAdded,
      responses: added.responsesAdded,
      duplicates,
      duplicateLines,
      skipped,
      skippedCount,
      notes: [...notes].map(([reason, count]) => ({ reason, count })),
      records,
      importId,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (e) {
    if ((e as Error).name === 'AbortError')
      throw new ApiError('CANCELLED', `import of ${file} cancelled; the project is unchanged`);
    return rethrowFileError(e);
  } finally {
    stage?.dispose();
    source.close();
  }
}

/** A record that blew the call stack somewhere we serialise it: refused, named, never a crash. */
export function tooDeep(): RecordError {
  return new RecordError('', 'the record is nested too deeply to process (over 200 levels)');
}

function rethrowFileError(e: unknown): never {
  if (e instanceof ImportFileError) throw fileFailed(e);
  throw e;
}

function clash(id: string, line: number | null): string {
  return line === null
    ? `item ${JSON.stringify(id)} already exists in the project with different content`
    : `item ${JSON.stringify(id)} already appeared on line ${line} with different content`;
}

/** The shape to read the file as: the requested one, or the detected one. */
export function chooseFormat(
  file: string,
  sample: readonly SourceRecord[],
  container: ContainerKind,
  request: ImportRequest,
): { format: FormatId; mapping: ColumnMapping | null } {
  const requested = request.format ?? 'auto';
  const values = sample.filter((r) => !r.error).map((r) => r.value);
  if (requested !== 'auto') {
    const mapping =
      requested === 'columns' ? (request.mapping ?? detectFormat(values, container).mapping) : null;
    if (requested === 'columns' && !mapping) {
      throw new ApiError(
        'IMPORT_FAILED',
        `${file}: no column mapping: say which columns hold the prompt and the responses`,
        { file, line: null, field: '', reason: 'no column mapping' },
      );
    }
    return { format: requested, mapping };
  }
  // With nothing parseable in the sample, the first bad record is the clearest message.
  const firstBad = sample.find((r) => r.error);
  if (values.length === 0 && firstBad?.error && !request.skipBadLines)
    throw importFailed({
      file,
      line: firstBad.line,
      field: firstBad.error.field,
      reason: firstBad.error.reason,
    });
  const detection = detectFormat(values, container);
  if (detection.format === null) {
    throw new ApiError(
      'IMPORT_FAILED',
      `${file}: cannot tell what shape the records have: ${detection.reason}`,
      {
        file,
        line: null,
        field: '',
        reason: detection.reason,
      },
    );
  }
  const mapping = detection.format === 'columns' ? (request.mapping ?? detection.mapping) : null;
  if (detection.format === 'columns' && !mapping) {
    throw new ApiError('IMPORT_FAILED', `${file}: ${detection.reason}`, {
      file,
      line: null,
      field: '',
      reason: detection.reason,
    });
  }
  return { format: detection.format, mapping };
}

/**
 * An item ready to stage: checked, serialised once, and hashed. The content hash is what makes
 * two items the same (prompt, responses and metadata, not the source id): SHA-256 of
 * `[prompt, [[model, content, metadata], …], metadata]` as JSON, built from the parts serialised
 * for storage. It must never change: project files and annotation files carry it.
 */
export function prepare(item: ItemInput, line: number): StagedItem {
  checkItem(item);
  const promptJson = JSON.stringify(item.prompt);
  const metadataJson = item.metadata ? JSON.stringify(item.metadata) : null;
  let hashed = `[${promptJson},[`;
  const responses = item.responses.map((r, i) => {
    const metaJson = r.metadata ? JSON.stringify(r.metadata) : null;
    hashed += `${i ? ',' : ''}[${JSON.stringify(r.model)},${JSON.stringify(r.content)},${metaJson ?? 'null'}]`;
    return { model: r.model, content: r.content, metadataJson: metaJson };
  });
  hashed += `],${metadataJson ?? 'null'}]`;
  const hash = createHash('sha256').update(hashed).digest('hex');
  return {
    id: item.sourceId ?? `h-${hash.slice(0, 16)}`,
    line,
    promptJson,
    contentHash: hash,
    metadataJson,
    responses,
  };
}
