import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const NULL = 0xffffffff;
const BUFFER = 4 * 2 ** 20;

/**
 * Strings appended in order to a private temp file and read back once, in the same order: what
 * an import keeps of each checked line's text (rationales, scores) until it writes them, so its
 * memory does not grow with the file (the same idea as the item import's staged file). Each
 * string is a u32 UTF-8 byte length (0xFFFFFFFF: null) and its bytes.
 */
export class StringSpill {
  private readonly dir = mkdtempSync(join(tmpdir(), 'rankwise-judges-'));
  private readonly path = join(this.dir, 'strings');
  private readonly fd = openSync(this.path, 'wx', 0o600);
  private buf = Buffer.allocUnsafe(BUFFER);
  private used = 0;

  append(s: string | null): void {
    const need = 4 + (s === null ? 0 : 3 * s.length);
    if (this.used + need > this.buf.length) {
      this.flush();
      if (need > this.buf.length) this.buf = Buffer.allocUnsafe(need);
    }
    if (s === null) {
      this.buf.writeUInt32LE(NULL, this.used);
      this.used += 4;
      return;
    }
    const n = this.buf.write(s, this.used + 4, 'utf8');
    this.buf.writeUInt32LE(n, this.used);
    this.used += 4 + n;
  }

  private flush(): void {
    let at = 0;
    while (at < this.used) at += writeSync(this.fd, this.buf, at, this.used - at);
    this.used = 0;
  }

  /** A reader of the strings in the order they were appended: `next()` gives each in turn. */
  reader(): { next(): string | null; close(): void } {
    this.flush();
    const fd = openSync(this.path, 'r');
    let chunk = Buffer.allocUnsafe(BUFFER);
    let have = 0;
    let at = 0;
    let pos = 0;
    const fill = (need: number) => {
      if (have - at >= need) return;
      const rest = have - at;
      if (need > chunk.length) {
        const bigger = Buffer.allocUnsafe(need);
        chunk.copy(bigger, 0, at, have);
        chunk = bigger;
      } else chunk.copy(chunk, 0, at, have);
      have = rest;
      at = 0;
      while (have < need) {
        const n = readSync(fd, chunk, have, chunk.length - have, pos);
        if (n === 0) throw new Error('the import staging file ended early');
        have += n;
        pos += n;
      }
    };
    return {
      next: () => {
        fill(4);
        const len = chunk.readUInt32LE(at);
        at += 4;
        if (len === NULL) return null;
        fill(len);
        const s = chunk.toString('utf8', at, at + len);
        at += len;
        return s;
      },
      close: () => closeSync(fd),
    };
  }

  remove(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
