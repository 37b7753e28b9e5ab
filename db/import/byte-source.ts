import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { createGunzip } from 'node:zlib';
import {
  sniffEncoding,
  UnsupportedEncodingError,
  type EncodingSniff,
} from '../../shared/formats/encoding';
import { binaryKind, looksBinary, notADataset } from '../../shared/formats/file-kind';
import { ImportFileError } from './errors';

const CHUNK = 1 << 20;
const GZIP_MAGIC = [0x1f, 0x8b];
const PARQUET_MAGIC = 'PAR1';

/** The first bytes of a file, to tell what it is before reading it. */
export async function peekFile(path: string, bytes = 4096): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export function isGzip(head: Uint8Array): boolean {
  return head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
}

export function isParquet(head: Buffer): boolean {
  return head.subarray(0, 4).toString('latin1') === PARQUET_MAGIC;
}

/** A file as a stream of UTF-8 bytes: decompressed, its BOM dropped, UTF-16 converted. */
export interface ByteSource {
  file: string;
  /** The file's size on disk (compressed, if it is). */
  totalBytes: number;
  /** How far through the file on disk we are. */
  bytesRead: () => number;
  compressed: 'gzip' | null;
  encoding: EncodingSniff;
  /** The first decoded chunk (also the first item of `chunks`), for sniffing. */
  head: Buffer;
  chunks: AsyncIterable<Buffer>;
  close: () => void;
}

/**
 * Open a file for streaming. Each chunk is a fresh buffer (readers may keep views into it),
 * at most about 1 MB, so memory does not grow with the file.
 */
export async function openByteSource(
  path: string,
  signal?: AbortSignal,
  /** The name people know the file by (an upload's original name, not its temp path). */
  name = basename(path),
): Promise<ByteSource> {
  const file = name;
  const totalBytes = (await stat(path)).size;
  const head = await peekFile(path, 2);
  const compressed = isGzip(head) ? 'gzip' : null;
  const raw = createReadStream(path, { highWaterMark: CHUNK });
  const stream = compressed ? raw.pipe(createGunzip({ chunkSize: 256 * 1024 })) : raw;
  if (compressed) raw.on('error', (e) => stream.destroy(e));
  const iterator = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();

  let first: Buffer;
  try {
    first = await nextChunk(iterator, file, compressed);
  } catch (e) {
    raw.destroy();
    throw e;
  }
  let encoding: EncodingSniff;
  let transcode: Transcoder | null;
  let firstOut: Buffer;
  try {
    notADatasetCheck(file, first, compressed !== null);
    encoding = sniffEncoding(first);
    if (encoding.evidence === 'default' && looksBinary(first))
      throw new ImportFileError(file, null, notADataset('binary data, not text', !!compressed));
    transcode = encoding.encoding === 'utf-8' ? null : utf16Transcoder(encoding.encoding, file);
    firstOut = decodeChunk(first.subarray(encoding.bom), transcode);
  } catch (e) {
    raw.destroy();
    if (e instanceof UnsupportedEncodingError) throw new ImportFileError(file, 1, e.message);
    throw e;
  }

  async function* chunks(): AsyncGenerator<Buffer> {
    try {
      if (firstOut.length > 0) yield firstOut;
      for (;;) {
        signal?.throwIfAborted();
        const next = await nextChunk(iterator, file, compressed);
        if (next.length === 0) break;
        const out = decodeChunk(next, transcode);
        if (out.length > 0) yield out;
      }
      if (transcode) {
        const tail = transcode.end();
        if (tail.length > 0) yield tail;
      }
    } finally {
      raw.destroy();
    }
  }

  return {
    file,
    totalBytes,
    bytesRead: () => raw.bytesRead,
    compressed,
    encoding,
    head: firstOut,
    chunks: chunks(),
    close: () => raw.destroy(),
  };
}

/** Files chosen by mistake (empty, an image, an archive) are refused before any parser runs. */
function notADatasetCheck(file: string, first: Buffer, compressed: boolean): void {
  if (first.length === 0)
    throw new ImportFileError(file, null, 'this is not a dataset: the file is empty');
  const kind = binaryKind(first);
  if (kind) throw new ImportFileError(file, null, notADataset(kind, compressed));
}

async function nextChunk(
  iterator: AsyncIterator<Buffer>,
  file: string,
  compressed: 'gzip' | null,
): Promise<Buffer> {
  try {
    const r = await iterator.next();
    return r.done ? Buffer.alloc(0) : r.value;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (
      compressed &&
      (err.code?.startsWith('Z_') || /incorrect header|unexpected end/i.test(err.message))
    )
      throw new ImportFileError(
        file,
        null,
        `the gzip data is damaged or truncated (${err.message})`,
      );
    throw e;
  }
}

interface Transcoder {
  write(chunk: Buffer): Buffer;
  end(): Buffer;
}

function decodeChunk(chunk: Buffer, transcode: Transcoder | null): Buffer {
  return transcode ? transcode.write(chunk) : chunk;
}

/** UTF-16 to UTF-8, streaming; invalid UTF-16 (a lone surrogate) is an error, not a U+FFFD. */
function utf16Transcoder(encoding: 'utf-16le' | 'utf-16be', file: string): Transcoder {
  const decoder = new TextDecoder(encoding, { fatal: true });
  let offset = 0;
  const run = (fn: () => string, size: number): Buffer => {
    try {
      const text = fn();
      offset += size;
      return Buffer.from(text, 'utf8');
    } catch {
      throw new ImportFileError(
        file,
        null,
        `invalid ${encoding.toUpperCase()} text (a lone surrogate) within bytes ${offset}..${offset + size} of the file`,
      );
    }
  };
  return {
    write: (chunk) => run(() => decoder.decode(chunk, { stream: true }), chunk.length),
    end: () => run(() => decoder.decode(), 0),
  };
}
