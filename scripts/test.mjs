// `npm test`: every check this project has, in one run, ending with one plain line
// `N passed, N failed` that sums them (CI reads that line). Typecheck and lint count as one
// check each; unit tests (vitest) and e2e tests (Playwright in Debian's Chromium) count per
// test, read from their JSON reports so a run that executed nothing cannot look green.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const results = { passed: 0, failed: 0, skipped: [] };
const failures = [];
mkdirSync('test-results', { recursive: true });

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function check(label, ok) {
  if (ok) results.passed++;
  else {
    results.failed++;
    failures.push(label);
  }
}

check(
  'typecheck (node side)',
  run('typecheck', 'npx', ['tsc', '-p', 'tsconfig.node.json', '--noEmit']),
);
check(
  'typecheck (web side)',
  run('typecheck', 'npx', ['tsc', '-p', 'tsconfig.web.json', '--noEmit']),
);
check('lint', run('lint', 'npx', ['eslint', '.']));
check('format', run('format', 'npx', ['prettier', '--check', '.']));

const built = run('build', 'node', ['scripts/build.mjs']);
check('build', built);

rmSync('test-results/unit.json', { force: true });
run('unit tests', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile=test-results/unit.json',
]);
if (existsSync('test-results/unit.json')) {
  const unit = JSON.parse(readFileSync('test-results/unit.json', 'utf8'));
  results.passed += unit.numPassedTests;
  results.failed += unit.numFailedTests;
  for (const file of unit.testResults) {
    for (const t of file.assertionResults) {
      if (t.status === 'failed') failures.push(`unit: ${t.fullName}`);
      if (t.status === 'skipped' || t.status === 'pending')
        results.skipped.push(`unit: ${t.fullName}`);
    }
  }
  if (unit.numTotalTests === 0) check('unit tests ran', false);
} else check('unit tests produced a report', false);

rmSync('test-results/e2e.json', { force: true });
if (built) run('e2e tests', 'npx', ['playwright', 'test']);
if (existsSync('test-results/e2e.json')) {
  const e2e = JSON.parse(readFileSync('test-results/e2e.json', 'utf8'));
  const walk = (suite, path) => {
    for (const s of suite.suites ?? []) walk(s, [...path, s.title]);
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        const name = `e2e [${t.projectName}]: ${[...path, spec.title].filter(Boolean).join(' › ')}`;
        if (t.status === 'expected' || t.status === 'flaky') results.passed++;
        else if (t.status === 'skipped') {
          const why =
            t.annotations?.find((a) => a.type === 'skip')?.description ?? 'no reason given';
          results.skipped.push(`${name} (${why})`);
        } else {
          results.failed++;
          failures.push(name);
        }
      }
    }
  };
  walk(e2e, []);
  if ((e2e.stats?.expected ?? 0) + (e2e.stats?.unexpected ?? 0) + (e2e.stats?.flaky ?? 0) === 0)
    check('e2e tests ran', false);
} else check('e2e tests produced a report', false);

console.log('\n=== summary');
for (const s of results.skipped) console.log(`skipped: ${s}`);
for (const f of failures) console.log(`FAILED: ${f}`);
const line = `${results.passed} passed, ${results.failed} failed`;
writeFileSync('test-results/summary.txt', line + '\n');
console.log(line);
process.exitCode = results.failed === 0 && results.passed > 0 ? 0 : 1;
