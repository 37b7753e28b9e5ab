import Database from 'better-sqlite3';
import { copyFileSync, createWriteStream, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { loadAnalysisInput } from '../db/analysis/load';
import { importJudgeVerdicts } from '../db/judges/import-verdicts';
import { openProject } from '../db/open';
import { computeAgreement } from '../shared/analysis/agreement-report';
import { seededRng } from '../shared/metrics/random';
import {
  bestOf,
  defineBench,
  peakRssMB,
  recall,
  remember,
  runDir,
  scaled,
  type CaseResult,
} from './harness';
import { benchDir, cpuMs, forEachLineBatch } from './support/data';
import { writeTeamProject } from './support/team-data';

/**
 * Judges at scale.
 *
 * - `rankwise judges import` of 1M verdicts (250k two-response items × 2 judges × both
 *   orders, a rationale on every line) against the plainest way to put the same rows in the same
 *   table: a byte-level line splitter, JSON.parse, and raw prepared inserts (the item's seq
 *   looked up in the insert) committed every 1000 rows. Each in a process of its own, the
 *   baseline first, on a fresh copy of the same items-only project.
 * - The calibration report: every agreement figure with two judges' calibration (one judged in
 *   both orders) at 100k items × 3 labellers × 2 judges, loaded from the project file, against
 *   one SQL pass summing the same rows (human heads and judge verdicts). Best of five, in CPU
 *   time.
 */
const ITEMS = scaled(250_000);
const VERDICTS = ITEMS * 4;
const RUNS = Number(process.env['BENCH_RUNS'] ?? 2);

/** A project with ITEMS two-response items and nothing else, written once per run, checkpointed. */
function itemsProject(): string {
  const path = join(runDir(), `judge-items-${ITEMS}.rankwise`);
  if (existsSync(path)) return path;
  const partial = `${path}.partial`;
  openProject(partial, { create: true }).close();
  const db = new Database(partial);
  const item = db.prepare(
    'INSERT INTO items (seq, id, prompt_json, content_hash, created_at) VALUES (?, ?, ?, ?, 0)',
  );
  const response = db.prepare('INSERT INTO responses VALUES (?, ?, NULL, ?, NULL)');
  const batch = db.transaction((from: number, to: number) => {
    for (let s = from; s < to; s++) {
      item.run(s + 1, `item-${s}`, JSON.stringify(`prompt ${s}`), `h${s}`);
      response.run(s + 1, 0, `first ${s}`);
      response.run(s + 1, 1, `second ${s}`);
    }
  });
  for (let s = 0; s < ITEMS; s += 1000) batch(s, Math.min(ITEMS, s + 1000));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(partial, path);
  return path;
}

/** 1M verdict lines: two judges, both orders, a short rationale each. */
async function verdictsFile(): Promise<{ path: string; mb: number }> {
  const path = join(runDir(), `judge-verdicts-${VERDICTS}.jsonl`);
  if (!existsSync(path)) {
    const out = createWriteStream(`${path}.partial`);
    const rng = seededRng(7);
    let buf = '';
    for (let s = 0; s < ITEMS; s++)
      for (const judge of ['gpt-judge', 'llama-judge'])
        for (const order of [
          [0, 1],
          [1, 0],
        ]) {
          const chosen = rng() < 0.5 ? 0 : 1;
          buf += `${JSON.stringify({ itemId: `item-${s}`, judge, chosen, rejected: 1 - chosen, order, rationale: `Response ${chosen + 1} answers the question more directly.` })}\n`;
          if (buf.length > 1 << 20) {
            if (!out.write(buf)) await once(out, 'drain');
            buf = '';
          }
        }
    out.end(buf);
    await once(out, 'finish');
    renameSync(`${path}.partial`, path);
  }
  return { path, mb: statSync(path).size / 1e6 };
}

function freshCopy(what: string): string {
  const path = join(runDir(), `${what}.rankwise`);
  for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
  copyFileSync(itemsProject(), path);
  return path;
}

/** The baseline: split lines, JSON.parse, raw prepared inserts in transactions of 1000 rows. */
function rawInserts(file: string): void {
  const project = openProject(freshCopy('judges-raw'), { quickCheck: false });
  const db = project.db;
  const judges = new Map<string, number>();
  const addJudge = db.prepare(
    "INSERT INTO judges (name, kind, created_at, updated_at) VALUES (?, 'llm', 0, 0)",
  );
  const insert = db.prepare(
    `INSERT INTO judge_verdicts (judge_id, item_seq, pair_lo, pair_hi, shown_first, outcome, winner, rationale, created_at)
     VALUES (?, (SELECT seq FROM items WHERE id = ?), 0, 1, ?, 'preferred', ?, ?, 0)`,
  );
  type Line = { itemId: string; judge: string; chosen: number; order: number[]; rationale: string };
  const batch = db.transaction((lines: string[]) => {
    for (const line of lines) {
      const v = JSON.parse(line) as Line;
      let j = judges.get(v.judge);
      if (j === undefined) judges.set(v.judge, (j = Number(addJudge.run(v.judge).lastInsertRowid)));
      insert.run(j, v.itemId, v.order[0], v.chosen, v.rationale);
    }
  });
  forEachLineBatch(file, 1000, batch);
  project.close();
}

defineBench({
  async 'judges-import-1m-baseline'(): Promise<CaseResult> {
    const { path, mb } = await verdictsFile();
    const { ms, cpuMs: cpu } = await bestOf(RUNS, () => rawInserts(path));
    const rate = VERDICTS / (ms / 1000);
    remember('judges-raw', { rate, cpu });
    return {
      name: `baseline: raw inserts of ${VERDICTS} judge verdicts (${mb.toFixed(0)} MB)`,
      value: rate,
      unit: 'verdicts/s',
      baseline: rate,
      baselineName: 'itself',
      higherIsBetter: true,
      notes: `best of ${RUNS}; CPU ${(cpu / 1000).toFixed(1)} s`,
    };
  },

  async 'judges-import-1m'(): Promise<CaseResult> {
    const { path, mb } = await verdictsFile();
    const baseline = recall<{ rate: number; cpu: number }>('judges-raw');
    if (!baseline) throw new Error('run the judges-import-1m-baseline case first');
    const { ms, cpuMs: cpu } = await bestOf(RUNS, async () => {
      const project = openProject(freshCopy('judges-import'), { quickCheck: false });
      try {
        const r = await importJudgeVerdicts(project.db, path);
        if (r.added !== VERDICTS)
          throw new Error(`imported ${r.added} verdicts, expected ${VERDICTS}`);
      } finally {
        project.close();
      }
    });
    return {
      name: `rankwise judges import (${VERDICTS} verdicts, ${mb.toFixed(0)} MB)`,
      value: VERDICTS / (ms / 1000),
      unit: 'verdicts/s',
      baseline: baseline.rate,
      baselineName: 'raw inserts, 1000 per transaction',
      higherIsBetter: true,
      notes: `best of ${RUNS}; CPU-time ratio ${(baseline.cpu / cpu).toFixed(2)}; every line checked, one transaction; peak RSS ${peakRssMB().toFixed(0)} MB`,
    };
  },

  'judge-calibration-100k'(): Promise<CaseResult> {
    const items = scaled(100_000);
    const t = benchDir();
    try {
      const path = join(t.dir, 'team.rankwise');
      writeTeamProject(path, { items, labellers: 3 });
      // Two judges: one asked in both orders (position bias and consistency), one once.
      const db = new Database(path);
      db.exec(`
        INSERT INTO judges (id, name, kind, model, created_at, updated_at) VALUES
          (1, 'gpt-judge', 'llm', 'gpt', 0, 0), (2, 'rm-v3', 'reward-model', 'rm', 0, 0);
        INSERT INTO judge_verdicts (judge_id, item_seq, pair_lo, pair_hi, shown_first, outcome, winner, created_at)
          SELECT 1, seq, 0, 1, 0, CASE WHEN seq % 13 = 0 THEN 'tie' ELSE 'preferred' END,
                 CASE WHEN seq % 13 = 0 THEN NULL ELSE seq % 2 END, 0 FROM items;
        INSERT INTO judge_verdicts (judge_id, item_seq, pair_lo, pair_hi, shown_first, outcome, winner, created_at)
          SELECT 1, seq, 0, 1, 1, 'preferred', (seq / 3) % 2, 0 FROM items;
        INSERT INTO judge_verdicts (judge_id, item_seq, pair_lo, pair_hi, shown_first, outcome, winner, scores_json, margin, created_at)
          SELECT 2, seq, 0, 1, -1, 'preferred', (seq / 5) % 2, '[0.5,0.25]', 0.25, 0 FROM items;
      `);
      db.close();
      const project = openProject(path, { readonly: true });
      const verdicts = project.db
        .prepare('SELECT count(*) FROM judge_verdicts')
        .pluck()
        .get() as number;
      const baseline = [0, 1, 2]
        .map(() =>
          cpuMs(() => {
            project.db
              .prepare(
                `SELECT (SELECT sum(j.time_ms) FROM judgment_heads h JOIN judgments j ON j.id = h.judgment_id),
                        (SELECT sum(winner) FROM judge_verdicts)`,
              )
              .get();
          }),
        )
        .reduce((a, b) => (b.cpu < a.cpu ? b : a));
      const runs = [0, 1, 2, 3, 4].map(() => {
        let input!: ReturnType<typeof loadAnalysisInput>;
        const load = cpuMs(() => (input = loadAnalysisInput(project.db)));
        let judges = 0;
        const report = cpuMs(() => {
          const r = computeAgreement(input);
          judges = r.report.judges.length;
        });
        if (judges !== 2) throw new Error(`expected 2 judges, got ${judges}`);
        const peopleOnly = cpuMs(() => computeAgreement({ ...input, judges: undefined }));
        return {
          cpu: load.cpu + report.cpu,
          wall: load.wall + report.wall,
          load: load.cpu,
          report: report.cpu,
          peopleOnly: peopleOnly.cpu,
        };
      });
      const b = runs.reduce((x, y) => (y.cpu < x.cpu ? y : x));
      project.close();
      return Promise.resolve({
        name: `calibration report (${items} items × 3 labellers × 2 judges, ${verdicts} judge verdicts; CPU ms)`,
        value: b.cpu,
        unit: 'ms',
        baseline: baseline.cpu,
        baselineName: 'one SQL pass summing the same rows',
        higherIsBetter: false,
        notes: `load ${b.load.toFixed(0)} + every figure with both judges' calibration ${b.report.toFixed(0)} ms CPU (the same figures without judges: ${b.peopleOnly.toFixed(0)} ms); wall ${b.wall.toFixed(0)} ms`,
      });
    } finally {
      t.cleanup();
    }
  },
});
