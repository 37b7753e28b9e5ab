import { kendallTauB } from '../metrics/index';
import {
  allocateTable,
  BOTH_BAD_OUTCOME,
  PAIRWISE,
  PREFERRED,
  TIE_OUTCOME,
  type AnalysisInput,
} from './input';
import { judgeUnits } from './judge-calibration';
import { computeLeaderboard, type LeaderboardOptions } from './leaderboard';
import { BOTH_BAD, HI, TIE } from './pairwise-units';
import type { JudgeLeaderboard, Leaderboard } from './report';

/**
 * Each judge's leaderboard of the models, computed exactly as the people's (Bradley–Terry with
 * bootstrap intervals, Elo, win rates) from its verdicts — one comparison per pair it has a
 * verdict on (a pair judged in both orders counts once; one it flipped on not at all) — and
 * Kendall's tau-b between its model order and the people's, over the models both rate (a
 * Bradley–Terry rating in each). Null with fewer than two such models.
 */
export function computeJudgeLeaderboards(
  input: AnalysisInput,
  human: Omit<Leaderboard, 'computeMs' | 'judges'>,
  options: LeaderboardOptions = {},
  now = Date.now(),
): JudgeLeaderboard[] {
  const judges = input.judges;
  if (!judges) return [];
  return judges.names.map((j, k) => {
    const u = judgeUnits(judges, k, input.items.count);
    const t = allocateTable(u.label.length);
    let n = 0;
    for (let x = 0; x < u.label.length; x++) {
      const label = u.label[x]!;
      if (label < 0) continue;
      t.item[n] = u.item[x]!;
      t.kind[n] = PAIRWISE;
      t.outcome[n] =
        label === TIE ? TIE_OUTCOME : label === BOTH_BAD ? BOTH_BAD_OUTCOME : PREFERRED;
      // Response indices: the winner first; a tie or both-bad names the pair in source order.
      t.chosen[n] = label === HI ? u.hi[x]! : u.lo[x]!;
      t.rejected[n] = label === HI ? u.lo[x]! : u.hi[x]!;
      n++;
    }
    t.length = n;
    const board = computeLeaderboard({ ...input, judgments: t }, options, now);
    const theirs = new Map(board.models.map((m) => [m.model, m.rating]));
    const both = human.models.filter(
      (m) => m.rating !== null && theirs.get(m.model) !== null && theirs.get(m.model) !== undefined,
    );
    return {
      name: j.name,
      comparisons: board.comparisons,
      models: board.models,
      kendallTau: kendallTauB(
        both.map((m) => m.rating),
        both.map((m) => theirs.get(m.model)!),
      ),
      modelsCompared: both.length,
    };
  });
}
