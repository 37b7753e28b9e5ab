// `npm run dist [-- --linux | --mac | --win] [--check] [--offline]`: build, check what
// packaging needs from the internet (scripts/packaging-needs.mjs), run electron-builder
// (electron-builder.yml), then give better-sqlite3 back its Node build.
//
// electron-builder rebuilds better-sqlite3 for Electron's ABI in node_modules (that is what
// `install-app-deps` does, and it runs here, at packaging time, never in postinstall); the
// CLI and the tests need the Node build, so it is rebuilt for Node afterwards.
import { spawnSync } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describeMissing, missingForPackaging } from './packaging-needs.mjs';

const args = process.argv.slice(2);
const platform = args.includes('--mac')
  ? 'mac'
  : args.includes('--win')
    ? 'win'
    : args.includes('--linux')
      ? 'linux'
      : ({ darwin: 'mac', win32: 'win' }[process.platform] ?? 'linux');
const version = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('electron/package.json'), 'utf8'),
).version;
const electronDist = process.env.ELECTRON_DIST;

function run(cmd, cmdArgs) {
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', shell: process.platform === 'win32' });
  return r.status ?? 1;
}

async function online() {
  if (args.includes('--offline')) return false;
  try {
    await Promise.race([lookup('github.com'), new Promise((_, fail) => setTimeout(fail, 3000))]);
    return true;
  } catch {
    return false;
  }
}

const missing = missingForPackaging({ platform, version, electronDist });
if (missing.length && (args.includes('--check') || !(await online()))) {
  console.error(describeMissing(missing, platform));
  process.exit(1);
}
if (args.includes('--check')) {
  console.log(`npm run dist (${platform}): everything packaging needs is here.`);
  process.exit(0);
}
if (missing.length)
  console.log(
    `Downloading what packaging needs:\n${missing.map((m) => `  - ${m.what}`).join('\n')}`,
  );

const built = run(process.execPath, ['scripts/build.mjs']);
if (built !== 0) process.exit(built);
const builderArgs = [`--${platform}`, '--publish', 'never', '--config', 'electron-builder.yml'];
if (electronDist) builderArgs.push(`-c.electronDist=${electronDist}`);
const packaged = run(process.execPath, [
  createRequire(import.meta.url).resolve('electron-builder/cli.js'),
  ...builderArgs,
]);
// Back to the Node build for the CLI and the tests, also after a failure (electron-builder may
// have rebuilt it before failing), the way npm install gets it.
const restored = run(process.execPath, ['scripts/native-sqlite.mjs', '--force']);
if (packaged !== 0) process.exit(packaged);
if (restored !== 0) process.exit(restored);
console.log('Packages are in release/.');
