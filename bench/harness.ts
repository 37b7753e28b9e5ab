import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The benchmark harness. A bench file calls `defineBench({case: fn})`; the runner
 * (scripts/bench.mjs) starts one process per case, so each case's peak RSS is its own, and
 * collects what the case reports. Every figure is printed beside a baseline measured in the
 * same run (noisy shared machines make absolute numbers meaningless on their own).
 */
export interface CaseResult {
  /** What was measured, e.g. "import generic JSONL 200k items". */
  name: string;
  value: number;
  /** e.g. "MB/s", "rows/s", "ms (p95)". */
  unit: string;
  /** The same work done the plainest way (raw better-sqlite3 inserts, JSON.parse…), same unit. */
  baseline: number;
  baselineName: string;
  /** True when a bigger value is better (throughput); false for latencies. */
  higherIsBetter: boolean;
  /** Extra figures worth printing (sizes, counts, targets). */
  notes?: string;
}

export interface BenchResult extends CaseResult {
  /** value / baseline for throughput, baseline / value for latency: 1 means as fast as the baseline. */
  ratio: number;
  peakRssMB: number;
}

export type BenchCase = () => Promise<CaseResult | CaseResult[]>;

/** Current peak resident set size of this process, in MB. */
export function peakRssMB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export function defineBench(cases: Record<string, BenchCase>): void {
  const which = process.argv[2];
  if (!which || which === '--list') {
    process.stdout.write(`CASES ${JSON.stringify(Object.keys(cases))}\n`);
    return;
  }
  const run = cases[which];
  if (!run) {
    process.stderr.write(`no bench case ${which}\n`);
    process.exitCode = 2;
    return;
  }
  run().then(
    (r) => {
      const peak = peakRssMB();
      for (const c of Array.isArray(r) ? r : [r]) {
        const ratio = c.higherIsBetter ? c.value / c.baseline : c.baseline / c.value;
        const out: BenchResult = { ...c, ratio, peakRssMB: Math.round(peak) };
        process.stdout.write(`BENCH ${JSON.stringify(out)}\n`);
      }
    },
    (e: unknown) => {
      process.stderr.write(`${String((e as Error).stack ?? e)}\n`);
      process.exitCode = 1;
    },
  );
}

/**
 * The fastest of `runs` runs, wall clock and CPU time (all threads) of that run. On a shared,
 * noisy machine the fastest run is the one least disturbed by others; CPU time is barely
 * disturbed at all, so its ratio is printed beside the wall-clock one.
 */
export async function bestOf(
  runs: number,
  fn: () => unknown,
): Promise<{ ms: number; cpuMs: number }> {
  let best = { ms: Infinity, cpuMs: Infinity };
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    const ms = performance.now() - t0;
    const used = process.cpuUsage(cpu);
    if (ms < best.ms) best = { ms, cpuMs: (used.user + used.system) / 1000 };
  }
  return best;
}

/** Time an async or sync function once, in milliseconds. */
export async function timeMs(fn: () => unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/**
 * A directory shared by every case of one `npm run bench` run (scripts/bench.mjs creates it and
 * removes it afterwards): for data files several cases read, and for figures one case passes to
 * another (a baseline measured in its own process, so its memory does not count against the
 * path it is compared with).
 */
export function runDir(): string {
  const dir = process.env['BENCH_RUN_DIR'];
  if (!dir) throw new Error('BENCH_RUN_DIR is not set: run benchmarks with npm run bench');
  return dir;
}

export function remember(key: string, value: unknown): void {
  writeFileSync(join(runDir(), `${key}.json`), JSON.stringify(value));
}

export function recall<T>(key: string): T | undefined {
  const file = join(runDir(), `${key}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
}

/** Scale factor for data sizes: BENCH_SCALE=0.01 makes a quick smoke run. */
export function scaled(n: number): number {
  const s = Number(process.env['BENCH_SCALE'] ?? '1');
  return Math.max(1, Math.round(n * (Number.isFinite(s) && s > 0 ? s : 1)));
}
