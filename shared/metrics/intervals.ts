/** Intervals for proportions and resampled statistics. */

export interface Interval {
  /** null: unbounded on that side (e.g. a bootstrap where the statistic diverged). */
  lower: number | null;
  upper: number | null;
  level: number;
}

/** z for a two-sided interval at `level` (0.95 → 1.95996…), by Acklam's inverse normal. */
export function zFor(level: number): number {
  return inverseNormal(1 - (1 - level) / 2);
}

/**
 * Wilson score interval for a binomial proportion (Wilson 1927): well-behaved near 0 and 1
 * and for small n, unlike the Wald interval. Null without trials.
 */
export function wilsonInterval(successes: number, n: number, level = 0.95): Interval | null {
  if (n <= 0) return null;
  const z = zFor(level);
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half), level };
}

/**
 * The q-quantile (0..1) of sorted values by linear interpolation (type 7, as R and NumPy
 * default). Infinite values count as unbounded: a quantile landing on one is null.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return null;
  return a + (h - lo) * (b - a);
}

function inverseNormal(p: number): number {
  // Acklam's rational approximation (relative error < 1.15e-9).
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972,
    -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
    4.374664141464968, 2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const pl = 0.02425;
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - pl) return -inverseNormal(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/**
 * Several type-7 quantiles (as `quantileSorted`) of unsorted values, by selection instead of
 * a full sort: O(n) per quantile. Reorders `values` in place.
 */
export function quantilesOf(values: Float64Array, qs: readonly number[]): Array<number | null> {
  const n = values.length;
  return qs.map((q) => {
    if (n === 0) return null;
    const h = (n - 1) * q;
    const lo = Math.floor(h);
    const a = select(values, lo);
    // After selecting position lo, everything to its right is ≥ it: the next order statistic
    // is their minimum.
    let b = a;
    if (Math.ceil(h) > lo) {
      b = Infinity;
      for (let i = lo + 1; i < n; i++) if (values[i]! < b) b = values[i]!;
    }
    if (!Number.isFinite(a) || !Number.isFinite(b)) return null;
    return a + (h - lo) * (b - a);
  });
}

/** Hoare's quickselect: puts the k-th smallest value at position k, smaller ones before it. */
function select(a: Float64Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
  while (right > left) {
    // Median of three as the pivot: sorted or constant input stays linear.
    const mid = (left + right) >> 1;
    const x = a[left]!;
    const y = a[mid]!;
    const z = a[right]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return a[k]!;
}
