import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '..', '..');
export const BIN = join(REPO, 'bin', 'rankwise.mjs');

/**
 * Run the real `rankwise` CLI with a tiny tmpfs mounted at a temp folder, in a mount
 * namespace of its own (so the mount vanishes with the process and nothing else sees it):
 * writes there fail with a real ENOSPC. Returns null where namespaces or mounts are not
 * permitted, with the reason.
 */
export function runWithFullDisk(
  sizeKb: number,
  args: (mount: string) => string[],
): { code: number; stderr: string; leftInMount: string[] } | { unavailable: string } {
  const mount = mkdtempSync(join(tmpdir(), 'rankwise-fulldisk-'));
  try {
    const script = [
      'set -u',
      `mount -t tmpfs -o size=${sizeKb}k tmpfs "$MNT" || exit 97`,
      '"$NODE" "$BIN" "$@"; code=$?',
      'echo "exit=$code" >&2',
      'ls -A "$MNT" >&2',
    ].join('\n');
    const r = spawnSync('unshare', ['-m', 'sh', '-c', script, 'sh', ...args(mount)], {
      encoding: 'utf8',
      env: { ...process.env, MNT: mount, NODE: process.execPath, BIN },
    });
    if (r.error || r.status === 97 || /unshare failed|Operation not permitted/.test(r.stderr))
      return {
        unavailable: `cannot mount a tmpfs in a private namespace here: ${r.error?.message ?? r.stderr.trim()}`,
      };
    const lines = r.stderr.trimEnd().split('\n');
    const exitAt = lines.findIndex((l) => l.startsWith('exit='));
    return {
      code: Number(lines[exitAt]!.slice(5)),
      stderr: lines.slice(0, exitAt).join('\n'),
      leftInMount: lines.slice(exitAt + 1).filter(Boolean),
    };
  } finally {
    rmSync(mount, { recursive: true, force: true });
  }
}
