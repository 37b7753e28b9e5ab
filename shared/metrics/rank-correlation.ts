/**
 * Agreement between rankings: Kendall's tau-b and Spearman's rho for two rankers, Kendall's
 * W for many. Inputs are plain numbers (ranks or scores; only their order matters, ties
 * allowed). Undefined cases return null, never 0, 1 or NaN.
 */

type Num = number | null | undefined;

function pairedNumbers(x: readonly Num[], y: readonly Num[]): Array<[number, number]> {
  if (x.length !== y.length)
    throw new RangeError(`paired arrays differ in length (${x.length} vs ${y.length})`);
  const out: Array<[number, number]> = [];
  for (let i = 0; i < x.length; i++) {
    const a = x[i];
    const b = y[i];
    if (a === null || a === undefined || b === null || b === undefined) continue;
    if (!Number.isFinite(a) || !Number.isFinite(b))
      throw new TypeError('rank correlations need finite numbers');
    out.push([a, b]);
  }
  return out;
}

/**
 * Kendall's tau-b (Kendall 1945): (concordant − discordant) / √((n₀ − n₁)(n₀ − n₂)), where n₁
 * and n₂ count the pairs tied in x and in y. Pairs with a missing side are skipped. O(n²):
 * meant for the handful of responses an item has. Null with fewer than two pairs or when
 * either side is constant.
 */
export function kendallTauB(x: readonly Num[], y: readonly Num[]): number | null {
  const p = pairedNumbers(x, y);
  const n = p.length;
  if (n < 2) return null;
  let s = 0;
  let tx = 0;
  let ty = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = Math.sign(p[i]![0] - p[j]![0]);
      const dy = Math.sign(p[i]![1] - p[j]![1]);
      if (dx === 0) tx++;
      if (dy === 0) ty++;
      s += dx * dy;
    }
  }
  const n0 = (n * (n - 1)) / 2;
  const den = Math.sqrt((n0 - tx) * (n0 - ty));
  return den === 0 ? null : s / den;
}

/** Ranks 1..n of the values, ties sharing their average rank. */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]!] === values[order[i]!]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]!] = r;
    i = j + 1;
  }
  return ranks;
}

/** Spearman's rho: Pearson's correlation of the average ranks. Null with fewer than two pairs or a constant side. */
export function spearmanRho(x: readonly Num[], y: readonly Num[]): number | null {
  const p = pairedNumbers(x, y);
  if (p.length < 2) return null;
  const rx = averageRanks(p.map((v) => v[0]));
  const ry = averageRanks(p.map((v) => v[1]));
  const mean = (p.length + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < p.length; i++) {
    const a = rx[i]! - mean;
    const b = ry[i]! - mean;
    sxy += a * b;
    sxx += a * a;
    syy += b * b;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

export interface KendallWOptions {
  /** Correct for ties (Kendall & Babington Smith 1939; default true). */
  tieCorrection?: boolean;
}

/**
 * Kendall's coefficient of concordance W for m rankers × n objects: 12S / (m²(n³ − n) − m·ΣT),
 * with S the squared deviations of the objects' rank sums from their mean and T = Σ(t³ − t)
 * over each ranker's groups of t ties (0 without tie correction). Each row is re-ranked
 * (average ranks), so scores work as well as ranks. Objects missing from any row are left
 * out. Null with fewer than two rankers or objects, or when every ranker ties everything.
 */
export function kendallW(
  rankings: ReadonlyArray<readonly Num[]>,
  options: KendallWOptions = {},
): number | null {
  const m = rankings.length;
  if (m < 2) return null;
  const width = rankings[0]!.length;
  for (const r of rankings)
    if (r.length !== width) throw new RangeError('every ranking must list the same objects');
  const keep: number[] = [];
  for (let j = 0; j < width; j++) {
    if (rankings.every((r) => r[j] !== null && r[j] !== undefined && Number.isFinite(r[j])))
      keep.push(j);
  }
  const n = keep.length;
  if (n < 2) return null;
  const sums = new Float64Array(n);
  let ties = 0;
  for (const r of rankings) {
    const values = keep.map((j) => r[j] as number);
    const ranks = averageRanks(values);
    for (let j = 0; j < n; j++) sums[j]! += ranks[j]!;
    if (options.tieCorrection !== false) {
      const counts = new Map<number, number>();
      for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
      for (const t of counts.values()) ties += t ** 3 - t;
    }
  }
  const mean = (m * (n + 1)) / 2;
  let s = 0;
  for (const x of sums) s += (x - mean) ** 2;
  const den = m * m * (n ** 3 - n) - m * ties;
  return den <= 0 ? null : (12 * s) / den;
}
