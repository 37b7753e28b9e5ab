// Where the Electron binary is, without triggering the download that `require('electron')`
// attempts when it is missing (it cannot succeed on machines without internet access).
// Order: $ELECTRON_PATH, $ELECTRON_OVERRIDE_DIST_PATH, then node_modules/electron's own.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** @returns {{ path: string | null, reason: string }} */
export function findElectronBinary() {
  const fromEnv = process.env.ELECTRON_PATH;
  if (fromEnv) {
    return existsSync(fromEnv)
      ? { path: fromEnv, reason: 'ELECTRON_PATH' }
      : { path: null, reason: `ELECTRON_PATH=${fromEnv} does not exist` };
  }
  let pkgDir;
  try {
    pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { path: null, reason: 'the electron package is not installed' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  const exe = existsSync(pathFile)
    ? readFileSync(pathFile, 'utf8').trim()
    : process.platform === 'win32'
      ? 'electron.exe'
      : 'electron';
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkgDir, 'dist');
  const full = join(dist, exe);
  if (existsSync(full)) return { path: full, reason: 'node_modules/electron' };
  return {
    path: null,
    reason: `no Electron binary at ${full}: the electron package installs it from the internet (github.com/electron/electron/releases), which this machine cannot reach`,
  };
}
