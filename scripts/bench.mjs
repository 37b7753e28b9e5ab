// `npm run bench [-- --json] [-- --only <substring>]`: runs every bench/*.bench.ts case in a
// process of its own (so peak memory is per case) and prints each figure beside its same-run
// baseline, the ratio, and peak RSS. `--json` also writes bench/results.json:
// [{name, value, unit, baseline, ratio, peakRssMB}]. Not a test: machines here are shared and
// noisy, so nothing fails on a slow run. BENCH_SCALE=0.01 gives a quick smoke run.
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

const args = process.argv.slice(2);
const json = args.includes('--json');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1] : null;

const files = readdirSync('bench').filter((f) => f.endsWith('.bench.ts'));
mkdirSync('dist/bench', { recursive: true });
await build({
  entryPoints: files.map((f) => join('bench', f)),
  outdir: 'dist/bench',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  outExtension: { '.js': '.mjs' },
  external: [
    'better-sqlite3',
    'electron',
    '@playwright/test',
    'playwright-core',
    '@duckdb/node-api',
  ],
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  logLevel: 'warning',
});

// One directory per run, shared by its cases (data files, baselines passed between processes).
const runDir = mkdtempSync(join(process.env.BENCH_TMPDIR ?? tmpdir(), 'rankwise-bench-run-'));
process.on('exit', () => rmSync(runDir, { recursive: true, force: true }));
const results = [];
for (const f of files) {
  const bundle = join('dist/bench', f.replace(/\.ts$/, '.mjs'));
  const list = spawnSync(process.execPath, [bundle, '--list'], { encoding: 'utf8' });
  const cases = JSON.parse(/CASES (.*)/.exec(list.stdout)?.[1] ?? '[]');
  for (const c of cases) {
    if (only && !`${f} ${c}`.includes(only)) continue;
    process.stderr.write(`running ${f} ${c}…\n`);
    const r = spawnSync(process.execPath, ['--expose-gc', bundle, c], {
      encoding: 'utf8',
      env: { ...process.env, BENCH_RUN_DIR: runDir },
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 << 20,
    });
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('BENCH '));
    if (r.status !== 0 || lines.length === 0) {
      process.stderr.write(`  ${f} ${c} failed (exit ${r.status})\n`);
      continue;
    }
    for (const l of lines) results.push(JSON.parse(l.slice(6)));
  }
}

const fmt = (n) =>
  Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2);
const rows = results.map((r) => [
  r.name,
  `${fmt(r.value)} ${r.unit}`,
  `${fmt(r.baseline)} ${r.unit} (${r.baselineName})`,
  // No ratio when a side is 0 (no long task at all, say): "—", not a division by zero.
  r.ratio == null ? '—' : `${r.ratio.toFixed(2)}×`,
  `${r.peakRssMB} MB`,
  r.notes ?? '',
]);
const head = ['benchmark', 'value', 'baseline (same run)', 'ratio', 'peak RSS', 'notes'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) =>
  cells
    .map((c, i) => c.padEnd(widths[i]))
    .join('  ')
    .trimEnd();
console.log(line(head));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
if (json) {
  writeFileSync(
    'bench/results.json',
    JSON.stringify(
      results.map(({ name, value, unit, baseline, ratio, peakRssMB }) => ({
        name,
        value,
        unit,
        baseline,
        ratio,
        peakRssMB,
      })),
      null,
      2,
    ) + '\n',
  );
  console.log('wrote bench/results.json');
}
