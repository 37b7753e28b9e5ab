import { existsSync, renameSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { RestoreResult } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { openVerifiedBackup } from '../backups/service';
import { backupsDirFor, describeBackup, findBackup } from '../backups/store';
import { fsyncDir } from '../files/fsync';
import { backupSync } from '../files/online-backup';

/**
 * Restore a backup over a project that could not be opened (damaged). The damaged file is
 * not copied through SQLite, which may not be able to read it, and not deleted: it is moved,
 * byte for byte and with its -wal, into the backups folder as `<name>.<time>.damaged.rankwise`,
 * where it stays for whoever wants to try harder tools on it. Then the backup is copied into
 * the project's path, and the caller opens it as usual (migrating an older backup, with a
 * backup of its own first).
 */
export function restoreOverDamaged(
  projectPath: string,
  name: string,
  now = Date.now(),
): RestoreResult {
  const entry = findBackup(projectPath, name);
  if (!entry) throw new ApiError('NOT_FOUND', `no backup named ${JSON.stringify(name)}`);
  const source = openVerifiedBackup(entry, null);
  try {
    const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
    const preserved = join(
      backupsDirFor(projectPath),
      `${basename(projectPath, extname(projectPath))}.${stamp}.damaged.rankwise`,
    );
    let preservedAs: string | null = null;
    if (existsSync(projectPath)) {
      // The -wal goes with its file: left behind, SQLite could replay it onto the restored one.
      for (const suffix of ['-wal', '-shm']) {
        if (existsSync(projectPath + suffix)) renameSync(projectPath + suffix, preserved + suffix);
      }
      renameSync(projectPath, preserved);
      preservedAs = preserved;
    }
    backupSync(source, projectPath);
    fsyncDir(backupsDirFor(projectPath));
    return { restored: describeBackup(entry), safetyBackup: null, preservedAs };
  } finally {
    source.close();
  }
}
