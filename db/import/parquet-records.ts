import {
  asyncBufferFromFile,
  parquetMetadataAsync,
  parquetReadObjects,
  type AsyncBuffer,
  type FileMetaData,
} from 'hyparquet';
import { isUtf8 } from 'node:buffer';
import { compressors } from 'hyparquet-compressors';
import { describeInvalidUtf8, firstInvalidUtf8 } from '../../shared/formats/encoding';
import { setOwn } from '../../shared/formats/json-value';
import { RecordError } from '../../shared/formats/record-error';
import { ImportFileError } from './errors';
import type { SourceRecord } from './records';

/**
 * Parquet, one row group at a time (memory is bounded by the largest row group, not the
 * file). Rows become plain JSON values: 64-bit integers become numbers (or strings when too
 * big to be exact), dates ISO strings, NaN and infinities null, binary base64. The "line"
 * reported for a row is its 1-based row number.
 *
 * Text is decoded here, not by hyparquet, whose decoder turns bytes that are not UTF-8 into
 * U+FFFD without a word: a STRING (or JSON) value that is not UTF-8 makes its row a bad record
 * naming the column, as a bad byte makes a JSONL line one. A plain BYTE_ARRAY column (no
 * string annotation) is binary: text when its bytes are UTF-8, base64 otherwise.
 */
export interface OpenParquet {
  buffer: AsyncBuffer;
  metadata: FileMetaData;
  rows: number;
}

/** Open a Parquet file: its footer (schema, row groups), read without reading the data. */
export async function openParquet(path: string, file: string): Promise<OpenParquet> {
  const buffer = await asyncBufferFromFile(path);
  try {
    const metadata = await parquetMetadataAsync(buffer);
    return { buffer, metadata, rows: Number(metadata.num_rows) };
  } catch (e) {
    throw new ImportFileError(file, null, `not a readable Parquet file (${(e as Error).message})`);
  }
}

export async function* readParquetRecords(
  { buffer, metadata }: OpenParquet,
  file: string,
  signal: AbortSignal | undefined,
  onBytes: (bytes: number) => void,
): AsyncGenerator<SourceRecord> {
  let rowStart = 0;
  let bytes = 0;
  for (const group of metadata.row_groups) {
    signal?.throwIfAborted();
    const rows = Number(group.num_rows);
    let objects: Record<string, unknown>[];
    try {
      objects = await parquetReadObjects({
        file: buffer,
        metadata,
        rowStart,
        rowEnd: rowStart + rows,
        compressors,
        utf8: false,
        parsers: { stringFromBytes: strictText, jsonFromBytes: strictJson },
      });
    } catch (e) {
      throw new ImportFileError(
        file,
        rowStart + 1,
        `cannot read this row group (${(e as Error).message})`,
      );
    }
    bytes += Number(group.total_compressed_size ?? group.total_byte_size ?? 0);
    for (let i = 0; i < objects.length; i++) {
      const line = rowStart + i + 1;
      try {
        yield { line, value: toPlainJson(objects[i]) };
      } catch (e) {
        if (!(e instanceof RecordError)) throw e;
        yield { line, error: e };
      }
      objects[i] = undefined as unknown as Record<string, unknown>;
    }
    rowStart += rows;
    onBytes(Math.min(bytes, buffer.byteLength));
  }
  onBytes(buffer.byteLength);
}

/** A STRING value's bytes that are not UTF-8, kept as bytes until a row knows its column. */
class NotUtf8 {
  constructor(readonly bytes: Uint8Array) {}
}

function strictText(bytes: Uint8Array | undefined): string | NotUtf8 | undefined {
  if (bytes === undefined) return bytes;
  return isUtf8(bytes) ? Buffer.from(bytes).toString('utf8') : new NotUtf8(bytes);
}

function strictJson(bytes: Uint8Array | undefined): unknown {
  const text = strictText(bytes);
  return typeof text === 'string' ? (JSON.parse(text) as unknown) : text;
}

/**
 * A Parquet value as plain JSON ("__proto__" keys stay data; depth is bounded by the schema).
 * Throws a RecordError naming the column where a STRING value is not UTF-8.
 */
export function toPlainJson(value: unknown, path = ''): unknown {
  if (value instanceof NotUtf8) {
    const d = describeInvalidUtf8(value.bytes, firstInvalidUtf8(value.bytes));
    throw new RecordError(path, d.reason, d.column);
  }
  if (typeof value === 'bigint')
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  if (typeof value === 'number')
    return Number.isFinite(value) ? (Object.is(value, -0) ? 0 : value) : null;
  if (value === undefined) return null;
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) {
    const bytes = Buffer.from(value.buffer, value.byteOffset, value.length);
    return isUtf8(bytes) ? bytes.toString('utf8') : bytes.toString('base64');
  }
  if (Array.isArray(value)) return value.map((v, i) => toPlainJson(v, `${path}[${i}]`));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value))
    setOwn(
      out,
      key,
      toPlainJson((value as Record<string, unknown>)[key], path ? `${path}.${key}` : key),
    );
  return out;
}
