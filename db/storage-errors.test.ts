import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from './dispatch';
import { openProject, type Project } from './open';
import { storageError } from './storage-errors';
import { populatedProject } from './test-support/populated';
import { newBackend, tempDir } from './test-support/temp-project';

describe('disk full and permission errors', () => {
  let t: ReturnType<typeof tempDir>;
  let project: Project;
  let labellerId: string;
  beforeEach(async () => {
    t = tempDir();
    ({ labellerId } = await populatedProject(t.dir, { items: 50, judged: 0 }));
    project = openProject(join(t.dir, 'p.rankwise'));
  });
  afterEach(() => {
    project.close();
    t.cleanup();
  });

  it('a judgment that does not fit on the disk: DISK_FULL, nothing half-written, saved once there is room', async () => {
    const backend = newBackend(project);
    const submit = (itemId: string) =>
      dispatch(backend.handlers, 'judgments.submit', {
        labellerId,
        itemId,
        displayedOrder: [1, 0],
        verdict: { kind: 'pairwise', choice: 'A' },
        timeMs: 10,
        rationale: 'x'.repeat(20_000), // a few pages per judgment
      });
    // SQLite's own limit on the file's size fails writes exactly as a full disk does (SQLITE_FULL).
    const pages = project.db.pragma('page_count', { simple: true }) as number;
    project.db.pragma(`max_page_count = ${pages + 8}`);
    const results = [];
    for (let i = 0; i < 10; i++) results.push(await submit(`i${i}`));
    const firstFull = results.findIndex((r) => !r.ok);
    expect(firstFull).toBeGreaterThan(0);
    const full = results[firstFull]!;
    expect(!full.ok && full.error.code).toBe('DISK_FULL');
    expect(!full.ok && full.error.message).toMatch(/disk is full.*Nothing was half-written/);
    const judgments = () => project.db.prepare('SELECT count(*) FROM judgments').pluck().get();
    const heads = () => project.db.prepare('SELECT count(*) FROM judgment_heads').pluck().get();
    expect(judgments()).toBe(firstFull);
    expect(heads()).toBe(firstFull); // the revision and its head went in together or not at all
    expect(project.db.pragma('integrity_check', { simple: true })).toBe('ok');

    project.db.pragma('max_page_count = 1073741823');
    expect(await submit(`i${firstFull}`)).toMatchObject({ ok: true });
    expect(judgments()).toBe(firstFull + 1);
  });

  it('maps each storage failure to its own code', () => {
    const err = (code: string) => Object.assign(new Error(code), { code });
    expect(storageError(err('SQLITE_FULL'))?.code).toBe('DISK_FULL');
    expect(storageError(err('ENOSPC'))?.code).toBe('DISK_FULL');
    expect(storageError(err('EACCES'))?.code).toBe('PERMISSION_DENIED');
    expect(storageError(err('SQLITE_READONLY'))?.code).toBe('PROJECT_READ_ONLY');
    expect(storageError(err('SQLITE_BUSY_SNAPSHOT'))?.code).toBe('PROJECT_LOCKED');
    expect(storageError(err('SQLITE_CORRUPT_INDEX'))?.code).toBe('PROJECT_CORRUPT');
    expect(storageError(err('SQLITE_IOERR_FSYNC'))?.code).toBe('IO_ERROR');
    expect(storageError(err('SQLITE_CONSTRAINT'))).toBeNull();
  });
});
