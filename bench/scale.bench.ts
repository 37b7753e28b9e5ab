import { spawn } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { analyse } from '../db/analysis/run';
import { runExport } from '../db/export/run-export';
import { importFile } from '../db/import/import-file';
import { openProject, type Db } from '../db/open';
import {
  defineBench,
  peakRssMB,
  recall,
  remember,
  runDir,
  scaled,
  type CaseResult,
} from './harness';
import { firstInteractive, launchChromium, median } from './support/browser';
import { writeGenericJsonl } from './support/data';
import { REPO } from '../e2e/support/rankwise';

/**
 * The scale line: the same project, grown from 250k to 1M to 5M items (generated ~300-byte
 * records, two responses each; 2% of the items judged by three labellers), and at each size
 * what a lead and a labeller wait for: the import, `rankwise serve` starting (process start →
 * URL printed), the first item interactive in Chromium, a TRL export of the judgments, and every
 * agreement figure. Each figure is printed beside the same figure at 250k from the same run, so
 * the ratio is the growth; peak memory is the process's at each size (flat means it does not
 * grow with the file). BENCH_SCALE shrinks every size for a smoke run.
 */
const SIZES = {
  '250k': scaled(250_000),
  '1m': scaled(1_000_000),
  '5m': scaled(5_000_000),
} as const;
type Size = keyof typeof SIZES;
const JUDGED_SHARE = 0.02;
const LABELLERS = [
  '0190a000-0000-7000-8000-0000000005a1',
  '0190a000-0000-7000-8000-0000000005b2',
  '0190a000-0000-7000-8000-0000000005c3',
];

/** Judgments of the first share of items, by three labellers, with raw inserts (triggers keep the rest). */
function judge(db: Db, items: number): number {
  const n = Math.max(1, Math.floor(items * JUDGED_SHARE));
  const insL = db.prepare('INSERT INTO labellers (id, name, created_at) VALUES (?, ?, 0)');
  LABELLERS.forEach((id, i) => insL.run(id, `Scale ${i + 1}`));
  const insJ = db.prepare(
    `INSERT INTO judgments (id, item_id, labeller_id, revision, kind, outcome, chosen_idx, rejected_idx,
       strength, displayed_order_json, time_ms, guideline_version, task_version, created_at)
     VALUES (?, ?, ?, 1, 'pairwise', 'preferred', ?, ?, NULL, '[0,1]', 3000, 1, 1, ?)`,
  );
  const insH = db.prepare(
    "INSERT INTO judgment_heads (item_id, labeller_id, judgment_id, revision, kind) VALUES (?, ?, ?, 1, 'pairwise')",
  );
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++)
      for (let l = 0; l < LABELLERS.length; l++) {
        const chosen = (i * 7 + l * 3) % 5 < 3 ? 0 : 1;
        const id = `j-${i}-${l}`;
        insJ.run(id, `item-${i}`, LABELLERS[l], chosen, 1 - chosen, Date.UTC(2026, 0, 1) + i);
        insH.run(`item-${i}`, LABELLERS[l], id);
      }
  });
  for (let i = 0; i < n; i += 5000) batch(i, Math.min(n, i + 5000));
  return n * LABELLERS.length;
}

/** `rankwise serve` as a labeller: ms from spawning it to its URL, the URL, and a stop. */
async function serveTimed(project: string) {
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [
      join(REPO, 'bin', 'rankwise.mjs'),
      'serve',
      project,
      '--labeller',
      'Scale 1',
      '--labeller-id',
      LABELLERS[0]!,
    ],
    {
      env: { ...process.env, RANKWISE_CONFIG_DIR: join(runDir(), 'config') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const url = await new Promise<string>((ok, fail) => {
    createInterface({ input: child.stdout }).once('line', ok);
    child.once('exit', (code) => fail(new Error(`rankwise serve exited with ${code}`)));
  });
  const ms = performance.now() - t0;
  const rss = () => {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  };
  return {
    url,
    ms,
    rss,
    stop: () =>
      new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

function scaleCase(size: Size) {
  return async (): Promise<CaseResult[]> => {
    const n = SIZES[size];
    const data = join(runDir(), `scale-${n}.jsonl`);
    if (!existsSync(data)) {
      await writeGenericJsonl(`${data}.partial`, n, 300);
      renameSync(`${data}.partial`, data);
    }
    const mb = statSync(data).size / 1e6;
    const path = join(runDir(), `scale-${size}.rankwise`);
    for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });

    const figures: Record<string, number> = {};
    let t0 = performance.now();
    const project = openProject(path, { create: true });
    await importFile(project.db, data);
    figures['import'] = performance.now() - t0;
    const importRss = peakRssMB();
    const judgments = judge(project.db, n);
    project.close();

    const host = await serveTimed(path);
    figures['open'] = host.ms;
    const browser = await launchChromium();
    try {
      figures['first'] = median(await firstInteractive(browser, host.url, 3));
    } finally {
      await browser.close();
    }
    const hostRss = host.rss();
    await host.stop();

    const readOnly = openProject(path, { readonly: true });
    try {
      t0 = performance.now();
      await runExport(readOnly.db, path, join(runDir(), `scale-${size}.jsonl`), { format: 'trl' });
      figures['export'] = performance.now() - t0;
    } finally {
      readOnly.close();
    }
    t0 = performance.now();
    analyse(path, { task: 'agreement' });
    figures['agreement'] = performance.now() - t0;
    remember(`scale-${size}`, figures);

    const base = recall<Record<string, number>>('scale-250k') ?? figures;
    const fileMb = statSync(path).size / 1e6;
    const what: Record<string, string> = {
      import: `import of ${n.toLocaleString('en-US')} items (${mb.toFixed(0)} MB JSONL)`,
      open: `rankwise serve start → URL printed, ${n.toLocaleString('en-US')} items`,
      first: `page load → first item interactive, ${n.toLocaleString('en-US')} items`,
      export: `TRL export of ${judgments.toLocaleString('en-US')} judgments, ${n.toLocaleString('en-US')} items`,
      agreement: `every agreement figure, ${judgments.toLocaleString('en-US')} judgments, ${n.toLocaleString('en-US')} items`,
    };
    return Object.keys(what).map((k) => ({
      name: `scale ${size}: ${what[k]}`,
      value: Math.round(figures[k]!),
      unit: 'ms',
      baseline: Math.round(base[k]!),
      baselineName: 'the same at 250k items',
      higherIsBetter: false,
      notes:
        k === 'import'
          ? `project ${fileMb.toFixed(0)} MB; peak RSS of the importing process ${importRss.toFixed(0)} MB`
          : k === 'open'
            ? `host peak RSS ${hostRss.toFixed(0)} MB`
            : '',
    }));
  };
}

defineBench({
  'scale-250k': scaleCase('250k'),
  'scale-1m': scaleCase('1m'),
  'scale-5m': scaleCase('5m'),
});
