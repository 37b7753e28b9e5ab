import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';

/**
 * Bundles one entry the way scripts/build.mjs bundles workers and the CLI for dist/ (ESM for
 * Node, better-sqlite3 left external and loaded through a `require` of the bundle's own), into
 * `dir`, from the sources under test. Returns the bundle's path (`<entry name>.mjs`). `dir`
 * must be inside the repository, so better-sqlite3 resolves as in dist/.
 */
export async function bundleForNode(entry: string, dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const name = basename(entry, extname(entry));
  await build({
    entryPoints: { [name]: entry },
    outdir: dir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    external: ['better-sqlite3'],
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    logLevel: 'warning',
  });
  return join(dir, `${name}.mjs`);
}
