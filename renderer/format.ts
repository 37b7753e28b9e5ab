import type { Figure } from '../shared/analysis/report';

/**
 * Numbers, statistics and verdict names as people read them: every screen formats through
 * here, so no `undefined`, `null`, `NaN` or internal token (`both_bad`, `pairwise`) reaches
 * the page. A value that does not exist shows as NONE, and the screen says why beside it.
 */

/** Shown where a number has no value (with the reason next to it or in its title). */
export const NONE = '—';

/** Why a figure has no value, in plain words. */
export const WHY = {
  needsTwo: 'needs two labellers on the same items',
  noShared: 'no item is judged by this labeller and another one yet',
  noChoices: 'no judgment picked a side yet',
  noComparisons: 'no comparisons between these two',
} as const;

const missing = (v: number | null | undefined): v is null | undefined =>
  v === null || v === undefined || !Number.isFinite(v);

/** A real minus sign, so "−0.15" does not read as a dash. */
const minus = (s: string) => s.replace(/^-/, '−');

/** A whole number with the reader's digit grouping ("12,000"). */
export function count(n: number | null | undefined): string {
  return missing(n) ? NONE : n.toLocaleString();
}

/** A statistic such as κ or α, with a fixed number of decimals. */
export function decimal(v: number | null | undefined, digits = 2): string {
  if (missing(v)) return NONE;
  const s = v.toFixed(digits);
  // −0.00 is 0.00: a rounded sign means nothing.
  return Number(s) === 0 ? (0).toFixed(digits) : minus(s);
}

/** A share in [0, 1] as a percentage ("16.7%"). */
export function percent(v: number | null | undefined, digits = 1): string {
  return missing(v) ? NONE : `${minus((100 * v).toFixed(digits))}%`;
}

/** A duration in seconds ("4.0 s", "2 min 5 s"). */
export function seconds(v: number | null | undefined): string {
  if (missing(v)) return NONE;
  if (v < 60) return `${v.toFixed(1)} s`;
  const m = Math.floor(v / 60);
  return `${m} min ${Math.round(v - 60 * m)} s`;
}

/** "1 item", "3 items". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** The task kinds as headings. */
export function taskName(task: 'pairwise' | 'ranking' | 'rating'): string {
  return { pairwise: 'Pairwise preferences', ranking: 'Rankings', rating: 'Ratings' }[task];
}

/**
 * A verdict label of the disagreement queue and its tallies. The analysis names them in
 * response terms ("Response 2", "tie", "both_bad", "Response 1 = 2 first").
 */
export function verdictLabel(label: string): string {
  if (label === 'tie') return 'Tie';
  if (label === 'both_bad') return 'Both bad';
  if (/^Response \d+$/.test(label)) return `${label} better`;
  return label.replace(/_/g, ' ');
}

/** A pairwise outcome, with the better side named by `better` ("A", "Response 2"). */
export function outcomeName(outcome: 'preferred' | 'tie' | 'both_bad', better?: string): string {
  if (outcome === 'tie') return 'Tie';
  if (outcome === 'both_bad') return 'Both bad';
  return better ? `${better} better` : 'One better';
}

/** Figures that are shares, shown as percentages; the others are coefficients. */
const SHARES = new Set(['percent', 'percent-no-ties']);

/** An agreement figure's value. */
export function figureValue(f: Pick<Figure, 'key' | 'value'>): string {
  return SHARES.has(f.key) ? percent(f.value) : decimal(f.value, 3);
}

/** What one unit of a figure is, by task and figure ("items", "responses"). */
function unitOf(task: 'pairwise' | 'ranking' | 'rating', key: string): [string, string] {
  if (task === 'rating') return ['rated response', 'rated responses'];
  if (task === 'ranking' && (key === 'kendall-tau-b' || key === 'spearman-rho'))
    return ['pair of rankings', 'pairs of rankings'];
  if (task === 'ranking' && key === 'alpha-ordinal') return ['ranked response', 'ranked responses'];
  return ['item', 'items'];
}

/** What a figure rests on ("12 items"), for the column that used to say "Units". */
export function figureBasis(
  task: 'pairwise' | 'ranking' | 'rating',
  f: Pick<Figure, 'key' | 'units'>,
): string {
  const [one, many] = unitOf(task, f.key);
  return plural(f.units, one, many);
}

/** One line on each statistic, for its title. */
export function figureHelp(key: string): string {
  if (key === 'percent') return 'Share of labeller pairs on an item who gave the same verdict.';
  if (key === 'percent-no-ties')
    return 'The same, leaving out verdicts where either labeller called a tie.';
  if (key.includes('kappa') || key.startsWith('alpha') || key === 'kendall-w')
    return 'Agreement beyond chance: 1 is perfect, 0 is what chance alone gives, below 0 is worse than chance.';
  if (key === 'kendall-tau-b' || key === 'spearman-rho')
    return 'Rank correlation between two labellers’ orders: 1 is the same order, −1 the reverse.';
  return '';
}
