import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import type { StagedItem } from './stage';

/**
 * Staged items in a flat, append-only temp file: length-prefixed UTF-8 strings, written
 * sequentially while the import reads its source and read back once, in order, when it
 * merges. Appending costs almost nothing next to inserting into a B-tree, which is why staging
 * uses this rather than temp tables: the rows then go through SQLite's B-trees only once.
 *
 * Layout per item: u32 line, str id, str promptJson, str contentHash, str? metadataJson,
 * u32 responseCount, then per response str? model, str content, str? metadataJson. A string is
 * u32 byte length + bytes; NULL is the length 0xFFFFFFFF. Strings are always well-formed
 * (checkItem refused lone surrogates; JSON.stringify escapes them), so UTF-8 round-trips them.
 */
const NULL = 0xffffffff;
const BUFFER = 8 * 2 ** 20;

export class StagedFileWriter {
  private buf = Buffer.allocUnsafe(BUFFER);
  private used = 0;
  private readonly fd: number;

  constructor(path: string) {
    this.fd = openSync(path, 'wx', 0o600);
  }

  append(item: StagedItem): void {
    // Room for the worst case (3 UTF-8 bytes per UTF-16 unit), so no string needs measuring first.
    let need = 16 + 3 * (item.id.length + item.promptJson.length + item.contentHash.length);
    need += 3 * (item.metadataJson?.length ?? 0);
    for (const r of item.responses)
      need += 12 + 3 * ((r.model?.length ?? 0) + r.content.length + (r.metadataJson?.length ?? 0));
    if (this.used + need > this.buf.length) {
      this.flush();
      if (need > this.buf.length) this.buf = Buffer.allocUnsafe(need);
    }
    this.u32(item.line);
    this.str(item.id);
    this.str(item.promptJson);
    this.str(item.contentHash);
    this.str(item.metadataJson);
    this.u32(item.responses.length);
    for (const r of item.responses) {
      this.str(r.model);
      this.str(r.content);
      this.str(r.metadataJson);
    }
  }

  /** Write out what is buffered; call before reading the file back. */
  flush(): void {
    let at = 0;
    while (at < this.used) at += writeSync(this.fd, this.buf, at, this.used - at);
    this.used = 0;
    if (this.buf.length > BUFFER) this.buf = Buffer.allocUnsafe(BUFFER);
  }

  close(): void {
    closeSync(this.fd);
  }

  private u32(n: number): void {
    this.buf.writeUInt32LE(n, this.used);
    this.used += 4;
  }

  private str(s: string | null): void {
    if (s === null) return this.u32(NULL);
    const n = this.buf.write(s, this.used + 4, 'utf8');
    this.buf.writeUInt32LE(n, this.used);
    this.used += 4 + n;
  }
}

/** Read the staged items back, in the order they were written, a chunk at a time. */
export function* readStagedFile(path: string): Generator<StagedItem> {
  const fd = openSync(path, 'r');
  try {
    let buf = Buffer.allocUnsafe(BUFFER);
    let start = 0;
    let end = 0;
    let eof = false;
    /** Make sure `n` bytes from `start` are in the buffer (reading more, growing for a big item). */
    const want = (n: number): boolean => {
      if (end - start >= n) return true;
      if (eof) return false;
      if (start > 0) {
        buf.copy(buf, 0, start, end);
        end -= start;
        start = 0;
      }
      if (n > buf.length) {
        const bigger = Buffer.allocUnsafe(Math.max(n, 2 * buf.length));
        buf.copy(bigger, 0, 0, end);
        buf = bigger;
      }
      while (end - start < n) {
        const read = readSync(fd, buf, end, buf.length - end, null);
        if (read === 0) {
          eof = true;
          return false;
        }
        end += read;
      }
      return true;
    };
    const u32 = (): number => {
      if (!want(4)) throw new Error('staged file truncated');
      const n = buf.readUInt32LE(start);
      start += 4;
      return n;
    };
    const str = (): string | null => {
      const n = u32();
      if (n === NULL) return null;
      if (!want(n)) throw new Error('staged file truncated');
      const s = buf.toString('utf8', start, start + n);
      start += n;
      return s;
    };
    for (;;) {
      if (!want(4)) return;
      const line = u32();
      const id = str()!;
      const promptJson = str()!;
      const contentHash = str()!;
      const metadataJson = str();
      const count = u32();
      const responses: StagedItem['responses'] = [];
      for (let i = 0; i < count; i++) {
        const model = str();
        const content = str()!;
        responses.push({ model, content, metadataJson: str() });
      }
      yield { id, line, promptJson, contentHash, metadataJson, responses };
    }
  } finally {
    closeSync(fd);
  }
}
