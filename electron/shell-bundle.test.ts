import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { populatedProject } from '../db/test-support/populated';
import { tempDir } from '../db/test-support/temp-project';
import { auditShell } from './test-support/audit-shell';
import type { Recording } from './test-support/fake-electron';
import { loadShell } from './test-support/load-shell';

const REPO = resolve(import.meta.dirname, '..');
const BUNDLE = join(REPO, 'dist', 'electron', 'main.cjs');

/**
 * Electronegativity reads source and misses what only the running code decides (it does not
 * see `nodeIntegration: true` at all); this checks what the built main really passes.
 */
describe('the built Electron main process', () => {
  let t: ReturnType<typeof tempDir>;
  const loaded: Recording[] = [];
  beforeAll(async () => {
    if (!existsSync(BUNDLE))
      throw new Error('run `npm run build` first: this test loads dist/electron/main.cjs');
    t = tempDir();
    const { path } = await populatedProject(t.dir, { items: 3, judged: 0 });
    process.env['RANKWISE_PROJECT'] = path;
  });
  afterAll(() => {
    // Close every shell's project the way Electron would on quitting.
    for (const rec of loaded) rec.app.emit('window-all-closed');
    delete process.env['RANKWISE_PROJECT'];
    t.cleanup();
  });

  it('passes the audit: secure webPreferences, app:// with traversal checks, deny-by-default session, guarded navigation and IPC', async () => {
    const rec = await loadShell(BUNDLE, join(t.dir, 'user-a'));
    loaded.push(rec);
    expect(await auditShell(rec)).toEqual([]);
  });

  it('refuses an IPC call from a frame that is not its own page as an untrusted sender', async () => {
    const rec = await loadShell(BUNDLE, join(t.dir, 'user-ipc'));
    loaded.push(rec);
    const call = rec.ipcHandlers.get('rankwise:call')!;
    for (const senderFrame of [{ url: 'https://evil.example/' }, null])
      expect(await call({ senderFrame }, 'project.info', {})).toMatchObject({
        ok: false,
        error: {
          code: 'UNTRUSTED_SENDER',
          message: expect.stringMatching(/is not trusted$/) as unknown,
        },
      });
    expect(
      await call({ senderFrame: { url: 'app://rankwise/index.html' } }, 'project.info', {}),
    ).toMatchObject({ ok: true });
  });

  // The audit must be able to fail: each weakened copy of the real bundle is caught.
  const mutations: Array<[string, string, string, RegExp]> = [
    ['sandbox off', 'sandbox: true', 'sandbox: false', /sandbox is false/],
    [
      'Node in the renderer',
      'nodeIntegration: false',
      'nodeIntegration: true',
      /nodeIntegration is true/,
    ],
    [
      'no context isolation',
      'contextIsolation: true',
      'contextIsolation: false',
      /contextIsolation is false/,
    ],
    [
      'no permission handler',
      's.setPermissionRequestHandler(',
      '(() => 0)(',
      /no permission request handler/,
    ],
    [
      'windows allowed',
      'return windowOpenDecision();',
      'return { action: "allow" };',
      /window\.open\(https:\/\/example\.com\/\) is allowed/,
    ],
    [
      'a naive app:// path mapping',
      'const resolved = resolveAppPath(rendererDir, request.url);',
      'const resolved = { file: rendererDir + decodeURIComponent(new URL(request.url).pathname) };',
      /\.\.%2fetc%2fpasswd answers 200/,
    ],
  ];
  for (const [name, from, to, expected] of mutations) {
    it(`catches a bundle with ${name}`, async () => {
      const source = readFileSync(BUNDLE, 'utf8');
      expect(source.includes(from), `the bundle no longer contains ${JSON.stringify(from)}`).toBe(
        true,
      );
      const mutated = join(REPO, 'dist', 'electron', `main.mutated-${loaded.length}.cjs`);
      writeFileSync(mutated, source.split(from).join(to));
      try {
        const rec = await loadShell(mutated, join(t.dir, `user-${loaded.length}`));
        loaded.push(rec);
        const violations = await auditShell(rec);
        expect(violations.join('\n')).toMatch(expected);
      } finally {
        rmSync(mutated, { force: true });
      }
    });
  }
});
