import { existsSync, mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULE } from '../db/backups/service';
import { populatedProject } from '../db/test-support/populated';
import { recordingDatabase } from '../db/test-support/recording-sqlite';
import { tempDir } from '../db/test-support/temp-project';
import type { Recording } from './test-support/fake-electron';
import { loadShell } from './test-support/load-shell';

const REPO = resolve(import.meta.dirname, '..');
const BUNDLE = join(REPO, 'dist', 'electron', 'main.cjs');
const BACKUP_MS = DEFAULT_SCHEDULE.intervalMinutes * 60_000;

/**
 * What the shell's projects hold open: every SQLite connection the bundle makes (the real
 * better-sqlite3, recorded as it is constructed) and every backup timer it schedules (the
 * real setInterval, recorded; a timer is owned by the connection opened just before it, as
 * a project host starts its backups right after opening its file).
 */
function watchResources() {
  const { Database, connections } = recordingDatabase();
  const timers = new Map<unknown, string>();
  const realSet = globalThis.setInterval;
  const realClear = globalThis.clearInterval;
  globalThis.setInterval = (fn: () => void, ms?: number) => {
    const handle = realSet(fn, ms);
    if (ms === BACKUP_MS) timers.set(handle, connections.at(-1)?.name ?? '?');
    return handle;
  };
  globalThis.clearInterval = (handle: Parameters<typeof clearInterval>[0]) => {
    timers.delete(handle);
    realClear(handle);
  };
  return {
    modules: { 'better-sqlite3': Database },
    /** Files with an open connection, and the projects whose backup timer runs. */
    snapshot: () => ({
      open: [...new Set(connections.filter((c) => c.open).map((c) => c.name))].sort(),
      closed: [...new Set(connections.filter((c) => !c.open).map((c) => c.name))].sort(),
      backupTimers: [...timers.values()].sort(),
    }),
    restore() {
      globalThis.setInterval = realSet;
      globalThis.clearInterval = realClear;
    },
  };
}

/** Poll until nothing the shell shows or holds has changed for a while. */
async function settled(read: () => unknown, quietMs = 300, maxMs = 10_000): Promise<void> {
  let last = JSON.stringify(read());
  let quietSince = Date.now();
  const start = Date.now();
  while (Date.now() - quietSince < quietMs) {
    if (Date.now() - start > maxMs) throw new Error(`never settled: ${last}`);
    await new Promise((r) => setTimeout(r, 20));
    const now = JSON.stringify(read());
    if (now !== last) {
      last = now;
      quietSince = Date.now();
    }
  }
}

describe('opening projects in the built Electron main process', () => {
  let t: ReturnType<typeof tempDir>;
  let watch: ReturnType<typeof watchResources>;
  let rec: Recording | null = null;
  const paths: Record<'first' | 'b' | 'c', string> = { first: '', b: '', c: '' };
  beforeEach(async () => {
    if (!existsSync(BUNDLE))
      throw new Error('run `npm run build` first: this test loads dist/electron/main.cjs');
    t = tempDir();
    for (const key of ['first', 'b', 'c'] as const) {
      const dir = join(t.dir, key);
      mkdirSync(dir);
      paths[key] = (
        await populatedProject(dir, { items: 3, judged: 1, name: `${key}.rankwise` })
      ).path;
    }
    process.env['RANKWISE_PROJECT'] = paths.first;
    watch = watchResources();
  });
  afterEach(async () => {
    if (rec) {
      rec.app.emit('window-all-closed');
      await settled(() => watch.snapshot());
    }
    watch.restore();
    delete process.env['RANKWISE_PROJECT'];
    t.cleanup();
  });

  const openFile = (path: string) => rec!.app.emit('open-file', { preventDefault() {} }, path);
  const state = () => ({
    ...watch.snapshot(),
    title: rec!.windows[0]!.title,
    reloads: rec!.windows[0]!.webContents.reloads,
  });

  it('two overlapping opens leave one project open, the later, and close what the other opened', async () => {
    rec = await loadShell(BUNDLE, join(t.dir, 'user'), watch.modules);
    await settled(state);
    expect(watch.snapshot()).toMatchObject({ open: [paths.first], backupTimers: [paths.first] });

    // Two opens in a row (say, two files double-clicked): the second starts while the first
    // is still closing the project before it.
    openFile(paths.b);
    openFile(paths.c);
    await settled(state);

    const s = state();
    // Exactly one project host is open, C's; B's connection and backup timer are closed
    // (or were never made), and so are the first project's.
    expect({ open: s.open, backupTimers: s.backupTimers }).toEqual({
      open: [paths.c],
      backupTimers: [paths.c],
    });
    expect(s.closed).toContain(paths.first);
    expect(s.title).toBe(`${basename(paths.c, '.rankwise')} — Rankwise`);

    rec.app.emit('window-all-closed');
    await settled(() => watch.snapshot());
    expect(watch.snapshot()).toMatchObject({ open: [], backupTimers: [] });
    rec = null;
  });
});
