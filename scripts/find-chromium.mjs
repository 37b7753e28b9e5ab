// The one browser finder: the e2e suite, the UI benches and scripts/make-icon.mjs all launch
// the Chromium it returns. It never downloads a browser and never installs one; it looks, in
// this order, for
//   1. $CHROMIUM_PATH;
//   2. a system Chromium or Chrome (the usual install places, then the PATH);
//   3. a browser Playwright downloaded itself (`npx playwright install`, if someone ran it);
//   4. the headless Chromium inside the @sparticuz/chromium package (a devDependency, so
//      `npm install` brings it from the npm registry like any package; Linux x64 only). Its
//      binary ships brotli-compressed and is unpacked once per version into
//      node_modules/.cache/rankwise-chromium/<version>/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

// Resolves from wherever this file is (bundled into dist/bench too), up to node_modules.
const require = createRequire(import.meta.url);

/** The order the finder tries; `only` picks one of them. */
export const CHROMIUM_SOURCES = ['env', 'system', 'playwright', 'registry'];

/**
 * Flags for every launch: no sandbox (CI runs as root), no GPU, and none of the background
 * traffic (updates, sync, QUIC probes) a closed network answers with refused connections.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Where Chromium and Chrome are installed on each platform, most specific first. */
export function systemCandidates(platform = process.platform, env = process.env) {
  if (platform === 'darwin') {
    const apps = ['/Applications', join(env.HOME ?? '', 'Applications')];
    return apps.flatMap((a) => [
      join(a, 'Chromium.app/Contents/MacOS/Chromium'),
      join(a, 'Google Chrome.app/Contents/MacOS/Google Chrome'),
    ]);
  }
  if (platform === 'win32') {
    const bases = [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)']].filter(Boolean);
    return bases.flatMap((b) => [
      join(b, 'Chromium', 'Application', 'chrome.exe'),
      join(b, 'Google', 'Chrome', 'Application', 'chrome.exe'),
    ]);
  }
  const names = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
  const fixed = [
    ...names.map((n) => `/usr/bin/${n}`),
    '/snap/bin/chromium',
    '/opt/google/chrome/chrome',
  ];
  const onPath = (env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .flatMap((d) => names.map((n) => join(d, n)));
  return [...new Set([...fixed, ...onPath])];
}

/** Playwright's own downloaded Chromium, if Playwright knows where it would be. */
function playwrightExecutable() {
  try {
    return require('playwright-core').chromium.executablePath() || null;
  } catch {
    return null;
  }
}

/** A package's package.json, found from its entry point (its "exports" hide the file itself). */
function packageManifest(name) {
  let dir;
  try {
    dir = dirname(require.resolve(name));
  } catch {
    return null;
  }
  for (; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && JSON.parse(readFileSync(file, 'utf8')).name === name) return file;
  }
  return null;
}

/**
 * The Chromium inside @sparticuz/chromium, unpacked into node_modules/.cache once per version.
 * The package's own unpacker writes to the OS temp directory; it runs in a child process whose
 * TMPDIR is a fresh folder beside the cache, which is then renamed into place, so two processes
 * unpacking at once never see each other's half-written files.
 * @returns {{ path: string } | { reason: string }}
 */
export function registryChromium(platform = process.platform, arch = process.arch) {
  if (platform !== 'linux' || arch !== 'x64')
    return {
      reason: `@sparticuz/chromium ships a Linux x64 build only (this is ${platform} ${arch})`,
    };
  const manifest = packageManifest('@sparticuz/chromium');
  if (!manifest) return { reason: '@sparticuz/chromium is not installed (npm install brings it)' };
  const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
  const entry = pathToFileURL(join(dirname(manifest), pkg.module)).href;
  // node_modules/@sparticuz/chromium → node_modules/.cache
  const cache = join(dirname(manifest), '..', '..', '.cache', 'rankwise-chromium');
  const version = pkg.version;
  const dir = join(cache, version);
  const exe = join(dir, 'chromium');
  if (existsSync(exe)) return { path: exe };
  mkdirSync(cache, { recursive: true });
  const scratch = mkdtempSync(join(cache, '.unpacking-'));
  try {
    const r = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { default: c } = await import(${JSON.stringify(entry)}); process.stdout.write(await c.executablePath());`,
      ],
      { env: { ...process.env, TMPDIR: scratch }, encoding: 'utf8' },
    );
    if (r.status !== 0 || !existsSync(join(scratch, 'chromium')))
      return { reason: `unpacking @sparticuz/chromium failed: ${(r.stderr || r.stdout).trim()}` };
    try {
      renameSync(scratch, dir);
    } catch (e) {
      // Another process finished first: its copy is as good as ours.
      if (!existsSync(exe)) throw e;
    }
    return { path: exe };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * The first Chromium found, in CHROMIUM_SOURCES order (or only `only`). Throws, naming every
 * place it looked, when there is none.
 * @param {{ only?: string, env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform,
 *   exists?: (path: string) => boolean, playwright?: () => string | null,
 *   registry?: () => ({ path: string } | { reason: string }) }} [options]
 * @returns {{ path: string, source: string }}
 */
export function findChromium(options = {}) {
  const {
    only,
    env = process.env,
    platform = process.platform,
    exists = existsSync,
    playwright = playwrightExecutable,
    registry = registryChromium,
  } = options;
  if (only && !CHROMIUM_SOURCES.includes(only))
    throw new Error(`unknown Chromium source "${only}" (one of ${CHROMIUM_SOURCES.join(', ')})`);
  const looked = [];
  const want = (source) => !only || only === source;

  if (want('env')) {
    const path = env.CHROMIUM_PATH;
    if (path && exists(path)) return { path, source: 'env' };
    looked.push(path ? `CHROMIUM_PATH=${path} does not exist` : 'CHROMIUM_PATH is not set');
  }
  if (want('system')) {
    const path = systemCandidates(platform, env).find((p) => exists(p));
    if (path) return { path, source: 'system' };
    looked.push('no system Chromium or Chrome in the usual places or on the PATH');
  }
  if (want('playwright')) {
    const path = playwright();
    if (path && exists(path)) return { path, source: 'playwright' };
    looked.push(`no browser downloaded by Playwright${path ? ` (${path})` : ''}`);
  }
  if (want('registry')) {
    const found = registry();
    if ('path' in found) return { path: found.path, source: 'registry' };
    looked.push(found.reason);
  }
  throw new Error(`No Chromium found: ${looked.join('; ')}.`);
}

/** Playwright launch options for the Chromium found. */
export function chromiumLaunchOptions(options) {
  return { executablePath: findChromium(options).path, args: CHROMIUM_ARGS };
}
