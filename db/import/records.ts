import { isUtf8 } from 'node:buffer';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ContainerKind } from '../../shared/formats/detect';
import {
  describeInvalidUtf8,
  firstInvalidUtf8,
  type TextEncoding,
} from '../../shared/formats/encoding';
import { JsonArrayError, JsonArraySplitter } from '../../shared/formats/json-array-splitter';
import { JsonSyntaxError, parseJsonRecord } from '../../shared/formats/json-text';
import { notADataset, textKind } from '../../shared/formats/file-kind';
import { isBlank } from '../../shared/formats/jsonl';
import { RecordError } from '../../shared/formats/record-error';
import { isParquet, openByteSource, peekFile } from './byte-source';
import { csvDelimiter, detectContainer } from './container';
import { readCsvRecords } from './csv-records';
import { ImportFileError } from './errors';
import { LineTooLongError, splitLines } from './lines';
import { openParquet, readParquetRecords } from './parquet-records';

/** One record read from a file: its parsed value, or why it could not be parsed. */
export type SourceRecord =
  | { line: number; value: unknown; error?: undefined }
  | { line: number; value?: undefined; error: RecordError };

export interface SourceInfo {
  /** The name people know the file by (an upload's original name, not its temp path). */
  file: string;
  container: ContainerKind;
  compressed: 'gzip' | null;
  encoding: TextEncoding;
  totalBytes: number;
}

export interface RecordSource {
  info: SourceInfo;
  /** Bytes of the file on disk read so far, for progress. */
  bytesRead(): number;
  /** Bytes of (decoded) text the records yielded so far came from: for estimating a total. */
  consumedBytes(): number;
  /** The number of records, when the container says (Parquet). */
  totalRecords: number | null;
  records: AsyncIterable<SourceRecord>;
  close(): void;
}

export interface OpenRecordsOptions {
  /** The name to report and to tell the container by (defaults to the path's). */
  fileName?: string;
  /** Read as this container instead of telling it from the name and content. */
  container?: ContainerKind;
  signal?: AbortSignal;
  /** The largest one record may be, in bytes. */
  maxRecordBytes?: number;
}

/** Records bigger than this are refused with a clear error rather than risking the process. */
export const DEFAULT_MAX_RECORD_BYTES = 128 * 2 ** 20;

/**
 * Open any supported file as a stream of parsed records: JSONL, a JSON array, CSV/TSV or
 * Parquet, gzip-compressed or not, UTF-8 (with or without BOM) or UTF-16. Memory stays flat:
 * one chunk and one record at a time (one row group, for Parquet).
 */
export async function openRecords(
  path: string,
  options: OpenRecordsOptions = {},
): Promise<RecordSource> {
  const file = options.fileName ?? basename(path);
  const max = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const head = await peekFile(path, 8);
  if (options.container === 'parquet' || (options.container === undefined && isParquet(head))) {
    if (!isParquet(head))
      throw new ImportFileError(
        file,
        null,
        'not a Parquet file (it does not start with "PAR1"; a compressed .parquet.gz cannot be read: decompress it first)',
      );
    const totalBytes = (await stat(path)).size;
    let read = 0;
    const parquet = await openParquet(path, file);
    return {
      info: { file, container: 'parquet', compressed: null, encoding: 'utf-8', totalBytes },
      bytesRead: () => read,
      consumedBytes: () => read,
      totalRecords: parquet.rows,
      records: readParquetRecords(parquet, file, options.signal, (bytes) => (read = bytes)),
      close: () => undefined,
    };
  }

  const source = await openByteSource(path, options.signal, file);
  // A README chosen by mistake, told by its name (unless the caller said what the file is).
  const text = options.container === undefined ? textKind(file, source.head) : null;
  if (text) {
    source.close();
    throw new ImportFileError(file, null, notADataset(text, source.compressed !== null));
  }
  const container = options.container ?? detectContainer(file, source.head);
  if (container === 'parquet') {
    source.close();
    throw new ImportFileError(
      file,
      null,
      'a compressed Parquet file cannot be read: decompress it first',
    );
  }
  const info: SourceInfo = {
    file,
    container,
    compressed: source.compressed,
    encoding: source.encoding.encoding,
    totalBytes: source.totalBytes,
  };
  const consumed = { bytes: 0 };
  const records =
    container === 'jsonl'
      ? jsonlRecords(source.chunks, file, max, /\.json(\.gz)?$/i.test(file), consumed)
      : container === 'json'
        ? jsonArrayRecords(source.chunks, file, consumed)
        : readCsvRecords(source.chunks, file, csvDelimiter(file, source.head), max, consumed);
  return {
    info,
    bytesRead: source.bytesRead,
    consumedBytes: () => consumed.bytes,
    totalRecords: null,
    records,
    close: source.close,
  };
}

async function* jsonlRecords(
  chunks: AsyncIterable<Buffer>,
  file: string,
  max: number,
  namedJson: boolean,
  consumed: { bytes: number },
): AsyncGenerator<SourceRecord> {
  try {
    for await (const line of splitLines(chunks, max)) {
      const bytes = line.bytes;
      consumed.bytes += bytes.length + 1;
      if (!isUtf8(bytes)) {
        yield { line: line.no, error: utf8Error(bytes) };
        continue;
      }
      const text = bytes.toString('utf8');
      if (isBlank(text)) continue;
      try {
        yield { line: line.no, value: parseJsonRecord(text) };
      } catch (e) {
        if (!(e instanceof RecordError)) throw e;
        if (namedJson && line.no === 1 && e instanceof JsonSyntaxError && /^\s*\{\s*$/.test(text))
          throw new ImportFileError(
            file,
            1,
            'this is one JSON object spread over several lines; Rankwise reads JSON Lines (one record per line) or a JSON array of records',
          );
        yield { line: line.no, error: e };
      }
    }
  } catch (e) {
    if (e instanceof LineTooLongError)
      throw new ImportFileError(file, e.line, e.message.replace(/^line \d+ /, 'this line '));
    throw e;
  }
}

async function* jsonArrayRecords(
  chunks: AsyncIterable<Buffer>,
  file: string,
  consumed: { bytes: number },
): AsyncGenerator<SourceRecord> {
  const splitter = new JsonArraySplitter();
  try {
    for await (const chunk of chunks) {
      for (const el of splitter.push(chunk)) {
        consumed.bytes += el.bytes.length + 2;
        yield elementRecord(el.bytes, el.line, el.column);
      }
    }
    splitter.end();
  } catch (e) {
    if (e instanceof JsonArrayError) throw new ImportFileError(file, e.line, e.reason);
    throw e;
  }
}

/** One array element: parsed, or an error placed on the physical line and column it is at. */
function elementRecord(bytes: Uint8Array, line: number, startColumn: number): SourceRecord {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (!isUtf8(buf)) {
    const at = firstInvalidUtf8(bytes);
    const before = buf.subarray(0, at);
    const nl = before.lastIndexOf(0x0a);
    const lineBytes = buf.subarray(nl + 1);
    const d = describeInvalidUtf8(lineBytes, at - (nl + 1));
    const col = nl < 0 ? d.column + startColumn - 1 : d.column;
    return {
      line: line + countNewlines(before),
      error: new RecordError('', d.reason.replace(/at column \d+/, `at column ${col}`), col),
    };
  }
  const text = buf.toString('utf8');
  try {
    return { line, value: parseJsonRecord(text) };
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) {
      if (e instanceof RecordError) return { line, error: e };
      throw e;
    }
    const before = text.slice(0, e.offset);
    const nl = before.lastIndexOf('\n');
    const col = nl < 0 ? e.offset + startColumn : e.offset - nl;
    const newlines = before.length - before.replaceAll('\n', '').length;
    return { line: line + newlines, error: new JsonSyntaxError(e.detail, e.offset, col) };
  }
}

function countNewlines(b: Uint8Array): number {
  let n = 0;
  for (let i = b.indexOf(0x0a); i >= 0; i = b.indexOf(0x0a, i + 1)) n++;
  return n;
}

function utf8Error(bytes: Uint8Array): RecordError {
  const d = describeInvalidUtf8(bytes, firstInvalidUtf8(bytes));
  return new RecordError('', d.reason, d.column);
}
