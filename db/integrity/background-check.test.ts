import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RecoveryStatus } from '../../shared/api/contract';
import { backupServiceFor } from '../backups/service';
import { dispatch } from '../dispatch';
import { memoryIdentityStore } from '../identity-file';
import { openProject } from '../open';
import { ProjectHost, type ProjectHostOptions } from '../project-host';
import { bundleForNode } from '../test-support/bundle';
import { leafPagesOf, smashPages } from '../test-support/damage';
import { populatedProject } from '../test-support/populated';
import { tempDir } from '../test-support/temp-project';
import { checkInBackground } from './quick-check';

const REPO = resolve(import.meta.dirname, '..', '..');
const WORKER_DIR = join(REPO, '.tmp', `check-worker-test-${process.pid}`);
let workerPath: string;

beforeAll(async () => {
  // The worker runs bundled, as in dist/cli; built here from the sources under test.
  workerPath = await bundleForNode(join(REPO, 'db/integrity/check-worker.ts'), WORKER_DIR);
}, 60_000);
afterAll(() => rmSync(WORKER_DIR, { recursive: true, force: true }));

const submission = (labellerId: string, itemId: string) => ({
  labellerId,
  itemId,
  displayedOrder: [0, 1],
  verdict: { kind: 'pairwise', choice: 'B' },
  timeMs: 1,
});

/**
 * A host that serves at once and checks the file in the background: damage in a part of the
 * file labelling never reads (an index of prompts, used by agreement) is found after the
 * labeller has judged; the project then refuses writes, and what was judged meanwhile is
 * in the file and comes through every recovery path.
 */
describe('the background check of an open project', () => {
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

  /** A host whose background check (the real one, in the bundled worker) starts on `gate`. */
  function host(gate: Promise<void>, extra: Partial<ProjectHostOptions> = {}) {
    const h = new ProjectHost({
      path,
      host: 'in-process',
      identity: memoryIdentityStore(),
      labeller: { name: 'Ada' },
      check: 'background',
      runCheck: async (p) => {
        await gate;
        return checkInBackground(p, workerPath);
      },
      ...extra,
    });
    hosts.push(h);
    return h;
  }
  const call = (h: ProjectHost, method: string, input: unknown = {}) =>
    dispatch(h.handlers, method, input);
  async function value<T>(h: ProjectHost, method: string, input: unknown = {}): Promise<T> {
    const r = await call(h, method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  }
  function damageUnreadIndex() {
    smashPages(path, leafPagesOf(path, 'items_prompt_key').slice(1, 2));
  }

  it('finds nothing in a sound file, and the project stays open for writing', async () => {
    const h = host(Promise.resolve());
    await h.whenChecked();
    expect(h.status()).toEqual({ state: 'open', path, readOnly: null });
    const r = await call(h, 'judgments.submit', submission(labellerId, 'i8'));
    expect(r.ok).toBe(true);
  });

  it('reports damage found after judgments: writes refused, reads kept, judgments salvaged and kept by a restore', async () => {
    // A backup to restore, made while the file was sound.
    const w = openProject(path);
    await backupServiceFor(w).create('manual');
    w.close();
    damageUnreadIndex();

    let release!: () => void;
    const h = host(new Promise<void>((r) => (release = r)));
    const reports: unknown[] = [];
    h.events.subscribe((name, payload) => {
      if (name === 'recovery.changed') reports.push(payload);
    });
    // Served at once: the labeller judges three items before the check has reported.
    expect(h.status()).toMatchObject({ state: 'open', readOnly: null });
    const made: string[] = [];
    for (let i = 0; i < 3; i++) {
      const next = await value<{ id: string }>(h, 'items.next', { labellerId });
      const r = await value<{ judgmentId: string }>(
        h,
        'judgments.submit',
        submission(labellerId, next.id),
      );
      made.push(r.judgmentId);
    }
    expect(reports).toEqual([]);

    release();
    await h.whenChecked();
    // The report arrives the moment the check returns, as an event for an open page.
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ state: 'failed', problem: { kind: 'corrupt' } });
    const status = await value<RecoveryStatus>(h, 'recovery.status');
    expect(status).toMatchObject({
      state: 'failed',
      problem: {
        kind: 'corrupt',
        code: 'PROJECT_CORRUPT',
        choices: ['restore-backup', 'salvage', 'open-read-only'],
      },
    });
    expect(status.state === 'failed' && status.problem.message).toMatch(
      /damaged.*Everything saved since it was opened is in the file/s,
    );
    // Every write is refused with the problem and its choices; reads go on.
    for (const [method, input] of [
      ['judgments.submit', submission(labellerId, 'i20')],
      ['judgments.undo', { labellerId }],
      ['drafts.discard', { labellerId, itemId: 'i20' }],
      ['backups.create', {}],
      ['settings.updateGuidelines', { markdown: 'x' }],
    ] as const) {
      const r = await call(h, method, input);
      expect(r, method).toMatchObject({
        ok: false,
        error: {
          code: 'PROJECT_CORRUPT',
          details: { choices: ['restore-backup', 'salvage', 'open-read-only'] },
        },
      });
    }
    expect(await value(h, 'progress.get', { labellerId })).toMatchObject({ done: 11 });
    expect(await value(h, 'items.next', { labellerId })).toMatchObject({ id: 'i11' });

    // Salvage: the new project has the judgments made meanwhile.
    const salvaged = await value<{ path: string }>(h, 'recovery.salvage');
    const out = new Database(salvaged.path, { readonly: true });
    const ids = (db: Database.Database) =>
      db.prepare('SELECT id FROM judgments').pluck().all() as string[];
    expect(ids(out)).toEqual(expect.arrayContaining(made));
    expect(ids(out)).toHaveLength(11);
    out.close();

    // Restore: the damaged file, with the judgments made meanwhile, is moved aside whole.
    const { backups } = await value<{ backups: { name: string }[] }>(h, 'backups.list');
    const restored = await value<{ preservedAs: string }>(h, 'backups.restore', {
      name: backups[0]!.name,
    });
    const kept = new Database(restored.preservedAs, { readonly: true });
    expect(ids(kept)).toEqual(expect.arrayContaining(made));
    kept.close();
    // The restored project (as backed up: 8 judged) is open and checked again.
    await h.whenChecked();
    expect(await value(h, 'recovery.status')).toMatchObject({ state: 'open', readOnly: null });
    expect(await value(h, 'progress.get', { labellerId })).toMatchObject({ done: 8 });
  });

  it('open read-only after the report: browse, nothing written', async () => {
    damageUnreadIndex();
    const h = host(Promise.resolve());
    await h.whenChecked();
    const status = await value<RecoveryStatus>(h, 'recovery.openReadOnly');
    expect(status.state === 'open' && status.readOnly).toMatch(/damaged/);
    expect(await value(h, 'progress.get', { labellerId })).toMatchObject({ done: 8 });
    const r = await call(h, 'judgments.submit', submission(labellerId, 'i8'));
    expect(r).toMatchObject({ ok: false, error: { code: 'PROJECT_READ_ONLY' } });
  });

  it('a read-only host does not check; a file needing no check is served as before', async () => {
    damageUnreadIndex();
    let started = false;
    const h = host(Promise.resolve(), {
      readOnly: true,
      runCheck: () => {
        started = true;
        return Promise.resolve([]);
      },
    });
    await h.whenChecked();
    expect(started).toBe(false);
    expect(h.status()).toMatchObject({ state: 'open', readOnly: 'opened read-only' });
  });
});

describe('checkInBackground', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.cleanup());

  it('runs quick_check in the worker: nothing for a sound file, the findings for a damaged one', async () => {
    const { path } = await populatedProject(t.dir, { items: 400, judged: 2 });
    expect(await checkInBackground(path, workerPath)).toEqual([]);
    smashPages(path, leafPagesOf(path, 'responses').slice(2, 3));
    const findings = await checkInBackground(path, workerPath);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.join('\n')).toMatch(/page|malformed/i);
    // The same without a worker bundle (on this thread, after the current turn).
    expect(await checkInBackground(path, null)).toEqual(findings);
  });
});
