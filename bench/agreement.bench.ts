import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadAnalysisInput } from '../db/analysis/load';
import { AnalysisService } from '../db/analysis/service';
import { openProject } from '../db/open';
import { computeAgreement } from '../shared/analysis/agreement-report';
import { computeLeaderboard } from '../shared/analysis/leaderboard';
import { defineBench, scaled } from './harness';
import { benchDir, cpuMs } from './support/data';
import { writeTeamProject } from './support/team-data';

function best<T extends { cpu: number }>(runs: T[]): T {
  return runs.reduce((a, b) => (b.cpu < a.cpu ? b : a));
}

/**
 * Every agreement figure, the packed disagreement queue and the leaderboard (200 bootstrap
 * rounds) for 100k items × 3 labellers, from the project file (reading the judgments
 * included), against the plainest pass over the same rows: one SQL statement summing a column
 * of every labeller's current judgment. Best of five, in CPU time of the whole process (so
 * the garbage collector's and compiler's helper threads count too). Also: the event loop of
 * the calling thread while the analysis runs in the worker.
 */
defineBench({
  async 'agreement-and-leaderboard'() {
    const items = scaled(100_000);
    const t = benchDir();
    try {
      const path = join(t.dir, 'team.rankwise');
      writeTeamProject(path, { items, labellers: 3 });
      const project = openProject(path, { readonly: true });
      const baseline = best(
        [0, 1, 2].map(() =>
          cpuMs(() => {
            project.db
              .prepare(
                'SELECT sum(j.time_ms), count(*) FROM judgment_heads h JOIN judgments j ON j.id = h.judgment_id',
              )
              .get();
          }),
        ),
      );
      const split = { load: 0, agreement: 0, leaderboard: 0 };
      const runs = [0, 1, 2, 3, 4].map(() => {
        let input!: ReturnType<typeof loadAnalysisInput>;
        const load = cpuMs(() => (input = loadAnalysisInput(project.db)));
        const agreement = cpuMs(() => computeAgreement(input));
        const leaderboard = cpuMs(() => computeLeaderboard(input));
        const run = {
          cpu: load.cpu + agreement.cpu + leaderboard.cpu,
          wall: load.wall + agreement.wall + leaderboard.wall,
          parts: { load: load.cpu, agreement: agreement.cpu, leaderboard: leaderboard.cpu },
        };
        return run;
      });
      const b = best(runs);
      Object.assign(split, b.parts);
      project.close();

      // The app's path: the job in a worker thread; how long does the calling thread stall?
      const worker = resolve('dist/cli/analysis-worker.mjs');
      let loop = 'worker not built (npm run build)';
      if (existsSync(worker)) {
        const h = monitorEventLoopDelay({ resolution: 5 });
        h.enable();
        const service = new AnalysisService(path, worker);
        try {
          const t0 = performance.now();
          const cold = await service.run({ task: 'agreement' });
          const t1 = performance.now();
          const warm = await service.run({ task: 'leaderboard' });
          const t2 = performance.now();
          h.disable();
          loop = `in the worker: agreement ${Math.round(t1 - t0)} ms wall (load ${Math.round(cold.loadMs)} ms), then the leaderboard ${Math.round(t2 - t1)} ms on the same loaded input (${warm.reused ? 'no second load' : `loaded again: ${Math.round(warm.loadMs)} ms`}); main-thread event loop max delay ${(h.max / 1e6).toFixed(0)} ms`;
        } finally {
          await service.close();
        }
      }
      return {
        name: `all agreement figures + leaderboard (${items} items × 3 labellers, CPU ms)`,
        value: b.cpu,
        unit: 'ms',
        baseline: baseline.cpu,
        baselineName: 'one SQL pass summing the same rows',
        higherIsBetter: false,
        notes: `target ≤ 500 ms CPU at 100k × 3; load ${split.load.toFixed(0)} + agreement ${split.agreement.toFixed(0)} + leaderboard ${split.leaderboard.toFixed(0)} ms CPU (wall ${b.wall.toFixed(0)} ms); ${loop}`,
      };
    } finally {
      t.cleanup();
    }
  },
});
