import { createWriteStream, renameSync, rmSync, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createGzip, type Gzip } from 'node:zlib';
import { fileError } from './file-error';
import { fsyncDir, fsyncFile } from './fsync';

/**
 * A file written through a temp name beside the target and renamed into place only when
 * complete: a cancelled or failed write leaves nothing behind, and readers never see half a
 * file. `write` honours backpressure so memory stays flat however much is written.
 * With `gzip`, bytes are compressed on the way (a gzip stream, as `zcat` and every JSON
 * loader read).
 */
export class AtomicFileWriter {
  private readonly tmp: string;
  private readonly file: ReturnType<typeof createWriteStream>;
  private readonly gzip: Gzip | null;
  private failed: Error | null = null;
  /** Bytes handed to write() (before compression). */
  bytesIn = 0;

  constructor(
    readonly path: string,
    options: { gzip?: boolean } = {},
  ) {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (e) {
      throw fileError(e, dirname(path));
    }
    this.tmp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.partial`);
    this.file = createWriteStream(this.tmp, { flags: 'wx' });
    this.file.on('error', (e) => (this.failed ??= fileError(e, path)));
    this.gzip = options.gzip ? createGzip() : null;
    if (this.gzip) {
      this.gzip.on('error', (e) => (this.failed ??= fileError(e, path)));
      this.gzip.pipe(this.file);
    }
  }

  private get sink() {
    return this.gzip ?? this.file;
  }

  async write(chunk: string | Uint8Array): Promise<void> {
    this.throwIfFailed();
    this.bytesIn += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    if (!this.sink.write(chunk)) {
      // Wait for drain or an error, then drop the other listener (they would pile up otherwise).
      const done = new AbortController();
      try {
        await Promise.race([
          once(this.sink, 'drain', { signal: done.signal }),
          once(this.file, 'error', { signal: done.signal }),
        ]);
      } finally {
        done.abort();
      }
    }
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failed) throw this.failed;
  }

  /**
   * Flush, fsync, and move into place, then fsync the folder: after a crash or power loss the
   * target is the complete new file or what was there before, never a renamed empty one.
   */
  async commit(): Promise<void> {
    this.throwIfFailed();
    const closed = once(this.file, 'close');
    this.sink.end();
    try {
      await closed;
    } catch (e) {
      this.failed ??= fileError(e, this.path);
    }
    if (this.failed) {
      this.abort();
      this.throwIfFailed();
    }
    try {
      fsyncFile(this.tmp);
      renameSync(this.tmp, this.path);
      fsyncDir(dirname(this.path));
    } catch (e) {
      this.abort();
      throw fileError(e, this.path);
    }
  }

  abort(): void {
    this.gzip?.destroy();
    this.file.destroy();
    rmSync(this.tmp, { force: true });
  }
}
