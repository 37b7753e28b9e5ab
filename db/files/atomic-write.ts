import { createWriteStream, renameSync, rmSync, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fsyncDir, fsyncFile } from './fsync';

/**
 * A file written through a temp name beside the target and renamed into place only when
 * complete: a cancelled or failed write leaves nothing behind, and readers never see half a
 * file. `write` honours backpressure so memory stays flat however much is written.
 */
export class AtomicFileWriter {
  private readonly tmp: string;
  private readonly out: ReturnType<typeof createWriteStream>;
  private failed: Error | null = null;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.tmp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.partial`);
    this.out = createWriteStream(this.tmp, { flags: 'wx' });
    this.out.on('error', (e) => (this.failed = e));
  }

  async write(text: string): Promise<void> {
    this.throwIfFailed();
    if (!this.out.write(text))
      await Promise.race([once(this.out, 'drain'), once(this.out, 'error')]);
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
    this.out.end();
    await once(this.out, 'close');
    if (this.failed) {
      this.abort();
      this.throwIfFailed();
    }
    try {
      fsyncFile(this.tmp);
      renameSync(this.tmp, this.path);
    } catch (e) {
      this.abort();
      throw e;
    }
    fsyncDir(dirname(this.path));
  }

  abort(): void {
    this.out.destroy();
    rmSync(this.tmp, { force: true });
  }
}
