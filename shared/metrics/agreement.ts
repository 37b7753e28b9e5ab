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
  const nc = o.map((row) => row.reduce((s, x) => s + x, 0));
  const n = nc.reduce((s, x) => s + x, 0);
  if (n < 2) return null;

  const delta2 = metric(level, sorted, nc);
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
