// What `npm run dist` needs from outside this repository, and which of it this machine
// lacks. electron-builder downloads all of it on first use (Electron from
// github.com/electron/electron/releases, its packaging tools from
// github.com/electron-userland/electron-builder-binaries, Electron's headers from
// electronjs.org to rebuild better-sqlite3): here we look for each in its cache, so that a
// machine without internet access is told exactly what is missing instead of a stack trace.
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Targets per platform, as configured in electron-builder.yml. */
export const TARGETS = { linux: ['AppImage', 'deb'], mac: ['dmg'], win: ['nsis'] };

/** @electron/get's cache: where the Electron zip is looked for. */
export function electronCacheDir(env = process.env, platform = process.platform, home = homedir()) {
  if (env.ELECTRON_CACHE) return env.ELECTRON_CACHE;
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'electron');
  if (platform === 'win32')
    return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'electron', 'Cache');
  return join(env.XDG_CACHE_HOME ?? join(home, '.cache'), 'electron');
}

/** electron-builder's own cache: where its tools (appimage, fpm, nsis…) are kept. */
export function builderCacheDir(env = process.env, platform = process.platform, home = homedir()) {
  if (env.ELECTRON_BUILDER_CACHE) return env.ELECTRON_BUILDER_CACHE;
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'electron-builder');
  if (platform === 'win32')
    return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'electron-builder', 'Cache');
  return join(env.XDG_CACHE_HOME ?? join(home, '.cache'), 'electron-builder');
}

/** Every file name under `dir`, recursively (bounded: caches are small trees). */
function names(dir, depth = 4) {
  if (depth < 0 || !existsSync(dir)) return [];
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    out.push(entry.name);
    if (entry.isDirectory()) out.push(...names(join(dir, entry.name), depth - 1));
  }
  return out;
}

const TOOLS = {
  AppImage: { pattern: /appimage/i, what: 'the AppImage toolset (appimagetool, runtime)' },
  deb: { pattern: /fpm/i, what: 'fpm, which builds .deb packages' },
  nsis: { pattern: /^nsis/i, what: 'NSIS and its resources, which build the Windows installer' },
};

/**
 * What is missing to package for `platform` (linux, mac, win) with Electron `version`.
 * `electronDist` (an unpacked Electron) replaces the zip. Returns [] when nothing is.
 */
export function missingForPackaging({
  platform,
  arch = 'x64',
  version,
  electronDist,
  env = process.env,
  host = process.platform,
  home = homedir(),
}) {
  const missing = [];
  const electronPlatform = { linux: 'linux', mac: 'darwin', win: 'win32' }[platform];
  const zip = `electron-v${version}-${electronPlatform}-${arch}.zip`;
  const cache = electronCacheDir(env, host, home);
  if (!(electronDist && existsSync(electronDist)) && !names(cache).includes(zip)) {
    missing.push({
      what: `Electron ${version} for ${electronPlatform}-${arch} (${zip})`,
      from: 'github.com/electron/electron/releases (or $ELECTRON_MIRROR)',
      cache,
    });
  }
  const tools = names(builderCacheDir(env, host, home));
  for (const target of TARGETS[platform]) {
    const tool = TOOLS[target];
    if (tool && !tools.some((n) => tool.pattern.test(n))) {
      missing.push({
        what: `${tool.what}, for ${target}`,
        from: 'github.com/electron-userland/electron-builder-binaries',
        cache: builderCacheDir(env, host, home),
      });
    }
  }
  if (platform === 'mac' && host !== 'darwin')
    missing.push({
      what: 'a macOS machine: dmg images are made with macOS tools (hdiutil)',
      from: 'macOS',
      cache: null,
    });
  const headers = join(home, '.electron-gyp', version);
  if (!existsSync(headers)) {
    missing.push({
      what: `Electron ${version}'s headers, to rebuild better-sqlite3 for Electron's ABI`,
      from: 'electronjs.org/headers',
      cache: headers,
    });
  }
  return missing;
}

export function describeMissing(missing, platform) {
  return [
    `npm run dist (${platform}) needs these from the internet, and this machine does not have them:`,
    ...missing.map(
      (m) => `  - ${m.what}\n      from ${m.from}${m.cache ? `; looked in ${m.cache}` : ''}`,
    ),
    'Package on a machine that can reach those hosts (see README, "Packaging"), or fill the caches above from one.',
  ].join('\n');
}
