import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../shared/api/errors';
import { backupServiceFor } from './backups/service';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { openProject, type OpenOptions } from './open';
import { openAttempt, runAsOtherUser } from './test-support/as-other-user';
import { leafPagesOf, smashPages } from './test-support/damage';
import { populatedProject } from './test-support/populated';
import { tempDir } from './test-support/temp-project';

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

function refusal(path: string, options: OpenOptions = {}): ApiError {
  try {
    openProject(path, options).close();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error(`expected ${path} to be refused`);
}

const details = (e: { details?: unknown }) => e.details as { kind: string; choices: string[] };

/**
 * Every way a project can fail to open gets its own message and the choices that make
 * sense, and the file is never changed on the way to the refusal.
 */
describe('opening a project that cannot be used', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.cleanup());

  it('damaged: quick_check finds it; restore, salvage or read-only are offered; nothing changes', async () => {
    const { path } = await populatedProject(t.dir, { items: 400, judged: 10 });
    smashPages(path, leafPagesOf(path, 'responses').slice(3, 4));
    const before = sha(path);
    const e = refusal(path);
    expect(e.code).toBe('PROJECT_CORRUPT');
    expect(e.message).toMatch(/p\.rankwise is damaged/);
    expect(e.message).toMatch(/not changed/);
    expect(details(e)).toMatchObject({ kind: 'corrupt', choices: ['salvage', 'open-read-only'] });
    expect(sha(path)).toBe(before);
    expect(readdirSync(t.dir).sort()).toEqual(['p.rankwise', 'p.rankwise.jsonl']);
    // Read-only, the undamaged tables can still be browsed.
    const ro = openProject(path, { readonly: true });
    expect(ro.db.prepare('SELECT count(*) FROM judgments').pluck().get()).toBe(10);
    ro.close();
  });

  it('damaged with backups: restoring one is offered first', async () => {
    const { path } = await populatedProject(t.dir, { items: 400, judged: 3 });
    const p = openProject(path);
    await backupServiceFor(p).create('manual');
    p.close();
    smashPages(path, leafPagesOf(path, 'items').slice(2, 3));
    expect(details(refusal(path)).choices).toEqual(['restore-backup', 'salvage', 'open-read-only']);
  });

  it('a damaged header: with backups it is a damaged project, without it is not a project', async () => {
    const { path } = await populatedProject(t.dir, { items: 5, judged: 1 });
    smashPages(path, [1], 100);
    expect(details(refusal(path))).toMatchObject({ kind: 'not-a-project', choices: [] });
    mkdirSync(join(t.dir, 'p-backups'));
    writeFileSync(join(t.dir, 'p-backups', 'p.2025-01-01T00-00-00-000Z.manual.v1.rankwise'), '');
    const e = refusal(path);
    expect(e.code).toBe('PROJECT_CORRUPT');
    expect(details(e)).toMatchObject({ kind: 'corrupt', choices: ['restore-backup'] });
  });

  it('locked by another writer: retry or read-only; both work once it is free', async () => {
    const { path } = await populatedProject(t.dir, { items: 5, judged: 2 });
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    try {
      const e = refusal(path, { busyTimeoutMs: 50 });
      expect(e.code).toBe('PROJECT_LOCKED');
      expect(e.message).toMatch(/another program .* is writing to it/);
      expect(details(e)).toMatchObject({ kind: 'locked', choices: ['retry', 'open-read-only'] });
      const ro = openProject(path, { readonly: true });
      expect(ro.db.prepare('SELECT count(*) FROM judgments').pluck().get()).toBe(2);
      ro.close();
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    openProject(path, { busyTimeoutMs: 50 }).close();
  });

  it('newer version: says which versions, offers nothing that could misread it', async () => {
    const { path } = await populatedProject(t.dir, { items: 2, judged: 0 });
    const raw = new Database(path);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.close();
    const before = sha(path);
    const e = refusal(path);
    expect(e.code).toBe('PROJECT_NEWER_VERSION');
    expect(details(e)).toMatchObject({ kind: 'newer-version', choices: [] });
    expect(sha(path)).toBe(before);
  });

  it('missing: a plain not-found', () => {
    const e = refusal(join(t.dir, 'gone.rankwise'));
    expect(e.code).toBe('NOT_FOUND');
    expect(details(e).kind).toBe('missing');
  });

  describe('without write permission (a labeller without rights to the shared folder)', () => {
    it('a read-only file: open read-only is offered, and works', async () => {
      const { path } = await populatedProject(t.dir, { items: 3, judged: 1 });
      chmodSync(t.dir, 0o755);
      chmodSync(path, 0o444);
      const before = sha(path);
      const r = runAsOtherUser(openAttempt(path)) as {
        code: string;
        message: string;
        details: unknown;
      };
      expect(r.code).toBe('PROJECT_READ_ONLY');
      expect(r.message).toMatch(/cannot be written: the file is read-only/);
      expect(details(r)).toMatchObject({ kind: 'read-only', choices: ['open-read-only', 'retry'] });
      expect(runAsOtherUser(openAttempt(path, { readonly: true }))).toEqual({
        opened: true,
        readOnly: true,
        items: 3,
      });
      expect(sha(path)).toBe(before);
    });

    it('a writable file in a folder that is not: the folder is named', async () => {
      const { path } = await populatedProject(t.dir, { items: 3, judged: 1 });
      chmodSync(t.dir, 0o755);
      if (process.getuid?.() === 0) chownSync(path, 65534, 65534);
      else chmodSync(t.dir, 0o555);
      const r = runAsOtherUser(openAttempt(path)) as { message: string; details: unknown };
      chmodSync(t.dir, 0o755);
      expect(r.message).toMatch(/its folder \(.*\) is not writable/);
      expect(details(r).kind).toBe('read-only');
    });

    it('an unreadable file: permission denied, retry once fixed', async () => {
      const { path } = await populatedProject(t.dir, { items: 3, judged: 1 });
      chmodSync(t.dir, 0o755);
      chmodSync(path, 0o000);
      const r = runAsOtherUser(openAttempt(path, { readonly: true })) as {
        code: string;
        details: unknown;
      };
      chmodSync(path, 0o644);
      expect(r.code).toBe('PERMISSION_DENIED');
      expect(details(r)).toMatchObject({ kind: 'no-permission', choices: ['retry'] });
    });
  });
});
