import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from './ids';

/**
 * Files a browser sent to the host (annotation files or project files to merge), kept in a
 * temp folder for this backend's life and named by id: the client never names a path on the
 * server's disk.
 */
export class UploadRegistry {
  private dir: string | null = null;
  private readonly files = new Map<string, { path: string; name: string }>();

  /** A fresh path to stream an upload into, and the id to register it under. */
  reserve(): { id: string; path: string } {
    this.dir ??= mkdtempSync(join(tmpdir(), 'rankwise-uploads-'));
    const id = uuidv7();
    return { id, path: join(this.dir, id) };
  }

  register(id: string, path: string, name: string): void {
    this.files.set(id, { path, name });
  }

  resolve(id: string): { path: string; name: string } | undefined {
    return this.files.get(id);
  }

  clear(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
    this.files.clear();
  }
}
