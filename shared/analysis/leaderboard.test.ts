import { describe, expect, it } from 'vitest';
import { bradleyTerry, elo, seededRng, type Comparison } from '../metrics/index';
import { judgmentTable, type AnalysisInput, type JudgmentRecord } from './input';
import { computeLeaderboard } from './leaderboard';

/**
 * The leaderboard counts straight from the judgment columns; the metrics API takes plain
 * comparisons. Both must agree, whatever order the judgments were stored in.
 */
describe('computeLeaderboard', () => {
  const names = ['alpha', 'beta', 'gamma', 'delta'];

  function project(seed: number) {
    const rng = seededRng(seed);
    const items = 60;
    // Item k has 3 responses; model of response r, or null (unknown) now and then.
    const modelOf = (k: number, r: number) =>
      k % 11 === 5 && r === 2 ? null : names[(k + r * 3) % 4]!;
    const start = new Int32Array(items + 1);
    for (let k = 0; k < items; k++) start[k + 1] = start[k]! + 3;
    const sorted = [...names].sort();
    const model = new Int32Array(items * 3);
    for (let k = 0; k < items; k++)
      for (let r = 0; r < 3; r++) {
        const m = modelOf(k, r);
        model[k * 3 + r] = m === null ? -1 : sorted.indexOf(m);
      }
    const records: JudgmentRecord[] = [];
    for (let k = 0; k < items; k++)
      for (let l = 0; l < 3; l++) {
        // Times out of storage order, with ties.
        const createdAt = 1000 + Math.floor(rng() * 40);
        if (k % 7 === 0) {
          records.push({
            kind: 'ranking',
            item: k,
            labeller: l,
            tiers: [[2], [0, 1]],
            timeMs: 1,
            createdAt,
          });
          continue;
        }
        const u = rng();
        const a = Math.floor(rng() * 3);
        const b = (a + 1 + Math.floor(rng() * 2)) % 3;
        records.push({
          kind: 'pairwise',
          item: k,
          labeller: l,
          outcome: u < 0.7 ? 'preferred' : u < 0.85 ? 'tie' : 'both_bad',
          chosen: a,
          rejected: b,
          strength: null,
          criteria: null,
          leftWon: null,
          timeMs: 1,
          createdAt,
        });
      }
    const input: AnalysisInput = {
      labellers: [0, 1, 2].map((i) => ({ id: `l${i}`, name: `L${i}` })),
      items: { count: items, seq: Int32Array.from({ length: items }, (_, k) => k) },
      responses: { start, model, names: sorted },
      judgments: judgmentTable(records),
      gold: new Map(),
      repeats: [],
      promptGroups: [],
      strengthLevels: 0,
      totalItems: items,
      adjudicated: 0,
    };
    // The same judgments as comparisons, in time order (stable), both-bad as a tie.
    const comparisons: Comparison[] = [];
    const byTime = records
      .map((r, i) => ({ r, i }))
      .sort((x, y) => x.r.createdAt - y.r.createdAt || x.i - y.i);
    for (const { r } of byTime) {
      const add = (a: number, b: number, tie: boolean) => {
        const ma = modelOf(r.item, a);
        const mb = modelOf(r.item, b);
        if (ma === null || mb === null || ma === mb) return;
        comparisons.push([ma, mb, tie ? 'tie' : ma]);
      };
      if (r.kind === 'pairwise') add(r.chosen, r.rejected, r.outcome !== 'preferred');
      else if (r.kind === 'ranking') {
        // Tier by tier: the top tier over each lower one, then ties within a tier.
        add(2, 0, false);
        add(2, 1, false);
        add(0, 1, true);
      }
    }
    return { input, comparisons };
  }

  for (const seed of [1, 2]) {
    it(`equals Bradley–Terry and time-ordered Elo over the same comparisons (seed ${seed})`, () => {
      const { input, comparisons } = project(seed);
      const lb = computeLeaderboard(input, { bootstrapRounds: 0 });
      expect(lb.comparisons).toBe(comparisons.length);
      const ratings = elo(comparisons);
      const bt = bradleyTerry(comparisons);
      for (const m of lb.models) {
        expect(m.elo, m.model).toBeCloseTo(ratings[m.model]!, 9);
        const want = bt.models.find((x) => x.model === m.model)!;
        expect(m.wins).toBe(want.wins);
        expect(m.ties).toBe(want.ties);
        expect(m.rating ?? NaN).toBeCloseTo(want.rating ?? NaN, 6);
      }
      expect(lb.models.map((m) => m.model).sort()).toEqual(bt.models.map((m) => m.model).sort());
    });
  }
});
