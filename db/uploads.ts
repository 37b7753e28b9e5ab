import { once } from 'node:events';
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ApiError } from '../shared/api/errors';
import { uuidv7 } from './ids';

interface Entry {
  path: string;
  name: string;
  size: number;
  /** Ours to delete (an upload's temp copy), or the person's own file (chosen in a dialog). */
  temp: boolean;
}

export interface UploadedFile {
  uploadId: string;
  name: string;
  size: number;
}

export class UploadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the file is larger than the ${describeSize(limit)} this host accepts`);
    this.name = 'UploadTooLargeError';
  }
}

/**
 * Files the backend holds, by id: files a browser sent to the host (datasets to import,
 * annotation or project files to merge), streamed to a private temp folder for this backend's
 * life, and files a person chose in the desktop shell's own dialog or dropped on its window
 * (read in place, never deleted). The client names files by these ids, never by a path on the
 * server's disk.
 */
export class UploadRegistry {
  private dir: string | null = null;
  private readonly files = new Map<string, Entry>();

  /** A fresh path to stream an upload into, and the id to register it under. */
  reserve(): { id: string; path: string } {
    this.dir ??= mkdtempSync(join(tmpdir(), 'rankwise-uploads-'));
    const id = uuidv7();
    return { id, path: join(this.dir, id) };
  }

  register(id: string, path: string, name: string): void {
    this.files.set(id, { path, name, size: statSync(path).size, temp: true });
  }

  /** Stream a body to a temp file and register it, refusing (and deleting) it past `limit` bytes. */
  async receive(
    name: string,
    body: AsyncIterable<Uint8Array>,
    limit: number,
  ): Promise<UploadedFile> {
    const { id, path } = this.reserve();
    const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
    // A write that fails (a full disk) is noted here and thrown below: an 'error' event with no
    // listener would end the host.
    let failed: Error | null = null;
    out.on('error', (e) => (failed ??= e));
    const check = () => {
      if (failed) throw failed;
    };
    let size = 0;
    try {
      for await (const chunk of body) {
        size += chunk.length;
        if (size > limit) throw new UploadTooLargeError(limit);
        check();
        if (!out.write(chunk)) await Promise.race([once(out, 'drain'), once(out, 'close')]);
      }
      check();
      out.end();
      await once(out, 'close');
      check();
    } catch (e) {
      // Writes still in flight fail once the stream is destroyed: expected here, and an
      // 'error' nobody listens for would bring the whole host down.
      out.on('error', () => undefined);
      out.destroy();
      // The file is opened asynchronously and may appear after this point: remove it once
      // the stream has let go of it.
      if (!out.closed) await new Promise<void>((r) => out.once('close', () => r()));
      rmSync(path, { force: true });
      throw e;
    }
    const clean = cleanName(name);
    this.files.set(id, { path, name: clean, size, temp: true });
    return { uploadId: id, name: clean, size };
  }

  /** A file the person chose in the host's own dialog or dropped on its window: read in place. */
  registerPath(path: string): UploadedFile {
    const uploadId = uuidv7();
    const entry: Entry = { path, name: basename(path), size: statSync(path).size, temp: false };
    this.files.set(uploadId, entry);
    return { uploadId, name: entry.name, size: entry.size };
  }

  resolve(id: string): { path: string; name: string } | undefined {
    return this.files.get(id);
  }

  /** Like `resolve`, for callers that need the file: a clear NOT_FOUND otherwise. */
  get(id: string): { path: string; name: string; size: number } {
    const entry = this.files.get(id);
    if (!entry)
      throw new ApiError(
        'NOT_FOUND',
        `no uploaded file with id ${id} (it was discarded, or the host restarted)`,
      );
    if (!existsSync(entry.path))
      throw new ApiError(
        'NOT_FOUND',
        entry.temp
          ? `${entry.name} is no longer on the host (its temporary copy was removed): choose the file again`
          : `${entry.name} is no longer where it was chosen (${entry.path}): choose the file again`,
      );
    return entry;
  }

  /** Forget a file; an upload's temp copy is deleted, a person's own file never is. */
  discard(id: string): boolean {
    const entry = this.files.get(id);
    if (!entry) return false;
    this.files.delete(id);
    if (entry.temp) rmSync(entry.path, { force: true });
    return true;
  }

  clear(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
    this.files.clear();
  }
}

/** A display name from a client: its last path segment, printable, not too long. */
export function cleanName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const printable = last.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (printable || 'upload').slice(0, 200);
}

/** 2 GiB → "2 GB", 64 KiB → "64 KB": sizes in messages people read. */
export function describeSize(bytes: number): string {
  if (bytes >= 2 ** 30) return `${+(bytes / 2 ** 30).toFixed(1)} GB`;
  if (bytes >= 2 ** 20) return `${+(bytes / 2 ** 20).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
