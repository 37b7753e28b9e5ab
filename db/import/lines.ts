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
  const split = new LineSplitter(maxLineBytes);
  for await (const chunk of chunks) {
    const lines: Line[] = [];
    const tooLong = split.push(chunk, lines);
    yield* lines;
    if (tooLong) throw tooLong;
  }
  const last = split.end();
  if (last) yield last;
}

/**
 * The same lines, a chunk's worth at a time: one await per chunk (about 1 MB) rather than per
 * line, for readers whose work per line is small (judge verdicts).
 */
export async function* splitLineBatches(
  chunks: AsyncIterable<Buffer>,
  maxLineBytes: number,
): AsyncGenerator<Line[]> {
  const split = new LineSplitter(maxLineBytes);
  for await (const chunk of chunks) {
    const lines: Line[] = [];
    const tooLong = split.push(chunk, lines);
    if (lines.length) yield lines;
    if (tooLong) throw tooLong;
  }
  const last = split.end();
  if (last) yield [last];
}

/** The splitting itself: complete lines out of each chunk, the unfinished one carried over. */
class LineSplitter {
  private pieces: Buffer[] = [];
  private pending = 0;
  private no = 0;

  constructor(private readonly maxLineBytes: number) {}

  /** Appends the chunk's complete lines to `out`; returns the error of a line grown too long. */
  push(chunk: Buffer, out: Line[]): LineTooLongError | null {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(LF, start);
      if (nl < 0) break;
      let bytes = chunk.subarray(start, nl);
      if (this.pieces.length > 0) {
        this.pieces.push(bytes);
        bytes = Buffer.concat(this.pieces, this.pending + bytes.length);
        this.pieces = [];
        this.pending = 0;
      }
      start = nl + 1;
      out.push(finish(bytes, ++this.no));
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      this.pending += rest.length;
      if (this.pending > this.maxLineBytes)
        return new LineTooLongError(this.no + 1, this.maxLineBytes);
      this.pieces.push(rest);
    }
    return null;
  }

  /** The last line, when the stream does not end with a line break. */
  end(): Line | null {
    return this.pending > 0 ? finish(Buffer.concat(this.pieces, this.pending), ++this.no) : null;
  }
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
