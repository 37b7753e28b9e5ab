import { pairTable, type Comparison, type PairTable } from './comparisons';
import { quantileSorted, type Interval } from './intervals';
import { poisson, seededRng } from './random';

/**
 * Bradley–Terry strengths by maximum likelihood: P(i beats j) = p_i / (p_i + p_j), ties
 * counting half a win for each side. Fitted with Hunter's (2004) MM algorithm, which
 * increases the likelihood at every step.
 *
 * The MLE is finite only where every model both won and lost within a strongly connected
 * comparison graph (Ford 1957). A model that never lost would get an infinite strength: it
 * is reported as not estimable, with the reason, instead of a made-up number.
 */
export type NotEstimableReason = 'no-comparisons' | 'never-lost' | 'never-won' | 'separated';

export interface BradleyTerryModel {
  model: string;
  /** θ = log p, centred to mean 0 over the estimable models; null when not estimable. */
  logStrength: number | null;
  /** θ on the Elo-like scale: initial + scale · log_base(e) · θ (Chatbot Arena's "MLE Elo"). */
  rating: number | null;
  estimable: boolean;
  reason: NotEstimableReason | null;
  wins: number;
  losses: number;
  ties: number;
  comparisons: number;
  /** Bootstrap interval of logStrength (null without a bootstrap or when not estimable). */
  interval: Interval | null;
  /** The same interval on the rating scale. */
  ratingInterval: Interval | null;
}

export interface BradleyTerryOptions {
  /** Rating scale (defaults as Chatbot Arena: 400, base 10, 1000). */
  scale?: number;
  base?: number;
  initial?: number;
  /** Percentile bootstrap of the log-strengths. Poisson bootstrap: see bradleyTerry's notes. */
  bootstrap?: { rounds?: number; seed?: number; level?: number };
  tolerance?: number;
  maxIterations?: number;
}

export interface BradleyTerryResult {
  /** Sorted by strength, strongest first; not estimable models last. */
  models: BradleyTerryModel[];
  /** winProbability[a][b] = P(a beats b) for estimable a, b; absent otherwise. */
  winProbability: Record<string, Record<string, number>>;
  iterations: number;
  converged: boolean;
  bootstrapRounds: number;
}

/**
 * Fit Bradley–Terry to `[a, b, winner | 'tie']` comparisons.
 *
 * Bootstrap intervals use the Poisson bootstrap: every (pair, outcome) count is redrawn as
 * Poisson(count), the large-sample equivalent of resampling comparisons with replacement, at
 * a cost independent of the number of comparisons. A round in which a model stops losing (or
 * winning) puts it at ±∞ for that round, so a bound that lands there is reported as null
 * (unbounded) rather than clipped.
 */
export function bradleyTerry(
  comparisons: Iterable<Comparison>,
  options: BradleyTerryOptions = {},
): BradleyTerryResult {
  return bradleyTerryFromTable(pairTable(comparisons), options);
}

/** Bradley–Terry from an aggregated pair table (see `pairTable`), for callers that count themselves. */
export function bradleyTerryFromTable(
  table: PairTable,
  options: BradleyTerryOptions = {},
): BradleyTerryResult {
  const { models, wins, ties } = table;
  const k = models.length;
  const w = halfWins(k, wins, ties);
  const reasons = estimability(k, w);
  const fit = fitMM(k, w, reasons, null, options);
  const scale = options.scale ?? 400;
  const base = options.base ?? 10;
  const initial = options.initial ?? 1000;
  const toRating = (t: number) => initial + (scale * t) / Math.log(base);

  const rounds = options.bootstrap ? (options.bootstrap.rounds ?? 200) : 0;
  const level = options.bootstrap?.level ?? 0.95;
  const intervals =
    rounds > 0 ? bootstrap(k, wins, ties, reasons, fit.theta, rounds, options) : null;

  const out: BradleyTerryModel[] = models.map((model, i) => {
    let won = 0;
    let lost = 0;
    let tied = 0;
    for (let j = 0; j < k; j++) {
      won += wins[i * k + j]!;
      lost += wins[j * k + i]!;
      tied += ties[i * k + j]!;
    }
    const estimable = reasons[i] === null;
    const theta = estimable ? fit.theta[i]! : null;
    const iv = intervals && estimable ? percentileInterval(intervals[i]!, level) : null;
    return {
      model,
      logStrength: theta,
      rating: theta === null ? null : toRating(theta),
      estimable,
      reason: reasons[i]!,
      wins: won,
      losses: lost,
      ties: tied,
      comparisons: won + lost + tied,
      interval: iv,
      ratingInterval: iv && {
        lower: iv.lower === null ? null : toRating(iv.lower),
        upper: iv.upper === null ? null : toRating(iv.upper),
        level,
      },
    };
  });
  const winProbability: Record<string, Record<string, number>> = {};
  for (let i = 0; i < k; i++) {
    if (reasons[i] !== null) continue;
    const row: Record<string, number> = {};
    for (let j = 0; j < k; j++) {
      if (i === j || reasons[j] !== null) continue;
      row[models[j]!] = 1 / (1 + Math.exp(fit.theta[j]! - fit.theta[i]!));
    }
    winProbability[models[i]!] = row;
  }
  out.sort(
    (a, b) =>
      (b.logStrength ?? -Infinity) - (a.logStrength ?? -Infinity) ||
      (a.model < b.model ? -1 : a.model > b.model ? 1 : 0),
  );
  return {
    models: out,
    winProbability,
    iterations: fit.iterations,
    converged: fit.converged,
    bootstrapRounds: rounds,
  };
}

/** w[i][j] = wins of i over j + half their ties. */
function halfWins(k: number, wins: Float64Array, ties: Float64Array): Float64Array {
  const w = new Float64Array(k * k);
  for (let x = 0; x < k * k; x++) w[x] = wins[x]! + ties[x]! / 2;
  return w;
}

/**
 * Why each model's strength cannot be estimated (null: it can). Models that never lost or
 * never won are set aside, repeatedly (setting one aside can leave another unbeaten among
 * the rest); what remains must be strongly connected, and only its largest component is kept.
 */
export function estimability(k: number, w: Float64Array): Array<NotEstimableReason | null> {
  const reasons: Array<NotEstimableReason | null> = new Array<NotEstimableReason | null>(k).fill(
    null,
  );
  for (let i = 0; i < k; i++) {
    let n = 0;
    for (let j = 0; j < k; j++) n += w[i * k + j]! + w[j * k + i]!;
    if (n === 0) reasons[i] = 'no-comparisons';
  }
  for (let round = 0; ; round++) {
    // Judge every model against the models still in at the start of the round, so setting
    // one aside cannot make its opponent look unbeaten in the same pass.
    const active = reasons.map((r) => r === null);
    let changed = false;
    for (let i = 0; i < k; i++) {
      if (!active[i]) continue;
      let won = 0;
      let lost = 0;
      for (let j = 0; j < k; j++) {
        if (j === i || !active[j]) continue;
        won += w[i * k + j]!;
        lost += w[j * k + i]!;
      }
      if (lost === 0 || won === 0) {
        reasons[i] = round > 0 ? 'separated' : lost === 0 ? 'never-lost' : 'never-won';
        changed = true;
      }
    }
    if (!changed) break;
  }
  // Strongly connected components of the "beat at least half a time" graph (Tarjan).
  const active = [...Array(k).keys()].filter((i) => reasons[i] === null);
  const comp = stronglyConnected(k, active, (i, j) => w[i * k + j]! > 0);
  if (comp.size > 1) {
    const sizes = new Map<number, number>();
    for (const c of comp.values()) sizes.set(c, (sizes.get(c) ?? 0) + 1);
    const biggest = [...sizes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
    for (const i of active) if (comp.get(i) !== biggest) reasons[i] = 'separated';
  }
  return reasons;
}

function stronglyConnected(
  k: number,
  nodes: number[],
  edge: (i: number, j: number) => boolean,
): Map<number, number> {
  const index = new Map<number, number>();
  const low = new Map<number, number>();
  const onStack = new Set<number>();
  const stack: number[] = [];
  const comp = new Map<number, number>();
  let counter = 0;
  let comps = 0;
  const visit = (v: number) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const u of nodes) {
      if (u === v || !edge(v, u)) continue;
      if (!index.has(u)) {
        visit(u);
        low.set(v, Math.min(low.get(v)!, low.get(u)!));
      } else if (onStack.has(u)) low.set(v, Math.min(low.get(v)!, index.get(u)!));
    }
    if (low.get(v) === index.get(v)) {
      for (;;) {
        const u = stack.pop()!;
        onStack.delete(u);
        comp.set(u, comps);
        if (u === v) break;
      }
      comps++;
    }
  };
  for (const v of nodes) if (!index.has(v)) visit(v);
  void k;
  return comp;
}

/** Hunter's MM iteration over the estimable models; θ centred to mean 0. */
function fitMM(
  k: number,
  w: Float64Array,
  reasons: ReadonlyArray<NotEstimableReason | null>,
  start: Float64Array | null,
  options: BradleyTerryOptions,
): { theta: Float64Array; iterations: number; converged: boolean } {
  const tol = options.tolerance ?? 1e-10;
  const maxIt = options.maxIterations ?? 10_000;
  const active = [...Array(k).keys()].filter((i) => reasons[i] === null);
  const p = new Float64Array(k);
  for (const i of active) p[i] = start ? Math.exp(start[i]!) : 1;
  const totalWins = new Float64Array(k);
  for (const i of active) for (const j of active) if (i !== j) totalWins[i]! += w[i * k + j]!;
  let it = 0;
  let converged = active.length <= 1;
  while (!converged && it < maxIt) {
    it++;
    let delta = 0;
    for (const i of active) {
      let den = 0;
      for (const j of active) {
        if (i === j) continue;
        const n = w[i * k + j]! + w[j * k + i]!;
        if (n > 0) den += n / (p[i]! + p[j]!);
      }
      const next = totalWins[i]! / den;
      delta = Math.max(delta, Math.abs(Math.log(next / p[i]!)));
      p[i] = next;
    }
    // Rescale to geometric mean 1 so the numbers stay in range.
    let logSum = 0;
    for (const i of active) logSum += Math.log(p[i]!);
    const g = Math.exp(logSum / active.length);
    for (const i of active) p[i] = p[i]! / g;
    converged = delta < tol;
  }
  const theta = new Float64Array(k).fill(NaN);
  for (const i of active) theta[i] = Math.log(p[i]!);
  return { theta, iterations: it, converged };
}

function bootstrap(
  k: number,
  wins: Float64Array,
  ties: Float64Array,
  reasons: ReadonlyArray<NotEstimableReason | null>,
  theta: Float64Array,
  rounds: number,
  options: BradleyTerryOptions,
): number[][] {
  const rng = seededRng(options.bootstrap?.seed ?? 1);
  const samples: number[][] = Array.from({ length: k }, () => []);
  const bw = new Float64Array(k * k);
  const bt = new Float64Array(k * k);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        if (i === j) continue;
        bw[i * k + j] = poisson(rng, wins[i * k + j]!);
        if (j > i) bt[i * k + j] = bt[j * k + i] = poisson(rng, ties[i * k + j]!);
      }
    }
    const w = halfWins(k, bw, bt);
    // Only the models estimable on the full data take part; one that cannot be estimated in
    // this round sits at ±∞ (or is undefined, NaN, when it lost all its comparisons).
    const masked = new Float64Array(k * k);
    for (let i = 0; i < k; i++)
      for (let j = 0; j < k; j++)
        if (reasons[i] === null && reasons[j] === null) masked[i * k + j] = w[i * k + j]!;
    const rr = estimability(k, masked);
    const fit = fitMM(k, masked, rr, theta, { ...options, tolerance: 1e-8 });
    for (let i = 0; i < k; i++) {
      if (reasons[i] !== null) continue;
      const why = rr[i];
      samples[i]!.push(
        why === null
          ? fit.theta[i]!
          : why === 'never-lost'
            ? Infinity
            : why === 'never-won'
              ? -Infinity
              : NaN,
      );
    }
  }
  return samples;
}

function percentileInterval(values: number[], level: number): Interval {
  if (values.some((v) => Number.isNaN(v))) return { lower: null, upper: null, level };
  const sorted = [...values].sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  return { lower: quantileSorted(sorted, tail), upper: quantileSorted(sorted, 1 - tail), level };
}
