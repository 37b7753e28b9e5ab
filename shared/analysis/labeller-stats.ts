import {
  circularTriads,
  cohenKappaFromTable,
  quantilesOf,
  wilsonInterval,
  type Comparison,
} from '../metrics/index';
import {
  BOTH_BAD_OUTCOME,
  PAIRWISE,
  recordAt,
  TIE_OUTCOME,
  type AnalysisInput,
  type JudgmentRecord,
} from './input';
import { nominal, pairKey, sameVerdict } from './labels';
import type { PairUnits } from './pairwise-units';
import type { LabellerStats } from './report';

/** Upper edges of the time-per-item bins, in seconds; the last bin is everything above. */
export const TIME_BINS = [2, 5, 10, 20, 30, 60, 120, 300, 600];

/**
 * Per-labeller figures: how a labeller agrees with the others, and the signs of bias,
 * haste or carelessness a reviewer looks for.
 */
export function labellerStats(
  input: AnalysisInput,
  u: PairUnits,
  shared: number[],
): LabellerStats[] {
  const L = input.labellers.length;
  const t = input.judgments;
  const counts = Array.from({ length: L }, () => ({
    all: 0,
    pairwise: 0,
    ties: 0,
    bothBad: 0,
    left: 0,
    prefs: 0,
  }));
  for (let r = 0; r < t.length; r++) {
    const c = counts[t.labeller[r]!]!;
    c.all++;
    if (t.kind[r] !== PAIRWISE) continue;
    c.pairwise++;
    const outcome = t.outcome[r]!;
    if (outcome === TIE_OUTCOME) c.ties++;
    else if (outcome === BOTH_BAD_OUTCOME) c.bothBad++;
    else if (t.leftWon[r]! >= 0) {
      c.prefs++;
      if (t.leftWon[r] === 1) c.left++;
    }
  }
  // Seconds per judgment, grouped by labeller (offsets from the counts), each group sorted.
  const timeAt = new Int32Array(L + 1);
  for (let l = 0; l < L; l++) timeAt[l + 1] = timeAt[l]! + counts[l]!.all;
  const times = new Float64Array(t.length);
  const fill = timeAt.slice(0, L);
  for (let r = 0; r < t.length; r++) times[fill[t.labeller[r]!]!++] = t.timeMs[r]! / 1000;

  // Verdicts of the items gold answers and shared prompts need, by (item, labeller).
  const wanted = new Uint8Array(input.items.count);
  const needed = [...input.gold.keys(), ...input.promptGroups.flatMap((g) => g.items)];
  for (const item of needed) if (item < wanted.length) wanted[item] = 1;
  const rowOf = new Map<number, number>();
  if (needed.length)
    for (let r = 0; r < t.length; r++)
      if (wanted[t.item[r]!]) rowOf.set(t.item[r]! * L + t.labeller[r]!, r);
  const verdictOf = (l: number, item: number): JudgmentRecord | undefined => {
    const r = rowOf.get(item * L + l);
    return r === undefined ? undefined : recordAt(t, r);
  };

  // Agreement with the consensus of the *others* (leave-one-out majority), so a labeller's
  // own vote never props up their score. Units where the others tie are left out. One 4 × 4
  // table (own code × consensus code) per labeller.
  const tables = Array.from({ length: L }, () => new Float64Array(16));
  const c4 = new Int32Array(4);
  for (const x of shared) {
    const from = u.starts[x]!;
    const to = u.starts[x + 1]!;
    c4.fill(0);
    for (let y = from; y < to; y++) c4[u.code[u.order[y]!]!]!++;
    for (let y = from; y < to; y++) {
      const i = u.order[y]!;
      const own = u.code[i]!;
      let best = -1;
      let bestN = 0;
      let tied = false;
      for (let c = 0; c < 4; c++) {
        const n = c4[c]! - (c === own ? 1 : 0);
        if (n > bestN) {
          best = c;
          bestN = n;
          tied = false;
        } else if (n === bestN && n > 0) tied = true;
      }
      if (best < 0 || tied) continue;
      tables[t.labeller[i]!]![own * 4 + best]!++;
    }
  }

  const gold = Array.from({ length: L }, () => ({ correct: 0, n: 0 }));
  for (const [item, answer] of input.gold) {
    for (let l = 0; l < L; l++) {
      const r = verdictOf(l, item);
      if (!r) continue;
      if (answer.kind === 'pairwise' && r.kind === 'pairwise') {
        const g = {
          ...r,
          outcome: answer.outcome,
          chosen: answer.chosen,
          rejected: answer.rejected,
        };
        if (pairKey(g) !== pairKey(r)) continue;
        gold[l]!.n++;
        if (nominal(g) === nominal(r)) gold[l]!.correct++;
      } else if (answer.kind === 'ranking' && r.kind === 'ranking') {
        gold[l]!.n++;
        const top = (t: number[][]) => [...(t[0] ?? [])].sort().join(',');
        if (top(answer.tiers) === top(r.tiers)) gold[l]!.correct++;
      }
    }
  }

  const repeats = Array.from({ length: L }, () => ({ consistent: 0, n: 0, samePosition: 0 }));
  for (const rp of input.repeats) {
    const s = repeats[rp.labeller]!;
    s.n++;
    if (sameVerdict(rp.first, rp.second)) s.consistent++;
    else if (
      rp.first.kind === 'pairwise' &&
      rp.second.kind === 'pairwise' &&
      rp.first.leftWon !== null &&
      rp.first.leftWon === rp.second.leftWon
    )
      s.samePosition++;
  }

  const transitivity = Array.from({ length: L }, () => ({
    triples: 0,
    circular: 0,
    examples: [] as string[][],
  }));
  for (const g of input.promptGroups) {
    for (let l = 0; l < L; l++) {
      const comps: Comparison[] = [];
      const names = new Map<string, string>();
      for (const item of g.items) {
        const r = verdictOf(l, item);
        const keys = g.responseKeys.get(item);
        if (!r || r.kind !== 'pairwise' || r.outcome === 'both_bad' || !keys) continue;
        const a = keys[r.chosen]!;
        const b = keys[r.rejected]!;
        if (a === b) continue;
        for (const [k, idx] of [[a, r.chosen] as const, [b, r.rejected] as const])
          if (!names.has(k)) names.set(k, `${g.ids.get(item) ?? item} response ${idx + 1}`);
        comps.push([a, b, r.outcome === 'tie' ? 'tie' : a]);
      }
      if (comps.length < 3) continue;
      const t = circularTriads(comps, 3);
      const s = transitivity[l]!;
      s.triples += t.triples;
      s.circular += t.circular;
      for (const e of t.examples)
        if (s.examples.length < 3) s.examples.push(e.map((k) => names.get(k) ?? k));
    }
  }

  return input.labellers.map((who, l) => {
    const c = counts[l]!;
    const mine = times.subarray(timeAt[l], timeAt[l + 1]);
    const histogram = new Array<number>(TIME_BINS.length + 1).fill(0);
    for (let x = 0; x < mine.length; x++) {
      let bin = 0;
      while (bin < TIME_BINS.length && mine[x]! >= TIME_BINS[bin]!) bin++;
      histogram[bin]!++;
    }
    const [median, p10, p90] = quantilesOf(mine, [0.5, 0.1, 0.9]);
    const table = tables[l]!;
    let n = 0;
    let agree = 0;
    for (let x = 0; x < 16; x++) n += table[x]!;
    for (let c = 0; c < 4; c++) agree += table[c * 5]!;
    const rate = (a: number, n: number) => (n === 0 ? null : a / n);
    return {
      id: who.id,
      name: who.name,
      judgments: c.all,
      pairwise: c.pairwise,
      consensus: {
        agree,
        n,
        rate: rate(agree, n),
        kappa: cohenKappaFromTable(table, 4),
      },
      positionBias: {
        leftWins: c.left,
        n: c.prefs,
        rate: rate(c.left, c.prefs),
        interval: wilsonInterval(c.left, c.prefs),
      },
      tieRate: rate(c.ties, c.pairwise),
      bothBadRate: rate(c.bothBad, c.pairwise),
      time: {
        median: median ?? null,
        p10: p10 ?? null,
        p90: p90 ?? null,
        histogram,
      },
      gold: { ...gold[l]!, rate: rate(gold[l]!.correct, gold[l]!.n) },
      repeats: { ...repeats[l]!, rate: rate(repeats[l]!.consistent, repeats[l]!.n) },
      transitivity: transitivity[l]!,
    };
  });
}
