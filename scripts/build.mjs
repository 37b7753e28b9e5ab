// Builds everything a run needs into dist/: the CLI and its workers (ESM), the Electron main
// and preload (CommonJS, as Electron loads them), and the renderer (Vite).
// `node scripts/build.mjs node` builds only the Node side.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

const only = process.argv[2];
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // Native or Electron-provided: loaded at run time, never bundled.
  external: ['better-sqlite3', 'electron'],
};

if (only !== 'renderer') {
  rmSync('dist/cli', { recursive: true, force: true });
  rmSync('dist/electron', { recursive: true, force: true });
  await Promise.all([
    build({
      ...common,
      entryPoints: {
        rankwise: 'cli/bin.ts',
        'analysis-worker': 'db/analysis/worker.ts',
        'import-worker': 'db/import/import-worker.ts',
        'check-worker': 'db/integrity/check-worker.ts',
        'checkpoint-worker': 'db/team-host/checkpoint-worker.ts',
      },
      outdir: 'dist/cli',
      format: 'esm',
      outExtension: { '.js': '.mjs' },
      // ESM output still needs require() for better-sqlite3 and friends.
      banner: {
        js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
      },
    }),
    build({
      ...common,
      entryPoints: {
        main: 'electron/main.ts',
        'analysis-worker': 'db/analysis/worker.ts',
        'import-worker': 'db/import/import-worker.ts',
        'check-worker': 'db/integrity/check-worker.ts',
      },
      outdir: 'dist/electron',
      format: 'cjs',
      outExtension: { '.js': '.cjs' },
    }),
    build({
      ...common,
      entryPoints: { preload: 'electron/preload.ts' },
      outdir: 'dist/electron',
      format: 'cjs',
      outExtension: { '.js': '.cjs' },
      // A sandboxed preload gets a reduced require(): only 'electron' may stay external.
      external: ['electron'],
    }),
  ]);
}

if (only !== 'node') {
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
}
console.log('built dist/');
