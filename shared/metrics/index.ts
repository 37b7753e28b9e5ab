/**
 * The metrics API (DESIGN.md §10): pure functions over plain arrays, stable for reviewers'
 * scripts. `units` is units × raters with null for missing; `r1`/`r2` are paired label
 * arrays. An undefined statistic returns null.
 */
export {
  krippendorffAlpha,
  percentAgreement,
  type AlphaLevel,
  type Label,
  type PercentAgreementOptions,
} from './agreement';
