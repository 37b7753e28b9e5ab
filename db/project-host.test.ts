import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecoveryStatus } from '../shared/api/contract';
import { backupServiceFor } from './backups/service';
import { listBackupEntries } from './backups/store';
import { dispatch } from './dispatch';
import { memoryIdentityStore } from './identity-file';
import { openProject } from './open';
import { ProjectHost } from './project-host';
import { leafPagesOf, smashPages } from './test-support/damage';
import { populatedProject } from './test-support/populated';
import { tempDir } from './test-support/temp-project';

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

function hostFor(path: string, extra: Partial<ConstructorParameters<typeof ProjectHost>[0]> = {}) {
  return new ProjectHost({
    path,
    host: 'in-process',
    identity: memoryIdentityStore(),
    labeller: { name: 'Ada' },
    open: { busyTimeoutMs: 50 },
    ...extra,
  });
}

async function call(host: ProjectHost, method: string, input: unknown = {}) {
  return dispatch(host.handlers, method, input);
}

async function value<T>(host: ProjectHost, method: string, input: unknown = {}): Promise<T> {
  const r = await call(host, method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

describe('ProjectHost: a project that may not have opened', () => {
  let t: ReturnType<typeof tempDir>;
  let path: string;
  let labellerId: string;
  const hosts: ProjectHost[] = [];
  beforeEach(async () => {
    t = tempDir();
    ({ path, labellerId } = await populatedProject(t.dir, { items: 400, judged: 8 }));
  });
  afterEach(async () => {
    for (const h of hosts.splice(0)) await h.close();
    t.cleanup();
  });
  const host = (extra = {}) => {
    const h = hostFor(path, extra);
    hosts.push(h);
    return h;
  };

  it('serves the backend when the project opens', async () => {
    const h = host();
    expect(await value(h, 'recovery.status')).toEqual({ state: 'open', path, readOnly: null });
    expect(await value(h, 'progress.get', { labellerId })).toMatchObject({ done: 8 });
  });

  it('damaged: explains, answers other calls with the problem, and restores a backup without deleting anything', async () => {
    const writable = openProject(path);
    await backupServiceFor(writable).create('manual');
    writable.close();
    smashPages(path, leafPagesOf(path, 'responses').slice(2, 3));
    const damagedBytes = sha(path);

    const h = host();
    const status = await value<RecoveryStatus>(h, 'recovery.status');
    expect(status).toMatchObject({
      state: 'failed',
      problem: {
        kind: 'corrupt',
        code: 'PROJECT_CORRUPT',
        choices: ['restore-backup', 'salvage', 'open-read-only'],
      },
    });
    const refused = await call(h, 'items.next', { labellerId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'PROJECT_CORRUPT' } });

    const { backups } = await value<{ backups: { name: string }[] }>(h, 'backups.list');
    const result = await value<{ preservedAs: string; safetyBackup: null }>(h, 'backups.restore', {
      name: backups[0]!.name,
    });
    expect(result.safetyBackup).toBeNull();
    // The damaged file was moved aside byte for byte, not deleted.
    expect(sha(result.preservedAs)).toBe(damagedBytes);
    expect(await value(h, 'recovery.status')).toMatchObject({ state: 'open', readOnly: null });
    expect(await value(h, 'progress.get', { labellerId })).toMatchObject({ done: 8 });
    const db = new Database(path, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('damaged: open read-only shows what is readable and refuses to write', async () => {
    smashPages(path, leafPagesOf(path, 'responses').slice(2, 3));
    const before = sha(path);
    const h = host();
    const status = await value<RecoveryStatus>(h, 'recovery.openReadOnly');
    expect(status.state).toBe('open');
    expect(status.state === 'open' && status.readOnly).toMatch(/damaged/);
    expect(await value(h, 'progress.get', { labellerId })).toMatchObject({ done: 8 });
    const write = await call(h, 'judgments.submit', {
      labellerId,
      itemId: 'i0',
      displayedOrder: [0, 1],
      verdict: { kind: 'pairwise', choice: 'B' },
      timeMs: 1,
    });
    expect(write).toMatchObject({ ok: false, error: { code: 'PROJECT_READ_ONLY' } });
    await h.close();
    expect(sha(path)).toBe(before);
  });

  it('damaged: export what is readable keeps every readable row and sets orphans aside', async () => {
    // Damage items: responses and judgments of the lost items can no longer be placed.
    smashPages(path, leafPagesOf(path, 'items').slice(0, 1));
    const h = host();
    const r = await value<{
      path: string;
      orphansPath: string;
      tables: { name: string; copied: number; lost: number; complete: boolean }[];
    }>(h, 'recovery.salvage');
    const items = r.tables.find((x) => x.name === 'items')!;
    expect(items.complete).toBe(false);
    expect(items.copied).toBeGreaterThan(300);
    expect(items.copied).toBeLessThan(400);
    const out = new Database(r.path, { readonly: true });
    expect(out.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(out.pragma('foreign_key_check')).toEqual([]);
    const judgments = out.prepare('SELECT count(*) FROM judgments').pluck().get() as number;
    const heads = out.prepare('SELECT count(*) FROM judgment_heads').pluck().get() as number;
    out.close();
    // The first leaf held the first items, which were the judged ones: their judgments are
    // in the orphans file, with their rows intact.
    const orphans = readFileSync(r.orphansPath, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { table: string });
    expect(judgments + orphans.filter((o) => o.table === 'judgments').length).toBe(8);
    expect(heads).toBe(judgments);
    // The new file opens as a project; the damaged one is untouched.
    openProject(r.path).close();
    expect(existsSync(path)).toBe(true);
  });

  it('locked: try again once the other writer is done', async () => {
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    const h = host();
    expect(await value(h, 'recovery.status')).toMatchObject({
      state: 'failed',
      problem: { kind: 'locked', choices: ['retry', 'open-read-only'] },
    });
    expect(await value(h, 'recovery.retry')).toMatchObject({ state: 'failed' });
    other.exec('COMMIT');
    other.close();
    expect(await value(h, 'recovery.retry')).toMatchObject({ state: 'open', readOnly: null });
  });

  it('refuses choices that do not fit the problem', async () => {
    const raw = new Database(path);
    raw.pragma('user_version = 999');
    raw.close();
    const h = host();
    expect(await call(h, 'recovery.openReadOnly')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await call(h, 'backups.restore', { name: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(listBackupEntries(path)).toEqual([]);
  });
});
