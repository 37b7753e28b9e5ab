import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { importFile } from '../db/import/import-file';
import { openProject } from '../db/open';
import {
  defineBench,
  peakRssMB,
  recall,
  remember,
  runDir,
  scaled,
  bestOf,
  type CaseResult,
} from './harness';
import { forEachLineBatch, writeGenericJsonl } from './support/data';

/**
 * Import of generic JSONL files against the plainest way to put the same rows into the same
 * tables: a byte-level line splitter, JSON.parse, and raw prepared better-sqlite3 inserts in
 * transactions of 1000 items, with the project's own pragmas. Two record sizes: ~3.5 KB items
 * (50k and 200k), where bytes dominate, and ~300-byte items (250k and 1M), where what an import
 * does per item (shape, checks, hashing, duplicate and id checks, staging) dominates.
 *
 * Each figure comes from a process of its own (the harness runs every case separately), in
 * this order: the baseline for a size, then the import at that size, which recalls the
 * baseline measured moments before in the same run. Peak memory of the import is therefore
 * its own; the bigger case of each record size compares it with the smaller one's (flat memory).
 */
const SIZES = {
  '50k': { n: scaled(50_000), itemBytes: 3500, runs: 3, smaller: null },
  '200k': { n: scaled(200_000), itemBytes: 3500, runs: 2, smaller: '50k' },
  'small-250k': { n: scaled(250_000), itemBytes: 300, runs: 2, smaller: null },
  'small-1m': { n: scaled(1_000_000), itemBytes: 300, runs: 1, smaller: 'small-250k' },
} as const;
type Size = keyof typeof SIZES;
/** Runs per case; the fastest counts (BENCH_RUNS overrides). */
const runsOf = (size: Size) => Number(process.env['BENCH_RUNS'] ?? SIZES[size].runs);

/** The data file for a size, written once per run and shared by the cases that read it. */
async function dataFile(size: Size): Promise<{ path: string; mb: number; n: number }> {
  const { n, itemBytes } = SIZES[size];
  const path = join(runDir(), `generic-${n}-${itemBytes}.jsonl`);
  if (!existsSync(path)) {
    await writeGenericJsonl(`${path}.partial`, n, itemBytes);
    renameSync(`${path}.partial`, path);
  }
  return { path, mb: statSync(path).size / 1e6, n };
}

function freshProject(size: Size, what: string) {
  const path = join(runDir(), `${what}-${size}.rankwise`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  return openProject(path, { create: true });
}

/** The baseline: read lines, JSON.parse, raw prepared inserts in 1000-item transactions. */
function rawInserts(file: string, size: Size): void {
  const project = freshProject(size, 'raw');
  const db = project.db;
  db.prepare(
    "INSERT INTO imports (id, file_name, format, items_added, duplicates, skipped, created_at) VALUES ('raw', 'raw', 'raw', 0, 0, 0, 0)",
  ).run();
  const insertItem = db.prepare(
    "INSERT INTO items (id, prompt_json, content_hash, metadata_json, import_id, created_at) VALUES (?, ?, ?, NULL, 'raw', 0)",
  );
  const insertResponse = db.prepare(
    'INSERT INTO responses (item_seq, idx, model, content, metadata_json) VALUES (?, ?, ?, ?, NULL)',
  );
  type Row = { id: string; prompt: string; responses: Array<{ model: string; text: string }> };
  const batch = db.transaction((lines: string[]) => {
    for (const line of lines) {
      const r = JSON.parse(line) as Row;
      const { lastInsertRowid } = insertItem.run(r.id, JSON.stringify(r.prompt), r.id);
      r.responses.forEach((x, i) => insertResponse.run(lastInsertRowid, i, x.model, x.text));
    }
  });
  forEachLineBatch(file, 1000, batch);
  project.close();
}

function baselineCase(size: Size) {
  return async (): Promise<CaseResult> => {
    const { path, mb, n } = await dataFile(size);
    const { ms, cpuMs } = await bestOf(runsOf(size), () => rawInserts(path, size));
    const rate = mb / (ms / 1000);
    remember(`raw-${size}`, { rate, cpuMs });
    return {
      name: `baseline: raw better-sqlite3 inserts (${n} items, ${mb.toFixed(0)} MB)`,
      value: rate,
      unit: 'MB/s',
      baseline: rate,
      baselineName: 'itself',
      higherIsBetter: true,
      notes: `best of ${runsOf(size)}; CPU ${(cpuMs / 1000).toFixed(1)} s`,
    };
  };
}

function importCase(size: Size) {
  return async (): Promise<CaseResult> => {
    const { path, mb, n } = await dataFile(size);
    const baseline = recall<{ rate: number; cpuMs: number }>(`raw-${size}`);
    if (baseline === undefined) throw new Error(`run the baseline case for ${size} first`);
    const startRss = peakRssMB();
    const { ms, cpuMs } = await bestOf(runsOf(size), async () => {
      const project = freshProject(size, 'import');
      try {
        await importFile(project.db, path);
        const count = project.db.prepare('SELECT count(*) FROM items').pluck().get() as number;
        if (count !== n) throw new Error(`imported ${count} items, expected ${n}`);
      } finally {
        project.close();
      }
    });
    const peak = peakRssMB();
    remember(`import-rss-${size}`, peak);
    const notes = [
      `target ≥ ${SIZES[size].itemBytes < 1000 ? '0.8' : '0.6'}; best of ${runsOf(size)}`,
      `CPU-time ratio ${(baseline.cpuMs / cpuMs).toFixed(2)}`,
      `RSS before ${startRss.toFixed(0)} MB`,
    ];
    const smaller = SIZES[size].smaller;
    const small = smaller ? recall<number>(`import-rss-${smaller}`) : undefined;
    if (smaller && small !== undefined)
      notes.push(
        `peak RSS ${size}/${smaller} = ${(peak / small).toFixed(2)}× (target ≤ 1.3)`,
        `${mb.toFixed(0)} MB file under 300 MB RSS: ${peak < 300 ? 'yes' : 'NO'}`,
      );
    return {
      name: `import generic JSONL (${n} items of ~${SIZES[size].itemBytes} B, ${mb.toFixed(0)} MB)`,
      value: mb / (ms / 1000),
      unit: 'MB/s',
      baseline: baseline.rate,
      baselineName: 'raw better-sqlite3 inserts',
      higherIsBetter: true,
      notes: notes.join('; '),
    };
  };
}

defineBench({
  'generic-jsonl-50k-baseline': baselineCase('50k'),
  'generic-jsonl-50k-import': importCase('50k'),
  'generic-jsonl-200k-baseline': baselineCase('200k'),
  'generic-jsonl-200k-import': importCase('200k'),
  'small-jsonl-250k-baseline': baselineCase('small-250k'),
  'small-jsonl-250k-import': importCase('small-250k'),
  'small-jsonl-1m-baseline': baselineCase('small-1m'),
  'small-jsonl-1m-import': importCase('small-1m'),
});
