import {
  alphaFromCoincidences,
  cohenKappaFromTable,
  kendallTauB,
  kendallW,
  krippendorffAlpha,
  spearmanRho,
  weightedKappaFromTable,
  type Label,
} from '../metrics/index';
import {
  PAIRWISE,
  RANKING,
  recordAt,
  responseCount,
  type AnalysisInput,
  type RankingRecord,
  type RatingRecord,
} from './input';
import { computeJudgeCalibration, type SliceColumn } from './judge-calibration';
import { labellerStats, TIME_BINS } from './labeller-stats';
import { ranksOf } from './labels';
import { groupPairUnits, OFF_SCALE, TIE, type PairUnits } from './pairwise-units';
import { QueueBuilder, type PackedQueue } from './queue-pack';
import type { AgreementReport, Figure } from './report';

/**
 * Every agreement figure of the review screen, and the disagreement queue, from the current
 * judgments. Pure: the worker thread, the CLI and the tests call exactly this. Pairwise
 * units are walked once, accumulating contingency tables and coincidence matrices, so 100k
 * items × 3 labellers take a fraction of a second. The queue comes packed (see queue-pack):
 * its labels are written per page, not for every disagreeing item.
 */
export function computeAgreement(
  input: AnalysisInput,
  now = Date.now(),
  /** The metadata field the judges' agreement is sliced by, with its values per item. */
  slice: SliceColumn | null = null,
): { report: Omit<AgreementReport, 'computeMs'>; queue: PackedQueue } {
  const L = input.labellers.length;
  const t = input.judgments;
  const rankings = new Map<number, RankingRecord[]>();
  const ratings = new Map<number, RatingRecord[]>();
  const judged = new Uint8Array(input.items.count);
  let judgedItems = 0;
  let maxStrength = 0;
  let pairwiseCount = 0;
  for (let r = 0; r < t.length; r++) {
    const item = t.item[r]!;
    if (!judged[item]) {
      judged[item] = 1;
      judgedItems++;
    }
    const kind = t.kind[r]!;
    if (kind === PAIRWISE) {
      pairwiseCount++;
      if (t.strength[r]! > maxStrength) maxStrength = t.strength[r]!;
    } else if (kind === RANKING) push(rankings, item, recordAt(t, r) as RankingRecord);
    else push(ratings, item, recordAt(t, r) as RatingRecord);
  }
  const units = groupPairUnits(t, input.items.count);
  const levels = Math.max(1, input.strengthLevels, maxStrength);
  const pw = pairwisePass(units, L, levels);
  let sharedItems = pw.sharedItems;
  for (const [item, rs] of rankings) if (rs.length >= 2 && !pw.sharedMask[item]) sharedItems++;
  for (const [item, rs] of ratings)
    if (rs.length >= 2 && !pw.sharedMask[item] && !((rankings.get(item)?.length ?? 0) >= 2))
      sharedItems++;

  const tasks: AgreementReport['tasks'] = [];
  if (pairwiseCount > 0)
    tasks.push({
      task: 'pairwise',
      judgments: pairwiseCount,
      sharedItems: pw.sharedItems,
      figures: pw.figures,
    });
  if (rankings.size > 0) tasks.push(rankingAgreement(rankings, input));
  if (ratings.size > 0) tasks.push(ratingAgreement(ratings));

  const queue = disagreementQueue(input, units, pw.shared, rankings, levels);
  return {
    report: {
      computedAt: now,
      counts: {
        items: input.totalItems,
        judgedItems,
        sharedItems,
        judgments: t.length,
        labellers: L,
        adjudicated: input.adjudicated,
        disagreements: queue.seq.length,
      },
      labellers: input.labellers,
      tasks,
      criteria: criterionAgreement(units, pw.shared),
      pairs: pw.pairs,
      overTime: overTime(units, pw.shared),
      perLabeller: labellerStats(input, units, pw.shared),
      timeBins: TIME_BINS,
      judges: computeJudgeCalibration(input, units, slice),
      judgeSlicesBy: slice?.field ?? null,
    },
    queue,
  };
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const a = m.get(k);
  if (a) a.push(v);
  else m.set(k, [v]);
}

function mean(values: Array<number | null>): number | null {
  const v = values.filter((x): x is number => x !== null);
  return v.length === 0 ? null : v.reduce((s, x) => s + x, 0) / v.length;
}

function upper(m: Array<Array<number | null>>): Array<number | null> {
  const out: Array<number | null> = [];
  for (let a = 0; a < m.length; a++) for (let b = a + 1; b < m.length; b++) out.push(m[a]![b]!);
  return out;
}

function matrix(k: number): Float64Array[] {
  return Array.from({ length: k }, () => new Float64Array(k));
}

/** Add one unit's category counts to a coincidence matrix (each ordered pair of its values, weight 1/(m − 1)). */
function addCoincidences(o: Float64Array[], counts: ArrayLike<number>, m: number): void {
  if (m < 2) return;
  const k = o.length;
  for (let c = 0; c < k; c++) {
    const nc = counts[c]!;
    if (nc === 0) continue;
    for (let d = 0; d < k; d++) {
      const nd = counts[d]!;
      if (nd === 0) continue;
      o[c]![d]! += (c === d ? nc * (nc - 1) : nc * nd) / (m - 1);
    }
  }
}

/** Fleiss' kappa from accumulated per-unit agreement and category totals (as `fleissKappa`). */
function fleissFrom(
  sumP: number,
  units: number,
  totals: ArrayLike<number>,
  ratings: number,
): number | null {
  let pe = 0;
  for (let c = 0; c < totals.length; c++) pe += (totals[c]! / ratings) ** 2;
  return units === 0 || pe >= 1 - 1e-12 ? null : (sumP / units - pe) / (1 - pe);
}

/** Agreeing and total rater pairs from category counts. */
function pairCounts(counts: ArrayLike<number>, m: number): [agree: number, total: number] {
  let agree = 0;
  for (let c = 0; c < counts.length; c++) agree += (counts[c]! * (counts[c]! - 1)) / 2;
  return [agree, (m * (m - 1)) / 2];
}

/** The one walk over pairwise units that every pairwise figure comes from. */
function pairwisePass(u: PairUnits, L: number, levels: number) {
  const K = 2 * levels + 1;
  const oNom = matrix(4);
  const oSig = matrix(K);
  const totals = new Float64Array(4);
  let fleissSum = 0;
  let fleissUnits = 0;
  let fleissRatings = 0;
  let agree = 0;
  let total = 0;
  let agreeNoTie = 0;
  let totalNoTie = 0;
  const nomTables = Array.from({ length: L * L }, () => new Float64Array(16));
  const sigTables = Array.from({ length: L * L }, () => new Float64Array(K * K));
  const shared: number[] = [];
  const sharedMask = new Uint8Array(u.unitItem.length ? u.unitItem[u.count - 1]! + 1 : 0);
  let sharedItems = 0;
  const c4 = new Float64Array(4);
  const cK = new Float64Array(K);
  for (let x = 0; x < u.count; x++) {
    const from = u.starts[x]!;
    const to = u.starts[x + 1]!;
    const m = to - from;
    if (m < 2) continue;
    shared.push(x);
    if (!sharedMask[u.unitItem[x]!]) {
      sharedMask[u.unitItem[x]!] = 1;
      sharedItems++;
    }
    c4.fill(0);
    cK.fill(0);
    let onScale = 0;
    for (let y = from; y < to; y++) {
      const i = u.order[y]!;
      c4[u.code[i]!]!++;
      if (u.sgn[i] !== OFF_SCALE) {
        cK[u.sgn[i]! + levels]!++;
        onScale++;
      }
      const la = u.t.labeller[i]!;
      for (let z = from; z < to; z++) {
        const j = u.order[z]!;
        const lb = u.t.labeller[j]!;
        if (la >= lb) continue;
        nomTables[la * L + lb]![u.code[i]! * 4 + u.code[j]!]!++;
        if (u.sgn[i] !== OFF_SCALE && u.sgn[j] !== OFF_SCALE)
          sigTables[la * L + lb]![(u.sgn[i]! + levels) * K + u.sgn[j]! + levels]!++;
      }
    }
    let sq = 0;
    for (let c = 0; c < 4; c++) {
      sq += c4[c]! * c4[c]!;
      totals[c]! += c4[c]!;
    }
    fleissSum += (sq - m) / (m * (m - 1));
    fleissUnits++;
    fleissRatings += m;
    addCoincidences(oNom, c4, m);
    addCoincidences(oSig, cK, onScale);
    const [a, t] = pairCounts(c4, m);
    agree += a;
    total += t;
    const ties = c4[TIE]!;
    const noTie = m - ties;
    agreeNoTie += a - (ties * (ties - 1)) / 2;
    totalNoTie += (noTie * (noTie - 1)) / 2;
  }
  const fleiss = fleissFrom(fleissSum, fleissUnits, totals, fleissRatings);

  const grid = (f: (a: number, b: number) => number | null): Array<Array<number | null>> =>
    Array.from({ length: L }, (_, a) =>
      Array.from({ length: L }, (_, b) => (a === b ? null : a < b ? f(a, b) : f(b, a))),
    );
  const pairs: AgreementReport['pairs'] = {
    cohenKappa: grid((a, b) => cohenKappaFromTable(nomTables[a * L + b]!, 4)),
    weightedLinear: grid((a, b) => weightedKappaFromTable(sigTables[a * L + b]!, K, 'linear')),
    weightedQuadratic: grid((a, b) =>
      weightedKappaFromTable(sigTables[a * L + b]!, K, 'quadratic'),
    ),
    percent: grid((a, b) => {
      const t = nomTables[a * L + b]!;
      const n = t.reduce((s, v) => s + v, 0);
      return n === 0 ? null : (t[0]! + t[5]! + t[10]! + t[15]!) / n;
    }),
    shared: Array.from({ length: L }, (_, a) =>
      Array.from({ length: L }, (_, b) =>
        a === b ? 0 : nomTables[Math.min(a, b) * L + Math.max(a, b)]!.reduce((s, v) => s + v, 0),
      ),
    ),
  };
  const scale = Array.from({ length: K }, (_, i) => i - levels);
  const n = shared.length;
  const fig = (key: string, label: string, value: number | null): Figure => ({
    key,
    label,
    value,
    units: n,
  });
  const figures = [
    fig('percent', 'Percent agreement (ties a category)', total ? agree / total : null),
    fig(
      'percent-no-ties',
      'Percent agreement (ties left out)',
      totalNoTie ? agreeNoTie / totalNoTie : null,
    ),
    fig('fleiss-kappa', "Fleiss' κ", fleiss),
    fig('light-kappa', "Mean pairwise Cohen's κ (Light's κ)", mean(upper(pairs.cohenKappa))),
    fig(
      'alpha-nominal',
      "Krippendorff's α (nominal)",
      alphaFromCoincidences(oNom, [0, 1, 2, 3], 'nominal'),
    ),
    // The strength scale runs from "first response much better" to "second much better".
    fig('weighted-kappa-linear', 'Mean weighted κ (linear)', mean(upper(pairs.weightedLinear))),
    fig(
      'weighted-kappa-quadratic',
      'Mean weighted κ (quadratic)',
      mean(upper(pairs.weightedQuadratic)),
    ),
    fig(
      'alpha-ordinal',
      `Krippendorff's α (ordinal, ${K}-point scale)`,
      alphaFromCoincidences(oSig, scale, 'ordinal'),
    ),
    fig(
      'alpha-interval',
      "Krippendorff's α (interval)",
      alphaFromCoincidences(oSig, scale, 'interval'),
    ),
  ];
  return { figures, pairs, shared, sharedItems, sharedMask };
}

function criterionAgreement(u: PairUnits, shared: number[]): AgreementReport['criteria'] {
  const names = new Set<string>();
  const criteriaOf = (row: number) => u.t.detail[row] as Record<string, number | 'tie'> | null;
  const seen = new Set<object>();
  for (let y = 0; y < u.order.length; y++) {
    const c = criteriaOf(u.order[y]!);
    if (c && !seen.has(c)) {
      seen.add(c);
      for (const name of Object.keys(c)) names.add(name);
    }
  }
  return [...names].sort().map((criterion) => {
    // Codes relative to the unit's pair: 0 the lower-index response, 1 the other, 2 tie.
    const o = matrix(3);
    const totals = new Float64Array(3);
    const c3 = new Float64Array(3);
    let units = 0;
    let fleissSum = 0;
    let ratings = 0;
    let agree = 0;
    let total = 0;
    for (const x of shared) {
      c3.fill(0);
      let m = 0;
      for (let y = u.starts[x]!; y < u.starts[x + 1]!; y++) {
        const v = criteriaOf(u.order[y]!)?.[criterion];
        if (v === undefined) continue;
        c3[v === 'tie' ? 2 : v === u.unitLo[x] ? 0 : 1]!++;
        m++;
      }
      if (m < 2) continue;
      units++;
      ratings += m;
      let sq = 0;
      for (let c = 0; c < 3; c++) {
        sq += c3[c]! * c3[c]!;
        totals[c]! += c3[c]!;
      }
      fleissSum += (sq - m) / (m * (m - 1));
      addCoincidences(o, c3, m);
      const [a, t] = pairCounts(c3, m);
      agree += a;
      total += t;
    }
    const fleiss = fleissFrom(fleissSum, units, totals, ratings);
    return {
      criterion,
      figures: [
        { key: 'percent', label: 'Percent agreement', value: total ? agree / total : null, units },
        { key: 'fleiss-kappa', label: "Fleiss' κ", value: fleiss, units },
        {
          key: 'alpha-nominal',
          label: "Krippendorff's α (nominal)",
          value: alphaFromCoincidences(o, [0, 1, 2], 'nominal'),
          units,
        },
      ],
    };
  });
}

function rankingAgreement(rankings: Map<number, RankingRecord[]>, input: AnalysisInput) {
  const taus: number[] = [];
  const rhos: number[] = [];
  const ws: number[] = [];
  const alphaUnits: Array<Array<number | null>> = [];
  let judgments = 0;
  let sharedItems = 0;
  for (const [item, rs] of rankings) {
    judgments += rs.length;
    if (rs.length < 2) continue;
    sharedItems++;
    const count = responseCount(input, item);
    const ranks = rs.map((r) => ranksOf(r.tiers, count));
    for (let a = 0; a < ranks.length; a++) {
      for (let b = a + 1; b < ranks.length; b++) {
        const t = kendallTauB(ranks[a]!, ranks[b]!);
        const s = spearmanRho(ranks[a]!, ranks[b]!);
        if (t !== null) taus.push(t);
        if (s !== null) rhos.push(s);
      }
    }
    const w = kendallW(ranks);
    if (w !== null) ws.push(w);
    for (let i = 0; i < count; i++) alphaUnits.push(ranks.map((r) => r[i]!));
  }
  return {
    task: 'ranking' as const,
    judgments,
    sharedItems,
    figures: [
      {
        key: 'kendall-tau-b',
        label: "Mean pairwise Kendall's τ-b",
        value: mean(taus),
        units: taus.length,
      },
      {
        key: 'spearman-rho',
        label: "Mean pairwise Spearman's ρ",
        value: mean(rhos),
        units: rhos.length,
      },
      {
        key: 'kendall-w',
        label: "Mean Kendall's W (tie-corrected)",
        value: mean(ws),
        units: ws.length,
      },
      {
        key: 'alpha-ordinal',
        label: "Krippendorff's α (ordinal, item × response)",
        value: krippendorffAlpha(alphaUnits, 'ordinal'),
        units: alphaUnits.length,
      },
    ],
  };
}

function ratingAgreement(ratings: Map<number, RatingRecord[]>) {
  const aspects = new Map<string, Array<Array<number | null>>>();
  const thumbs: Array<Array<Label | null>> = [];
  let judgments = 0;
  let sharedItems = 0;
  for (const rs of ratings.values()) {
    judgments += rs.length;
    if (rs.length < 2) continue;
    sharedItems++;
    const idxs = new Set(rs.flatMap((r) => r.ratings.map((x) => x.idx)));
    const names = new Set(rs.flatMap((r) => r.ratings.flatMap((x) => Object.keys(x.aspects))));
    for (const idx of idxs) {
      const cell = (r: RatingRecord) => r.ratings.find((x) => x.idx === idx);
      for (const name of names) {
        let list = aspects.get(name);
        if (!list) aspects.set(name, (list = []));
        list.push(rs.map((r) => cell(r)?.aspects[name] ?? null));
      }
      const t = rs.map((r) => cell(r)?.thumb ?? null);
      if (t.some((x) => x !== null)) thumbs.push(t);
    }
  }
  const figures: Figure[] = [...aspects.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, units]) => ({
      key: `alpha-interval:${name}`,
      label: `Krippendorff's α (interval) — ${name}`,
      value: krippendorffAlpha(units, 'interval'),
      units: units.length,
    }));
  if (thumbs.length)
    figures.push({
      key: 'alpha-thumbs',
      label: "Krippendorff's α (nominal) — thumbs",
      value: krippendorffAlpha(thumbs),
      units: thumbs.length,
    });
  return { task: 'rating' as const, judgments, sharedItems, figures };
}

const DAY = 86_400_000;

/** Agreement by when units were completed, in day, week or month buckets (at most ~24). */
function overTime(u: PairUnits, shared: number[]): AgreementReport['overTime'] {
  if (shared.length === 0) return { bucket: 'day', points: [] };
  const done = new Float64Array(shared.length);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < shared.length; i++) {
    const x = shared[i]!;
    let t = -Infinity;
    for (let y = u.starts[x]!; y < u.starts[x + 1]!; y++) {
      const at = u.t.createdAt[u.order[y]!]!;
      if (at > t) t = at;
    }
    done[i] = t;
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  const span = hi - lo;
  const bucket: 'day' | 'week' | 'month' =
    span <= 24 * DAY ? 'day' : span <= 24 * 7 * DAY ? 'week' : 'month';
  // Bucket starts by arithmetic on day numbers (1970-01-01 was a Thursday); a Date only
  // for a month, once per distinct day.
  let lastDay = NaN;
  let lastStart = 0;
  const startOf = (t: number) => {
    const dayNo = Math.floor(t / DAY);
    if (bucket === 'day') return dayNo * DAY;
    if (bucket === 'week') return (dayNo - ((dayNo + 3) % 7)) * DAY;
    if (dayNo !== lastDay) {
      const d = new Date(t);
      lastDay = dayNo;
      lastStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    }
    return lastStart;
  };
  const groups = new Map<
    number,
    { o: Float64Array[]; units: number; agree: number; total: number }
  >();
  const c4 = new Float64Array(4);
  let lastKey = NaN;
  let g: { o: Float64Array[]; units: number; agree: number; total: number } | undefined;
  for (let i = 0; i < shared.length; i++) {
    const x = shared[i]!;
    const key = startOf(done[i]!);
    if (key !== lastKey) {
      g = groups.get(key);
      if (!g) groups.set(key, (g = { o: matrix(4), units: 0, agree: 0, total: 0 }));
      lastKey = key;
    }
    c4.fill(0);
    const m = u.starts[x + 1]! - u.starts[x]!;
    for (let y = u.starts[x]!; y < u.starts[x + 1]!; y++) c4[u.code[u.order[y]!]!]!++;
    addCoincidences(g!.o, c4, m);
    let agree = 0;
    for (let c = 0; c < 4; c++) agree += (c4[c]! * (c4[c]! - 1)) / 2;
    g!.units++;
    g!.agree += agree;
    g!.total += (m * (m - 1)) / 2;
  }
  return {
    bucket,
    points: [...groups.entries()]
      .sort(([a], [b]) => a - b)
      .map(([start, g]) => ({
        start,
        units: g.units,
        alpha: alphaFromCoincidences(g.o, [0, 1, 2, 3], 'nominal'),
        percent: g.total ? g.agree / g.total : null,
      })),
  };
}

function disagreementQueue(
  input: AnalysisInput,
  u: PairUnits,
  shared: number[],
  rankings: Map<number, RankingRecord[]>,
  levels: number,
): PackedQueue {
  const q = new QueueBuilder(input.items.count, shared.length + rankings.size);
  const tally = new Int32Array(4);
  for (const x of shared) {
    const from = u.starts[x]!;
    const to = u.starts[x + 1]!;
    let pairs = 0;
    let differ = 0;
    let dist = 0;
    let distPairs = 0;
    for (let a = from; a < to; a++) {
      const i = u.order[a]!;
      for (let b = a + 1; b < to; b++) {
        const j = u.order[b]!;
        pairs++;
        if (u.code[i] !== u.code[j]) differ++;
        if (u.sgn[i] !== OFF_SCALE && u.sgn[j] !== OFF_SCALE) {
          dist += Math.abs(u.sgn[i]! - u.sgn[j]!);
          distPairs++;
        }
      }
    }
    const score = differ / pairs;
    const spread = distPairs ? dist / distPairs / (2 * levels) : 0;
    if (score === 0 && spread === 0) continue;
    tally.fill(0);
    for (let a = from; a < to; a++) tally[u.code[u.order[a]!]!]!++;
    // An item with several compared pairs is listed once, by its most disputed pair.
    q.offer(u.unitItem[x]!, score, spread, to - from, u.unitLo[x]!, u.unitHi[x]!, tally);
  }
  for (const [item, rs] of rankings) {
    if (rs.length < 2) continue;
    const count = responseCount(input, item);
    const ranks = rs.map((r) => ranksOf(r.tiers, count));
    const taus: number[] = [];
    for (let a = 0; a < ranks.length; a++)
      for (let b = a + 1; b < ranks.length; b++) {
        const t = kendallTauB(ranks[a]!, ranks[b]!);
        if (t !== null) taus.push(t);
      }
    const tau = mean(taus);
    if (tau === null || tau >= 1) continue;
    const counts: Record<string, number> = {};
    for (const r of rs) {
      const top = `Response ${r.tiers[0]!.map((i) => i + 1).join(' = ')} first`;
      counts[top] = (counts[top] ?? 0) + 1;
    }
    q.set(item, (1 - tau) / 2, 0, rs.length, counts);
  }
  return q.pack((item) => input.items.seq[item]!);
}
