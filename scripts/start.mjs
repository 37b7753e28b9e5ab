// `npm start`: the app on the demo project. Electron where its binary exists; otherwise one
// clear line saying why, then the browser host (`rankwise serve`) with the URL to open.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findElectronBinary } from './electron-binary.mjs';

const demo = join('var', 'demo.rankwise');
const cli = ['bin/rankwise.mjs'];

if (
  !existsSync('dist/cli/rankwise.mjs') ||
  !existsSync('dist/renderer/index.html') ||
  !existsSync('dist/electron/main.cjs')
) {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

if (!existsSync(demo)) {
  mkdirSync('var', { recursive: true });
  const r = spawnSync(
    process.execPath,
    [...cli, 'import', 'demo/demo-dataset.jsonl', '--into', demo],
    { stdio: 'inherit' },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const electron = findElectronBinary();
const child = electron.path
  ? spawn(electron.path, ['dist/electron/main.cjs', demo], { stdio: 'inherit' })
  : (console.log(
      `Electron is not available here (${electron.reason}); opening the demo project in the browser host instead.`,
    ),
    spawn(process.execPath, [...cli, 'serve', demo, ...process.argv.slice(2)], {
      stdio: 'inherit',
    }));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
