import {
  asyncBufferFromFile,
  parquetMetadataAsync,
  parquetReadObjects,
  type AsyncBuffer,
  type FileMetaData,
} from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { setOwn } from '../../shared/formats/json-value';
import { ImportFileError } from './errors';
import type { SourceRecord } from './records';

/**
 * Parquet, one row group at a time (memory is bounded by the largest row group, not the
 * file). Rows become plain JSON values: 64-bit integers become numbers (or strings when too
 * big to be exact), dates ISO strings, NaN and infinities null, binary base64. The "line"
 * reported for a row is its 1-based row number.
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
      yield { line: rowStart + i + 1, value: toPlainJson(objects[i]) };
      objects[i] = undefined as unknown as Record<string, unknown>;
    }
    rowStart += rows;
    onBytes(Math.min(bytes, buffer.byteLength));
  }
  onBytes(buffer.byteLength);
}

/** A Parquet value as plain JSON ("__proto__" keys stay data; depth is bounded by the schema). */
export function toPlainJson(value: unknown): unknown {
  if (typeof value === 'bigint')
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  if (typeof value === 'number')
    return Number.isFinite(value) ? (Object.is(value, -0) ? 0 : value) : null;
  if (value === undefined) return null;
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(toPlainJson);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value))
    setOwn(out, key, toPlainJson((value as Record<string, unknown>)[key]));
  return out;
}
