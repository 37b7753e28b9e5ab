import { bradleyTerryFromTable, winRateMatrixFromTable, type PairTable } from '../metrics/index';
import { BOTH_BAD_OUTCOME, PAIRWISE, PREFERRED, RANKING, type AnalysisInput } from './input';
import type { Leaderboard } from './report';

export interface LeaderboardOptions {
  /** Count both-bad as a tie (Chatbot Arena's "tie (bothbad)"); false leaves them out. */
  bothBadAsTie?: boolean;
  bootstrapRounds?: number;
  seed?: number;
}

/**
 * Model comparisons from the judgments — every labeller's current verdict is one comparison,
 * as every vote is in an arena; a ranking gives one per pair of responses — then
 * Bradley–Terry with bootstrap intervals, Elo in time order (Chatbot Arena's convention:
 * K = 4, start 1000, scale 400, base 10), and the win-rate matrix. Counts go straight into
 * typed arrays; the results equal `bradleyTerry`, `elo` and `winRateMatrix` of the metrics
 * API over the same comparisons (a test checks it).
 */
export function computeLeaderboard(
  input: AnalysisInput,
  options: LeaderboardOptions = {},
  now = Date.now(),
): Omit<Leaderboard, 'computeMs' | 'judges'> {
  const bothBadAsTie = options.bothBadAsTie ?? true;
  const names = input.responses.names;
  const { start, model } = input.responses;
  const t = input.judgments;
  const k = names.length;
  const wins = new Float64Array(k * k);
  const ties = new Float64Array(k * k);
  // Elo runs online, so judgments are visited in time order (ties: the order they were
  // stored); a ranking's comparisons share its time and keep their order.
  const elo = new Float64Array(k).fill(1000);
  let n = 0;
  const skipped = { noModel: 0, sameModel: 0 };
  const modelAt = (item: number, idx: number) =>
    item + 1 < start.length && idx < start[item + 1]! - start[item]!
      ? model[start[item]! + idx]!
      : -1;
  const add = (item: number, a: number, b: number, score: 1 | 0.5) => {
    const i = modelAt(item, a);
    const j = modelAt(item, b);
    if (i < 0 || j < 0) return void skipped.noModel++;
    if (i === j) return void skipped.sameModel++;
    if (score === 1) wins[i * k + j]!++;
    else {
      ties[i * k + j]!++;
      ties[j * k + i]!++;
    }
    n++;
    const expected = 1 / (1 + 10 ** ((elo[j]! - elo[i]!) / 400));
    const d = 4 * (score - expected);
    elo[i]! += d;
    elo[j]! -= d;
  };
  for (const r of timeOrder(t.createdAt, t.length)) {
    const item = t.item[r]!;
    if (t.kind[r] === PAIRWISE) {
      const outcome = t.outcome[r]!;
      if (outcome === BOTH_BAD_OUTCOME && !bothBadAsTie) continue;
      add(item, t.chosen[r]!, t.rejected[r]!, outcome === PREFERRED ? 1 : 0.5);
    } else if (t.kind[r] === RANKING) {
      const tiers = (t.detail[r] as number[][] | null) ?? [];
      tiers.forEach((tier, ti) => {
        for (let x = 0; x < tier.length; x++) {
          for (let y = x + 1; y < tier.length; y++) add(item, tier[x]!, tier[y]!, 0.5);
          for (const lower of tiers.slice(ti + 1)) for (const z of lower) add(item, tier[x]!, z, 1);
        }
      });
    }
  }
  const table: PairTable = { models: names, wins, ties };
  const bt = bradleyTerryFromTable(table, {
    bootstrap: { rounds: options.bootstrapRounds ?? 200, seed: options.seed ?? 1 },
  });
  const index = new Map(names.map((m, i) => [m, i]));
  const matrix = winRateMatrixFromTable(table);
  return {
    computedAt: now,
    comparisons: n,
    skipped,
    bothBadAsTie,
    bootstrapRounds: bt.bootstrapRounds,
    converged: bt.converged,
    models: bt.models
      .filter((m) => m.comparisons > 0)
      .map((m) => ({
        ...m,
        elo: elo[index.get(m.model)!] ?? null,
        winRate: (m.wins + m.ties / 2) / m.comparisons,
      })),
    winRates: matrix,
  };
}

/** Row indices by time, ties in row order (rows are usually stored in time order already). */
function timeOrder(at: Float64Array, n: number): Uint32Array {
  const order = new Uint32Array(n);
  let sorted = true;
  for (let x = 0; x < n; x++) {
    order[x] = x;
    if (x > 0 && at[x]! < at[x - 1]!) sorted = false;
  }
  if (!sorted) order.sort((x, y) => at[x]! - at[y]! || x - y);
  return order;
}
