// Gives better-sqlite3 its native module for the Node that runs this script. Run by `npm
// install` (package.json `postinstall`) and by `npm run dist` after packaging.
//
// better-sqlite3's own install script (`prebuild-install || node-gyp rebuild`) is not run
// (package.json `allowScripts`): on a machine that reaches only the npm registry it fails
// twice, because the prebuilt binary is on GitHub and node-gyp downloads Node's headers from
// nodejs.org unless told where they are. This does the same two steps, in the same order, but
// builds against the headers the running Node ships (`<prefix>/include/node`, present for
// Linux distribution packages and the official macOS and Linux builds) when they match its
// version exactly, and only otherwise lets node-gyp download them. On a laptop with the
// internet the prebuilt binary downloads as before and nothing is built.
//
// `node scripts/native-sqlite.mjs [--force]`: --force replaces the module even if one loads
// (after electron-builder has rebuilt it for Electron's ABI, it may load in Node and still be
// the wrong build).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledHeaders } from './node-headers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const force = process.argv.includes('--force');

let packageDir;
try {
  packageDir = dirname(require.resolve('better-sqlite3/package.json'));
} catch {
  // Installed without its dependencies (npm install --omit=…): nothing to build for.
  process.exit(0);
}

/** Whether better-sqlite3 loads and opens a database in a fresh Node (the ABI is checked). */
function works() {
  const r = spawnSync(
    process.execPath,
    ['-e', "const D = require('better-sqlite3'); new D(':memory:').prepare('select 1').get();"],
    { cwd: root, encoding: 'utf8' },
  );
  return r.status === 0;
}

function run(label, args, env = {}) {
  const r = spawnSync(process.execPath, args, {
    cwd: packageDir,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 15 * 60_000,
  });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim(), label };
}

function nodeGypScript() {
  // npm passes the node-gyp it ships to lifecycle scripts; outside npm, use one installed here.
  if (process.env.npm_config_node_gyp && existsSync(process.env.npm_config_node_gyp))
    return process.env.npm_config_node_gyp;
  try {
    return require.resolve('node-gyp/bin/node-gyp.js');
  } catch {
    return null;
  }
}

if (!force && works()) process.exit(0);

const attempts = [];
const prebuilt = run('prebuilt binary', [
  require.resolve('prebuild-install/bin.js', { paths: [packageDir] }),
]);
attempts.push(prebuilt);
if (prebuilt.ok && works()) process.exit(0);

const gyp = nodeGypScript();
if (!gyp) {
  console.error(
    'better-sqlite3: no node-gyp found to build it with (npm ships one; is npm running this?)',
  );
  process.exit(1);
}
// A nodedir the user configured wins; otherwise this Node's own headers, when it has them.
const nodedir = process.env.npm_config_nodedir ? null : bundledHeaders();
console.log(
  `better-sqlite3: building its native module from source${nodedir ? ` against Node's headers in ${nodedir}/include/node` : ''} (about a minute)…`,
);
const build = run('build from source', [
  gyp,
  'rebuild',
  '--release',
  '--jobs=max',
  ...(nodedir ? [`--nodedir=${nodedir}`] : []),
]);
attempts.push(build);
if (build.ok && works()) process.exit(0);

console.error('better-sqlite3: could not get a working native module.');
for (const a of attempts)
  console.error(`\n--- ${a.label} ---\n${a.output.split('\n').slice(-30).join('\n')}`);
process.exit(1);
