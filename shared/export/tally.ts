import type { DecisionSource } from './decide';

/**
 * What an export read, wrote and left out, and why: printed after writing, shown in the
 * preview, and written into the dataset card. Each count says what it counts (items, pairs,
 * judgments, responses), because a lead compares them.
 */
export interface Exclusions {
  /** Tie verdicts (pairs) left out because the format needs a winner or ties were dropped. */
  ties: number;
  /** Both-bad verdicts (pairs) left out likewise. */
  bothBad: number;
  /** Pairs on which no outcome won more than half of the votes (majority, adjudicated without a decision). */
  noMajority: number;
  /** Pairs on which the votes were not all the same (unanimous). */
  notUnanimous: number;
  /** Pairs (items, for "each") with fewer votes than the minimum. */
  tooFewVotes: number;
  /** Items whose labellers agreed less than the minimum agreement (or could not be compared). */
  lowAgreement: number;
  /** Items carrying an excluded flag. */
  flagged: number;
  /** Gold items, when excluded. */
  gold: number;
  /** Items an adjudicator discarded. */
  discarded: number;
  /** Judgments with nothing to say in this export (no verdict on the criterion, a kind the format cannot use). */
  silent: number;
  /** Skip judgments. */
  skipped: number;
  /** KTO: responses rated exactly at the scale's midpoint, neither desirable nor undesirable. */
  neutral: number;
  /** KTO: responses that won one pair and lost another in the same ranking, so have no single label. */
  conflicting: number;
  /** Judge policy: pairs the judge gave different verdicts in the two orders (no verdict to fill with). */
  judgeFlipped: number;
  /** Judge policy: items without a human verdict whose slice did not pass the judge's threshold. */
  judgeNotTrusted: number;
}

export interface Tally {
  /** Items with at least one judgment in scope. */
  items: number;
  /** Current judgments in scope (raw: revisions). */
  judgments: number;
  rows: number;
  rowsBySplit: { train: number; test: number };
  excluded: Exclusions;
  /** Where the rows' verdicts came from. */
  sources: Record<DecisionSource, number>;
  /** Rows per label: strength or outcome for pairs, desirable/undesirable for KTO, kind for raw. */
  labels: Record<string, number>;
  /** Per model (when responses carry model names): how often chosen and rejected, or desirable and undesirable. */
  models: Record<string, { won: number; lost: number }>;
  /** Parquet only: prompts whose messages carried tool-call fields the message schema does not hold. */
  toolFieldsDropped: number;
  /** With the judge policy: rows per `source` value (`human`, `judge:NAME`), and items filled by the judge. */
  rowSources: Record<string, number>;
  judgeItems: number;
}

export function newTally(): Tally {
  return {
    items: 0,
    judgments: 0,
    rows: 0,
    rowsBySplit: { train: 0, test: 0 },
    excluded: {
      ties: 0,
      bothBad: 0,
      noMajority: 0,
      notUnanimous: 0,
      tooFewVotes: 0,
      lowAgreement: 0,
      flagged: 0,
      gold: 0,
      discarded: 0,
      silent: 0,
      skipped: 0,
      neutral: 0,
      conflicting: 0,
      judgeFlipped: 0,
      judgeNotTrusted: 0,
    },
    sources: { judgment: 0, majority: 0, unanimous: 0, mean: 0, adjudicated: 0, judge: 0 },
    labels: {},
    models: {},
    toolFieldsDropped: 0,
    rowSources: {},
    judgeItems: 0,
  };
}

export function countLabel(t: Tally, label: string): void {
  t.labels[label] = (t.labels[label] ?? 0) + 1;
}

/** Model tallies stop growing at this many names: a card lists models, not a long tail. */
const MAX_MODELS = 200;

export function countModel(t: Tally, model: string | null, won: boolean): void {
  if (model === null) return;
  let m = t.models[model];
  if (!m) {
    if (Object.keys(t.models).length >= MAX_MODELS) return;
    m = t.models[model] = { won: 0, lost: 0 };
  }
  if (won) m.won++;
  else m.lost++;
}
