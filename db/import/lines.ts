import { createReadStream } from 'node:fs';

export interface Line {
  /** 1-based physical line number. */
  no: number;
  /** The line's bytes without its terminator (LF or CRLF). */
  bytes: Buffer;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Split a byte stream into lines at the byte level: much faster than readline (no string
 * decoding before we need it), and memory stays flat: only the current chunk and the pieces
 * of one unfinished line are held. A line longer than `maxLineBytes` is reported by number
 * instead of being assembled (it could not be a record we can store anyway).
 */
export async function* splitLines(
  chunks: AsyncIterable<Buffer>,
  maxLineBytes: number,
): AsyncGenerator<Line> {
  let pieces: Buffer[] = [];
  let pending = 0;
  let no = 0;
  for await (const chunk of chunks) {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(LF, start);
      if (nl < 0) break;
      let bytes = chunk.subarray(start, nl);
      if (pieces.length > 0) {
        pieces.push(bytes);
        bytes = Buffer.concat(pieces, pending + bytes.length);
        pieces = [];
        pending = 0;
      }
      start = nl + 1;
      yield finish(bytes, ++no);
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      pending += rest.length;
      if (pending > maxLineBytes) throw new LineTooLongError(no + 1, maxLineBytes);
      pieces.push(rest);
    }
  }
  if (pending > 0) yield finish(Buffer.concat(pieces, pending), ++no);
}

export class LineTooLongError extends Error {
  constructor(
    readonly line: number,
    readonly limit: number,
  ) {
    super(
      `line ${line} is longer than ${Math.round(limit / 2 ** 20)} MB, the most one record may take`,
    );
    this.name = 'LineTooLongError';
  }
}

function finish(bytes: Buffer, no: number): Line {
  const b = bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.subarray(0, -1) : bytes;
  return { no, bytes: b };
}

/**
 * The lines of a file (BOM on line 1 dropped, LF or CRLF), for readers that want lines rather
 * than records (merge reads annotation files this way).
 */
export async function* readLines(path: string, signal?: AbortSignal): AsyncGenerator<Line> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  async function* chunks(): AsyncGenerator<Buffer> {
    let first = true;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      signal?.throwIfAborted();
      if (first && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
        first = false;
        yield chunk.subarray(3);
        continue;
      }
      first = false;
      yield chunk;
    }
  }
  try {
    yield* splitLines(chunks(), Number.MAX_SAFE_INTEGER);
  } finally {
    stream.destroy();
  }
}
