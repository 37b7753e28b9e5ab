import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../db/test-support/temp-project';
import { missingForPackaging } from './packaging-needs.mjs';

const REPO = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const ELECTRON_VERSION = (require('electron/package.json') as { version: string }).version;
// The asar reader electron-builder itself packs with.
const asar = createRequire(require.resolve('app-builder-lib/package.json'))('@electron/asar') as {
  listPackage(archive: string, options: object): string[];
};

/** Anything that tries the network fails at once: downloads go to a closed local port. */
const NO_NETWORK = {
  HTTPS_PROXY: 'http://127.0.0.1:9',
  HTTP_PROXY: 'http://127.0.0.1:9',
  https_proxy: 'http://127.0.0.1:9',
  http_proxy: 'http://127.0.0.1:9',
  ELECTRON_MIRROR: 'http://127.0.0.1:9/',
  ELECTRON_BUILDER_BINARIES_MIRROR: 'http://127.0.0.1:9/',
};

/**
 * Packaging as far as it can go without the internet: electron-builder's `--linux dir`
 * against a stand-in Electron distribution (a folder shaped like an unpacked Electron, with a
 * placeholder binary), with empty caches and the network closed. What it produces is the
 * real app.asar that every installer would carry.
 */
describe('electron-builder --linux dir, offline', () => {
  let t: ReturnType<typeof tempDir>;
  let out: string;
  let build: ReturnType<typeof spawnSync>;
  beforeAll(() => {
    if (!existsSync(join(REPO, 'dist', 'electron', 'main.cjs')))
      throw new Error('run `npm run build` first: this test packages dist/');
    t = tempDir('rankwise-pack-');
    const dist = join(t.dir, 'electron-dist');
    mkdirSync(join(dist, 'resources'), { recursive: true });
    writeFileSync(join(dist, 'electron'), '#!/bin/sh\necho "stand-in for the Electron binary"\n');
    chmodSync(join(dist, 'electron'), 0o755);
    writeFileSync(join(dist, 'version'), ELECTRON_VERSION);
    writeFileSync(join(dist, 'LICENSE'), 'stand-in');
    writeFileSync(join(dist, 'LICENSES.chromium.html'), 'stand-in');
    out = join(t.dir, 'out');
    build = spawnSync(
      process.execPath,
      [
        require.resolve('electron-builder/cli.js'),
        '--linux',
        'dir',
        '--publish',
        'never',
        '--config',
        'electron-builder.yml',
        `-c.electronDist=${dist}`,
        // Rebuilding better-sqlite3 for Electron needs Electron's headers from the internet:
        // that step belongs to a real packaging machine (README, "Packaging").
        '-c.npmRebuild=false',
        `-c.directories.output=${out}`,
      ],
      {
        cwd: REPO,
        encoding: 'utf8',
        env: {
          ...process.env,
          ...NO_NETWORK,
          ELECTRON_CACHE: join(t.dir, 'empty-electron-cache'),
          ELECTRON_BUILDER_CACHE: join(t.dir, 'empty-builder-cache'),
        },
        timeout: 120_000,
      },
    );
  }, 150_000);
  afterAll(() => t?.cleanup());

  it('completes', () => {
    expect(build.status, `${String(build.stdout)}\n${String(build.stderr)}`).toBe(0);
    expect(existsSync(join(out, 'linux-unpacked', 'rankwise'))).toBe(true);
  });

  it('app.asar holds main, preload and renderer, and no dev files or test data', () => {
    const files = asar
      .listPackage(join(out, 'linux-unpacked', 'resources', 'app.asar'), { isPack: false })
      .map((f) => f.replaceAll('\\', '/'));
    expect(files).toEqual(
      expect.arrayContaining([
        '/package.json',
        '/dist/electron/main.cjs',
        '/dist/electron/preload.cjs',
        '/dist/renderer/index.html',
      ]),
    );
    expect(files.some((f) => /^\/dist\/renderer\/assets\/.*\.js$/.test(f))).toBe(true);
    // Only the bundles and the packages they load: no sources, source maps, tests, test data,
    // fixtures, docs, the CLI or the demo.
    const topLevel = new Set(files.map((f) => f.split('/')[1]));
    expect([...topLevel].sort()).toEqual(['dist', 'node_modules', 'package.json']);
    const distDirs = new Set(
      files.filter((f) => f.startsWith('/dist/')).map((f) => f.split('/')[2]),
    );
    expect([...distDirs].sort()).toEqual(['electron', 'renderer']);
    const forbidden = files.filter((f) =>
      /\.(map|ts|tsx|rankwise|jsonl)$|\.test\.|\/(fixtures|test-data|test)\//.test(f),
    );
    expect(forbidden).toEqual([]);
    const modules = new Set(
      files.filter((f) => f.startsWith('/node_modules/')).map((f) => f.split('/')[2]),
    );
    expect([...modules].sort()).toEqual(['better-sqlite3', 'bindings', 'file-uri-to-path']);
    expect(files.filter((f) => f.includes('/better-sqlite3/') && /\/(deps|src)\//.test(f))).toEqual(
      [],
    );
  });

  it('better-sqlite3 is unpacked from the asar, with its native module', () => {
    const unpacked = join(
      out,
      'linux-unpacked',
      'resources',
      'app.asar.unpacked',
      'node_modules',
      'better-sqlite3',
    );
    const node = join(unpacked, 'build', 'Release', 'better_sqlite3.node');
    expect(existsSync(node)).toBe(true);
    // An ELF shared object: the real native module, not a placeholder.
    expect(readFileSync(node).subarray(0, 4)).toEqual(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
  });
});

describe('npm run dist without the internet', () => {
  let t: ReturnType<typeof tempDir>;
  beforeAll(() => (t = tempDir()));
  afterAll(() => t.cleanup());

  it('says what it needs and where from, and stops', () => {
    const r = spawnSync(process.execPath, ['scripts/dist.mjs', '--linux', '--check', '--offline'], {
      cwd: REPO,
      encoding: 'utf8',
      env: {
        ...process.env,
        HOME: t.dir,
        ELECTRON_CACHE: join(t.dir, 'c1'),
        ELECTRON_BUILDER_CACHE: join(t.dir, 'c2'),
      },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `Electron ${ELECTRON_VERSION} for linux-x64 (electron-v${ELECTRON_VERSION}-linux-x64.zip)`,
    );
    expect(r.stderr).toContain('github.com/electron/electron/releases');
    expect(r.stderr).toMatch(/AppImage toolset[\s\S]*fpm[\s\S]*electron-builder-binaries/);
    expect(r.stderr).toMatch(/headers, to rebuild better-sqlite3 for Electron's ABI/);
    expect(r.stderr).toContain('README, "Packaging"');
  });

  it('finds what a packaging machine has cached', () => {
    const home = join(t.dir, 'home');
    const electronCache = join(t.dir, 'ec');
    const builderCache = join(t.dir, 'bc');
    mkdirSync(join(electronCache, 'abc123'), { recursive: true });
    writeFileSync(join(electronCache, 'abc123', `electron-v${ELECTRON_VERSION}-linux-x64.zip`), '');
    mkdirSync(join(builderCache, 'appimage-12.0.1'), { recursive: true });
    mkdirSync(join(builderCache, 'fpm@2.1.4-fpm-2.1.4-linux-x86_64'), { recursive: true });
    mkdirSync(join(home, '.electron-gyp', ELECTRON_VERSION), { recursive: true });
    const env = { ELECTRON_CACHE: electronCache, ELECTRON_BUILDER_CACHE: builderCache };
    expect(
      missingForPackaging({
        platform: 'linux',
        version: ELECTRON_VERSION,
        env,
        host: 'linux',
        home,
      }),
    ).toEqual([]);
    expect(
      missingForPackaging({
        platform: 'win',
        version: ELECTRON_VERSION,
        env,
        host: 'linux',
        home,
      }).map((m) => m.what),
    ).toEqual([
      `Electron ${ELECTRON_VERSION} for win32-x64 (electron-v${ELECTRON_VERSION}-win32-x64.zip)`,
      'NSIS and its resources, which build the Windows installer, for nsis',
    ]);
    expect(
      missingForPackaging({
        platform: 'mac',
        version: ELECTRON_VERSION,
        env,
        host: 'linux',
        home,
      }).map((m) => m.what),
    ).toContain('a macOS machine: dmg images are made with macOS tools (hdiutil)');
  });
});
