import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../dispatch';
import { openProject, type Project } from '../open';
import { leafPagesOf, smashPages } from '../test-support/damage';
import { call, judge, populatedProject } from '../test-support/populated';
import { newBackend, tempDir } from '../test-support/temp-project';
import { backupServiceFor } from './service';
import { backupsDirFor, listBackupEntries, newBackupPath } from './store';

const count = (db: Database.Database, table: string) =>
  db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

function countIn(path: string, table: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return count(db, table);
  } finally {
    db.close();
  }
}

describe('backups', () => {
  let t: ReturnType<typeof tempDir>;
  let project: Project;
  let labellerId: string;
  beforeEach(async () => {
    t = tempDir();
    ({ labellerId } = await populatedProject(t.dir, { items: 30, judged: 4 }));
    project = openProject(join(t.dir, 'p.rankwise'));
  });
  afterEach(() => {
    project.close();
    t.cleanup();
  });

  it('a backup is one self-contained, consistent file in the backups folder', async () => {
    const entry = await backupServiceFor(project).create('manual');
    expect(entry.path.startsWith(backupsDirFor(project.path))).toBe(true);
    expect(entry).toMatchObject({ reason: 'manual', schemaVersion: project.schemaVersion });
    const copy = new Database(entry.path, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(count(copy, 'judgments')).toBe(4);
    copy.close();
    // No temp file, -wal or -shm left beside it.
    expect(readdirSync(backupsDirFor(project.path))).toEqual([entry.name]);
    const listed = backupServiceFor(project).list();
    expect(listed.backups).toEqual([
      expect.objectContaining({ name: entry.name, judgments: 4, items: 30 }),
    ]);
  });

  it('judgments keep committing while a backup is copied, and the copy is one consistent state', async () => {
    const backend = newBackend(project);
    const service = backupServiceFor(project);
    const copying = service.create('manual');
    const during = await Promise.all(
      Array.from({ length: 10 }, (_, i) => judge(backend, labellerId, `i${10 + i}`)),
    );
    const entry = await copying;
    expect(during).toHaveLength(10);
    const copy = new Database(entry.path, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    const copied = count(copy, 'judgments');
    // Heads agree with judgments in the copy: no torn state between the two tables.
    expect(count(copy, 'judgment_heads')).toBe(copied);
    copy.close();
    expect(copied).toBeGreaterThanOrEqual(4);
    expect(count(project.db, 'judgments')).toBe(14);
  });

  it('scheduled backups: only after a change, rotated to `keep`; other kinds are never rotated', async () => {
    const backend = newBackend(project);
    const service = backupServiceFor(project);
    service.setSchedule({ intervalMinutes: 5, keep: 2 });
    const manual = await service.create('manual');
    expect(await service.runScheduled()).toBeNull(); // nothing changed since the manual one
    const made: string[] = [];
    for (let i = 0; i < 4; i++) {
      await judge(backend, labellerId, `i${20 + i}`);
      const entry = await service.runScheduled();
      expect(entry).not.toBeNull();
      made.push(entry!.name);
      expect(await service.runScheduled()).toBeNull();
    }
    const names = listBackupEntries(project.path).map((e) => e.name);
    expect(names).toEqual([made[3], made[2], manual.name]);
    expect(service.schedule()).toEqual({ intervalMinutes: 5, keep: 2 });
    // The schedule is a project setting: it survives reopening.
    project.close();
    project = openProject(join(t.dir, 'p.rankwise'));
    expect(backupServiceFor(project).schedule()).toEqual({ intervalMinutes: 5, keep: 2 });
  });

  it('a failing scheduled backup is reported on the Backups screen, not thrown at labelling', async () => {
    const service = backupServiceFor(project);
    await judge(newBackend(project), labellerId, 'i25');
    // The backups folder's place is taken by a file: every backup fails.
    copyFileSync(project.path + '.jsonl', backupsDirFor(project.path));
    expect(await service.runScheduled()).toBeNull();
    expect(service.list().lastError).toMatch(/EEXIST|ENOTDIR/);
  });

  it('restore: the current state is backed up first, the backup comes back in place, the app keeps working', async () => {
    const backend = newBackend(project, { name: 'Ada' });
    const before = await call(backend, 'backups.create', {});
    for (const id of ['i10', 'i11', 'i12']) await judge(backend, labellerId, id);
    // A labeller who only exists after the backup keeps working after the restore.
    const grace = (await call(newBackend(project, { name: 'Grace' }), 'session.get', {})) as {
      labeller: { id: string };
    };
    const graceBackend = newBackend(project, { name: 'Grace', id: grace.labeller.id });
    const result = (await call(graceBackend, 'backups.restore', {
      name: (before as { name: string }).name,
    })) as { restored: { name: string }; safetyBackup: { name: string; judgments: number } };
    expect(result.restored.name).toBe((before as { name: string }).name);
    expect(result.safetyBackup).toMatchObject({ judgments: 7 });
    expect(result.safetyBackup.name).toMatch(/\.pre-restore\.v\d+\.rankwise$/);
    // The open connection sees the restored project: the three later judgments are gone.
    expect(count(project.db, 'judgments')).toBe(4);
    expect(project.db.pragma('integrity_check', { simple: true })).toBe('ok');
    await judge(graceBackend, grace.labeller.id, 'i13');
    expect(count(project.db, 'judgments')).toBe(5);
    // ...and so does every later connection.
    expect(countIn(project.path, 'judgments')).toBe(5);
    const safety = listBackupEntries(project.path).find(
      (e) => e.name === result.safetyBackup.name,
    )!;
    expect(countIn(safety.path, 'judgments')).toBe(7);
  });

  it('restore refuses what it cannot trust: unknown names, paths, damaged backups, other projects', async () => {
    const backend = newBackend(project);
    const fail = async (name: string) => {
      const r = await dispatch(backend.handlers, 'backups.restore', { name });
      if (r.ok) throw new Error('expected a refusal');
      return r.error;
    };
    expect((await fail('../p.rankwise')).code).toBe('NOT_FOUND');
    expect((await fail(project.path)).code).toBe('NOT_FOUND');

    const good = await backupServiceFor(project).create('manual');
    const damaged = newBackupPath(project.path, 'manual', project.schemaVersion, Date.now() + 1000);
    copyFileSync(good.path, damaged);
    smashPages(damaged, leafPagesOf(damaged, 'responses').slice(0, 1));
    const damagedRefusal = await fail(damaged.split('/').pop()!);
    expect(damagedRefusal.code).toBe('PROJECT_CORRUPT');
    expect(damagedRefusal.message).toMatch(/is damaged/);

    const other = tempDir();
    try {
      await populatedProject(other.dir, { items: 2, judged: 0 });
      const foreign = newBackupPath(
        project.path,
        'manual',
        project.schemaVersion,
        Date.now() + 2000,
      );
      copyFileSync(join(other.dir, 'p.rankwise'), foreign);
      const foreignRefusal = await fail(foreign.split('/').pop()!);
      expect(foreignRefusal.code).toBe('CONFLICT');
      expect(foreignRefusal.message).toMatch(/another project/);
    } finally {
      other.cleanup();
    }
    // None of the refusals touched the project or made a safety backup.
    expect(count(project.db, 'judgments')).toBe(4);
    expect(listBackupEntries(project.path).filter((e) => e.reason === 'pre-restore')).toEqual([]);
    expect(existsSync(project.path)).toBe(true);
  });
});
