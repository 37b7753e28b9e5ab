import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import {
  loadProject,
  percentile,
  runLoad,
  startTeamServer,
  verifyAfterLoad,
  type LoadResult,
} from '../cli/serve/test-support/team-load';
import { defineBench, runDir, scaled, type CaseResult } from './harness';

/**
 * A team host under load: LABELLERS simulated labellers on real HTTP connections (one each)
 * to one `rankwise serve --team` (a child process), each asking for its next item and
 * submitting a judgment every 200 ms for 60 s, on a 20k-item project with overlap 2, while
 * the lead's page holds the event stream (so the dashboard is kept live). Reported: the
 * judgments per second sustained, p50/p99 of items.next and judgments.submit, the host's
 * peak RSS (VmHWM of its process). Baselines from the same run: one labeller alone on the same
 * host (latency without contention), the load offered (throughput), the idle host (memory).
 * Afterwards the file must hold every acknowledged judgment exactly once, no item with more
 * than 2 people's verdicts; the case fails otherwise.
 */

const LABELLERS = Number(process.env['BENCH_TEAM_LABELLERS'] ?? 50);
const PACE_MS = 200;
const DURATION_MS = scaled(60_000);
const ITEMS = scaled(20_000);
const OVERLAP = 2;
const TARGET_P99_MS = 100;

async function teamHost(): Promise<CaseResult[]> {
  const dir = mkdtempSync(join(runDir(), 'team-'));
  try {
    const { path, labellers } = await loadProject(dir, {
      items: ITEMS,
      people: LABELLERS + 1,
      overlap: OVERLAP,
    });
    const [alone, ...team] = labellers as [(typeof labellers)[0], ...typeof labellers];
    const server = await startTeamServer(path);
    let baseline: LoadResult;
    let load: LoadResult;
    let peak: number;
    let idleRss: number;
    let dashboards = 0;
    const events = new AbortController();
    try {
      await new Promise((r) => setTimeout(r, 1000));
      idleRss = server.rssMB();
      baseline = await runLoad(server.url, [alone], {
        durationMs: Math.min(5000, DURATION_MS),
        paceMs: PACE_MS,
      });
      // The lead watches the dashboard meanwhile, as on the Team screen.
      void fetch(`${server.url}/api/events`, {
        headers: { authorization: `Bearer ${server.leadToken}` },
        signal: events.signal,
      })
        .then(async (res) => {
          const reader = res.body!.getReader();
          const decoder = new TextDecoder();
          for (;;) {
            const { done, value } = (await reader.read()) as { done: boolean; value?: Uint8Array };
            if (done) return;
            dashboards += decoder.decode(value).split('event: dashboard.changed').length - 1;
          }
        })
        .catch(() => undefined);
      load = await runLoad(server.url, team, { durationMs: DURATION_MS, paceMs: PACE_MS });
      peak = server.peakRssMB();
    } finally {
      events.abort();
      server.child.kill('SIGTERM');
      await server.exited;
    }
    const acked = new Map([...baseline.acked, ...load.acked]);
    const found = verifyAfterLoad(path, acked, OVERLAP);
    const judgments = [...load.acked.values()].reduce((s, l) => s + l.length, 0);
    const problems = [
      ...load.failures.slice(0, 5),
      ...found.countMismatch.slice(0, 5),
      found.integrity !== 'ok' ? `integrity_check: ${found.integrity}` : '',
      found.missing ? `${found.missing} acknowledged judgments missing` : '',
      found.duplicates ? `${found.duplicates} judgments made twice` : '',
      found.overFull ? `${found.overFull} items judged by more than ${OVERLAP}` : '',
      found.derivedOff ? `${found.derivedOff} items whose load counters are off` : '',
    ].filter(Boolean);
    if (problems.length)
      throw new Error(`the team host lost or broke work:\n${problems.join('\n')}`);
    const seconds = load.elapsedMs / 1000;
    const cpus = (await import('node:os')).cpus().length;
    const offered = (team.length * 1000) / PACE_MS;
    const who = `${team.length} labellers, ${ITEMS} items, overlap ${OVERLAP}`;
    const check = `verified: ${judgments} acknowledged = in the file, 0 lost, 0 twice, 0 items past ${OVERLAP}, integrity ok`;
    const p = (v: number[], q: number) => Math.round(percentile(v, q) * 10) / 10;
    const latency = (name: string, values: number[], alone: number[], q: 50 | 99): CaseResult => ({
      name: `team host ${name} p${q} (${who})`,
      value: p(values, q),
      unit: 'ms',
      baseline: p(alone, q),
      baselineName: 'one labeller alone',
      higherIsBetter: false,
      notes:
        q === 99
          ? `target < ${TARGET_P99_MS} ms; ${values.length} calls`
          : `${values.length} calls`,
    });
    return [
      {
        name: `team host judgments sustained (${who}, ${Math.round(seconds)} s)`,
        value: judgments / seconds,
        unit: 'judgments/s',
        baseline: offered,
        baselineName: `offered: ${team.length} × one per ${PACE_MS} ms`,
        higherIsBetter: true,
        notes: `${check}; ${dashboards} dashboard updates to the lead; machine load average ${loadavg()[0]!.toFixed(1)} on ${cpus} cores`,
      },
      latency('items.next', load.nextMs, baseline.nextMs, 50),
      latency('items.next', load.nextMs, baseline.nextMs, 99),
      latency('judgments.submit', load.submitMs, baseline.submitMs, 50),
      latency('judgments.submit', load.submitMs, baseline.submitMs, 99),
      {
        name: `team host peak RSS (${who})`,
        value: Math.round(peak),
        unit: 'MB',
        baseline: Math.round(idleRss),
        baselineName: 'the same host idle',
        higherIsBetter: false,
        notes: 'VmHWM of the rankwise serve --team process',
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

defineBench({ 'team-host': teamHost });
