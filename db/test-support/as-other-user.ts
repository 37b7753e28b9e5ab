import { buildSync } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '..', '..');
/** nobody: a user without write access to files root made, as a labeller without rights. */
const NOBODY = 65534;

/**
 * Run `source` (TypeScript importing the repo's modules by absolute path) in a child Node
 * process without write permission to root's files: as `nobody` when the tests run as root
 * (root ignores file modes), as the current user otherwise. It prints its result as JSON on
 * stdout, which is returned parsed.
 */
export function runAsOtherUser(source: string): unknown {
  const dir = mkdtempSync(join(tmpdir(), 'rankwise-child-'));
  try {
    const out = join(dir, 'child.cjs');
    buildSync({
      stdin: { contents: source, resolveDir: REPO, loader: 'ts' },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: out,
      external: ['better-sqlite3'],
      logLevel: 'error',
    });
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'package.json'), '{"type":"commonjs"}');
    stageSqlite(join(dir, 'node_modules'));
    const asRoot = process.getuid?.() === 0;
    const r = spawnSync(process.execPath, [out], {
      encoding: 'utf8',
      env: process.env,
      ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
    });
    if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`);
    return JSON.parse(r.stdout) as unknown;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * better-sqlite3 (its JS, its compiled addon, and the `bindings` lookup it loads that with)
 * beside the child, which cannot be relied on to reach the repo's node_modules: a checkout in
 * a private directory (mktemp -d makes them 0700) is closed to \`nobody\`.
 */
function stageSqlite(modules: string): void {
  const from = (...p: string[]) => join(REPO, 'node_modules', ...p);
  const to = (...p: string[]) => join(modules, ...p);
  mkdirSync(to('better-sqlite3', 'build', 'Release'), { recursive: true });
  cpSync(from('better-sqlite3', 'package.json'), to('better-sqlite3', 'package.json'));
  cpSync(from('better-sqlite3', 'lib'), to('better-sqlite3', 'lib'), { recursive: true });
  cpSync(
    from('better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
    to('better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
  );
  for (const dep of ['bindings', 'file-uri-to-path'])
    cpSync(from(dep), to(dep), { recursive: true });
}

/** Source that prints what opening `path` threw (or that it opened), for runAsOtherUser. */
export function openAttempt(path: string, options: Record<string, unknown> = {}): string {
  return `
    import { openProject } from './db/open';
    let result;
    try {
      const p = openProject(${JSON.stringify(path)}, ${JSON.stringify(options)});
      result = { opened: true, readOnly: p.readOnly, items: p.db.prepare('SELECT count(*) FROM items').pluck().get() };
      p.close();
    } catch (e) {
      result = { opened: false, code: e.code, message: e.message, details: e.details };
    }
    process.stdout.write(JSON.stringify(result));
  `;
}
