/**
 * The metrics API (README, "Metrics API"): pure functions over plain arrays, stable for reviewers'
 * scripts. `units` is units × raters with null for missing; `r1`/`r2` are paired label
 * arrays; comparisons are `[a, b, winner | 'tie']`. An undefined statistic returns null.
 */
export {
  alphaFromCoincidences,
  cohenKappa,
  cohenKappaFromTable,
  fleissKappa,
  krippendorffAlpha,
  percentAgreement,
  weightedKappa,
  weightedKappaFromTable,
  type AlphaLevel,
  type Label,
  type PercentAgreementOptions,
  type WeightedKappaOptions,
} from './agreement';
export {
  averageRanks,
  kendallTauB,
  kendallW,
  spearmanRho,
  type KendallWOptions,
} from './rank-correlation';
export {
  bradleyTerry,
  bradleyTerryFromTable,
  type BradleyTerryModel,
  type BradleyTerryOptions,
  type BradleyTerryResult,
  type NotEstimableReason,
} from './bradley-terry';
export { elo, type EloOptions } from './elo';
export {
  pairTable,
  winRateMatrix,
  winRateMatrixFromTable,
  type Comparison,
  type PairTable,
  type WinRateMatrix,
} from './comparisons';
export { circularTriads, type TransitivityResult } from './transitivity';
export { quantileSorted, quantilesOf, wilsonInterval, zFor, type Interval } from './intervals';
export { poisson, seededRng, type Rng } from './random';
