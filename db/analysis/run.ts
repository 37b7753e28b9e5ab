import type { AnalysisInput } from '../../shared/analysis/input';
import { computeAgreement } from '../../shared/analysis/agreement-report';
import { computeJudgeLeaderboards } from '../../shared/analysis/judge-leaderboard';
import { computeLeaderboard, type LeaderboardOptions } from '../../shared/analysis/leaderboard';
import type { PackedQueue } from '../../shared/analysis/queue-pack';
import type { AgreementReport, Leaderboard } from '../../shared/analysis/report';
import { openProject, type Db } from '../open';
import { loadAnalysisInput } from './load';
import { loadSliceColumn } from './slices';

export type AnalysisTask =
  | {
      task: 'agreement';
      /** An item metadata field to slice the judges' agreement by. */
      judgeSlicesBy?: string | null;
    }
  | { task: 'leaderboard'; options?: LeaderboardOptions };

export type AnalysisResult =
  | { task: 'agreement'; report: AgreementReport; queue: PackedQueue }
  | { task: 'leaderboard'; leaderboard: Leaderboard };

/**
 * What an analysis computes from an input already loaded (in the worker or inline); `db` is
 * the same read connection, for what a task reads beyond the shared input (a metadata slice).
 */
export function compute(
  input: AnalysisInput,
  t: AnalysisTask,
  loadMs: number,
  db: Db,
): AnalysisResult {
  const t0 = performance.now();
  if (t.task === 'agreement') {
    const slice = t.judgeSlicesBy ? loadSliceColumn(db, t.judgeSlicesBy, input.items.count) : null;
    const { report, queue } = computeAgreement(input, Date.now(), slice);
    return {
      task: 'agreement',
      report: { ...report, computeMs: loadMs + performance.now() - t0 },
      queue,
    };
  }
  const human = computeLeaderboard(input, t.options);
  const lb = { ...human, judges: computeJudgeLeaderboards(input, human, t.options) };
  return {
    task: 'leaderboard',
    leaderboard: { ...lb, computeMs: loadMs + performance.now() - t0 },
  };
}

/**
 * One analysis from scratch, on a read-only connection of its own (a consistent snapshot
 * while judgments keep committing elsewhere): the CLI's `agreement` and `leaderboard`. The app
 * goes through `AnalysisService` instead, which keeps the loaded input for the next task.
 */
export function analyse(projectPath: string, t: AnalysisTask): AnalysisResult {
  const project = openProject(projectPath, { readonly: true });
  try {
    const t0 = performance.now();
    const input = loadAnalysisInput(project.db);
    return compute(input, t, performance.now() - t0, project.db);
  } finally {
    project.close();
  }
}
