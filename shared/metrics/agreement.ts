/**
 * Agreement statistics over plain arrays, so anyone can check them against published values
 * without the app. An undefined statistic (no pairable data, a single category) is `null`,
 * never 0, 1 or NaN.
 */

export type Label = string | number;

export interface PercentAgreementOptions {
  /** Count ties as a category of their own (default), or leave out pairs where either side is a tie. */
  ties?: 'category' | 'exclude';
  /** The label that means "tie" (default 'tie'). */
  tieLabel?: Label;
}

/** Share of paired labels that agree. Pairs with a missing (null/undefined) side are skipped. */
export function percentAgreement(
  r1: ReadonlyArray<Label | null | undefined>,
  r2: ReadonlyArray<Label | null | undefined>,
  options: PercentAgreementOptions = {},
): number | null {
  if (r1.length !== r2.length)
    throw new RangeError(`paired arrays differ in length (${r1.length} vs ${r2.length})`);
  const tie = options.tieLabel ?? 'tie';
  let pairs = 0;
  let agree = 0;
  for (let i = 0; i < r1.length; i++) {
    const a = r1[i];
    const b = r2[i];
    if (a === null || a === undefined || b === null || b === undefined) continue;
    if (options.ties === 'exclude' && (a === tie || b === tie)) continue;
    pairs++;
    if (a === b) agree++;
  }
  return pairs === 0 ? null : agree / pairs;
}

export type AlphaLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

/**
 * Krippendorff's alpha for units × raters data with missing values (null/undefined), at the
 * nominal, ordinal, interval or ratio level (Krippendorff 2011, "Computing Krippendorff's
 * alpha-reliability"). Ordinal, interval and ratio need numeric values.
 *
 * Built from the coincidence matrix: each unit with m ≥ 2 values contributes every ordered
 * pair of its values with weight 1/(m − 1). alpha = 1 − D_o / D_e.
 */
export function krippendorffAlpha(
  units: ReadonlyArray<ReadonlyArray<Label | null | undefined>>,
  level: AlphaLevel = 'nominal',
): number | null {
  // Distinct values, sorted (numerically where possible) for the ordinal metric.
  const values: Label[] = [];
  const index = new Map<Label, number>();
  const pairable: Label[][] = [];
  for (const unit of units) {
    const vs = unit.filter((v): v is Label => v !== null && v !== undefined);
    if (vs.length < 2) continue;
    if (level !== 'nominal' && vs.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
      throw new TypeError(`${level} alpha needs finite numeric values`);
    }
    pairable.push(vs);
    for (const v of vs) if (!index.has(v)) index.set(v, values.push(v) - 1);
  }
  if (pairable.length === 0) return null;
  const order = values.map((_, i) => i).sort((a, b) => compare(values[a]!, values[b]!));
  const sorted = order.map((i) => values[i]!);
  const pos = new Map(sorted.map((v, i) => [v, i]));
  const k = sorted.length;

  // Coincidence matrix o[c][d] over sorted value positions.
  const o = Array.from({ length: k }, () => new Float64Array(k));
  for (const vs of pairable) {
    const w = 1 / (vs.length - 1);
    for (let i = 0; i < vs.length; i++) {
      for (let j = 0; j < vs.length; j++) {
        if (i !== j) o[pos.get(vs[i]!)!]![pos.get(vs[j]!)!]! += w;
      }
    }
  }
  return alphaFromCoincidences(o, sorted, level);
}

/**
 * Krippendorff's alpha from a coincidence matrix `o` (k × k over the sorted distinct
 * `values`), for callers that accumulate coincidences themselves (the review pipeline does,
 * over 100k units, without building per-unit arrays). Null when undefined.
 */
export function alphaFromCoincidences(
  o: ReadonlyArray<ArrayLike<number>>,
  values: readonly Label[],
  level: AlphaLevel,
): number | null {
  const k = values.length;
  const nc: number[] = [];
  for (let c = 0; c < k; c++) {
    let sum = 0;
    for (let d = 0; d < k; d++) sum += o[c]![d]!;
    nc.push(sum);
  }
  const n = nc.reduce((s, x) => s + x, 0);
  if (n < 2) return null;

  const delta2 = metric(level, values as Label[], nc);
  let dO = 0;
  let dE = 0;
  for (let c = 0; c < k; c++) {
    for (let d = 0; d < k; d++) {
      const w = delta2(c, d);
      dO += o[c]![d]! * w;
      dE += nc[c]! * nc[d]! * w;
    }
  }
  dO /= n;
  dE /= n * (n - 1);
  if (dE === 0) return null; // one value only: agreement is undefined, not perfect
  return 1 - dO / dE;
}

function compare(a: Label, b: Label): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** The squared difference function δ² for a level, over sorted value positions. */
function metric(
  level: AlphaLevel,
  sorted: Label[],
  nc: number[],
): (c: number, d: number) => number {
  switch (level) {
    case 'nominal':
      return (c, d) => (c === d ? 0 : 1);
    case 'interval':
      return (c, d) => ((sorted[c] as number) - (sorted[d] as number)) ** 2;
    case 'ratio':
      return (c, d) => {
        const a = sorted[c] as number;
        const b = sorted[d] as number;
        return a + b === 0 ? 0 : ((a - b) / (a + b)) ** 2;
      };
    case 'ordinal': {
      // δ²(c, d) = (Σ_{g=c..d} n_g − (n_c + n_d) / 2)²
      const prefix = [0];
      for (const x of nc) prefix.push(prefix[prefix.length - 1]! + x);
      return (c, d) => {
        const lo = Math.min(c, d);
        const hi = Math.max(c, d);
        return (prefix[hi + 1]! - prefix[lo]! - (nc[c]! + nc[d]!) / 2) ** 2;
      };
    }
  }
}

/** Paired, non-missing label pairs of two raters; throws on arrays of different lengths. */
function pairsOf<T>(
  r1: ReadonlyArray<T | null | undefined>,
  r2: ReadonlyArray<T | null | undefined>,
): Array<[T, T]> {
  if (r1.length !== r2.length)
    throw new RangeError(`paired arrays differ in length (${r1.length} vs ${r2.length})`);
  const out: Array<[T, T]> = [];
  for (let i = 0; i < r1.length; i++) {
    const a = r1[i];
    const b = r2[i];
    if (a !== null && a !== undefined && b !== null && b !== undefined) out.push([a, b]);
  }
  return out;
}

/**
 * Cohen's kappa for two raters over nominal labels (Cohen 1960): (p_o − p_e) / (1 − p_e),
 * with p_e from each rater's own marginals. Pairs with a missing side are skipped. Undefined
 * (null) without pairs, or when chance agreement is certain (both raters used one and the
 * same category only), where the ratio is 0/0.
 */
export function cohenKappa(
  r1: ReadonlyArray<Label | null | undefined>,
  r2: ReadonlyArray<Label | null | undefined>,
): number | null {
  const pairs = pairsOf(r1, r2);
  const cats = new Map<Label, number>();
  for (const [a, b] of pairs) {
    if (!cats.has(a)) cats.set(a, cats.size);
    if (!cats.has(b)) cats.set(b, cats.size);
  }
  const k = cats.size;
  const table = new Float64Array(k * k);
  for (const [a, b] of pairs) table[cats.get(a)! * k + cats.get(b)!]!++;
  return cohenKappaFromTable(table, k);
}

/** Cohen's kappa from a k × k contingency table (rows: rater 1, row-major). */
export function cohenKappaFromTable(table: ArrayLike<number>, k: number): number | null {
  let n = 0;
  let agree = 0;
  const row = new Float64Array(k);
  const col = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const x = table[i * k + j]!;
      n += x;
      row[i]! += x;
      col[j]! += x;
      if (i === j) agree += x;
    }
  }
  if (n === 0) return null;
  let pe = 0;
  for (let i = 0; i < k; i++) pe += (row[i]! / n) * (col[i]! / n);
  if (pe >= 1 - 1e-12) return null;
  return (agree / n - pe) / (1 - pe);
}

export interface WeightedKappaOptions {
  /** The ordered categories, lowest first (e.g. [-3, -2, -1, 0, 1, 2, 3]); labels outside it are an error. */
  scale: readonly Label[];
  weights: 'linear' | 'quadratic';
}

/**
 * Weighted kappa for two raters on an ordered scale (Cohen 1968): 1 − Σ v·o / Σ v·e, where
 * v(i, j) is |i − j| / (k − 1) (linear) or its square (quadratic) over scale positions, o the
 * observed and e the chance proportions. Undefined (null) without pairs or when no
 * disagreement is possible by chance (a single category used by both).
 */
export function weightedKappa(
  r1: ReadonlyArray<Label | null | undefined>,
  r2: ReadonlyArray<Label | null | undefined>,
  options: WeightedKappaOptions,
): number | null {
  const k = options.scale.length;
  if (k < 2) throw new RangeError('weighted kappa needs a scale of at least two categories');
  const pos = new Map(options.scale.map((c, i) => [c, i]));
  const table = new Float64Array(k * k);
  for (const [a, b] of pairsOf(r1, r2)) {
    const i = pos.get(a);
    const j = pos.get(b);
    if (i === undefined || j === undefined)
      throw new RangeError(`label ${String(i === undefined ? a : b)} is not on the scale`);
    table[i * k + j]!++;
  }
  return weightedKappaFromTable(table, k, options.weights);
}

/** Weighted kappa from a k × k contingency table over scale positions (row-major). */
export function weightedKappaFromTable(
  obs: ArrayLike<number>,
  k: number,
  weights: 'linear' | 'quadratic',
): number | null {
  let n = 0;
  const row = new Float64Array(k);
  const col = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const x = obs[i * k + j]!;
      n += x;
      row[i]! += x;
      col[j]! += x;
    }
  }
  if (n === 0) return null;
  const v = (i: number, j: number) => {
    const d = Math.abs(i - j) / (k - 1);
    return weights === 'linear' ? d : d * d;
  };
  let dObs = 0;
  let dExp = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const w = v(i, j);
      dObs += (w * obs[i * k + j]!) / n;
      dExp += (w * row[i]! * col[j]!) / (n * n);
    }
  }
  if (dExp <= 1e-15) return null;
  return 1 - dObs / dExp;
}

/**
 * Fleiss' kappa for many raters (Fleiss 1971) over units × raters with null for missing.
 * Units with fewer than two ratings are left out. Fleiss assumed the same number of ratings
 * per unit; with varying numbers, each unit's agreement P_i uses its own count and P̄ is
 * their unweighted mean (with a constant count this is exactly Fleiss' statistic).
 * Undefined (null) without such units or when every rating is one category.
 */
export function fleissKappa(
  units: ReadonlyArray<ReadonlyArray<Label | null | undefined>>,
): number | null {
  const totals = new Map<Label, number>();
  let sumP = 0;
  let nUnits = 0;
  let nRatings = 0;
  const counts = new Map<Label, number>();
  for (const unit of units) {
    counts.clear();
    let m = 0;
    for (const v of unit) {
      if (v === null || v === undefined) continue;
      counts.set(v, (counts.get(v) ?? 0) + 1);
      m++;
    }
    if (m < 2) continue;
    let sq = 0;
    for (const [c, x] of counts) {
      sq += x * x;
      totals.set(c, (totals.get(c) ?? 0) + x);
    }
    sumP += (sq - m) / (m * (m - 1));
    nUnits++;
    nRatings += m;
  }
  if (nUnits === 0) return null;
  let pe = 0;
  for (const x of totals.values()) pe += (x / nRatings) ** 2;
  if (pe >= 1 - 1e-12) return null;
  return (sumP / nUnits - pe) / (1 - pe);
}
