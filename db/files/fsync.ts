import { closeSync, fsyncSync, openSync } from 'node:fs';

/** Flush a file's data to the disk: a rename is only as durable as the bytes behind it. */
export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Flush a directory entry (a rename, a new file) to the disk. Windows cannot open a
 * directory for fsync and makes renames durable by itself, so there it is a no-op.
 */
export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
