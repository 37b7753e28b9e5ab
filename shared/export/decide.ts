import type { Outcome, StoredVerdict } from '../domain/judgment';
import type { Policy, RankPairs } from './options';
import { consensusTiers, pairsFromTiers } from './rank-pairs';
import type { Exclusions } from './tally';
import { pairVotesOfOrder, type OrderVote, type PairVote } from './votes';

/**
 * The aggregation policies: how the votes on one item become preference decisions.
 *
 * - each: every labeller's judgment is its own decision (rankings expand by the rank-pairs
 *   strategy).
 * - majority: per pair of responses, the outcome (A wins, B wins, tie, both-bad) with more
 *   than half of the votes; no strict majority, no decision.
 * - unanimous: per pair, every vote the same.
 * - mean: per pair, the mean signed strength (+s for one side, −s for the other, 0 for a tie
 *   or both-bad; s = 1 without a scale) decides the side, and its size is the strength.
 * - adjudicated: the reviewer's decision where there is one (a discard drops the item);
 *   otherwise majority.
 *
 * Every aggregating policy needs `minVotes` votes on a pair. Ranked items are aggregated
 * pair by pair too: the pairs considered are the rank-pairs strategy applied to the
 * consensus ranking (mean rank), and each is decided on every labeller's vote on it.
 */

/** Where a decision came from: people's judgments (by policy), a reviewer, or a judge (the judge policy). */
export type DecisionSource =
  'judgment' | 'majority' | 'unanimous' | 'mean' | 'adjudicated' | 'judge';

export interface PairDecision {
  /** The preferred response; for a tie or both-bad, the lower index of the pair. */
  chosen: number;
  rejected: number;
  outcome: Outcome;
  /** On the project's scale (a mean under aggregation); null without one. */
  strength: number | null;
  /** Votes on this pair, and how many of them agree with the decision. */
  votes: number;
  agreeing: number;
  source: DecisionSource;
  /** Whose judgment it is, under "each"; null for an aggregate. */
  labellerId: string | null;
}

/** A reviewer's decision as the export reads it (response indices). */
export type Adjudication =
  | Omit<Extract<StoredVerdict, { kind: 'pairwise' }>, 'criteria'>
  | { kind: 'ranking'; tiers: number[][]; noneAcceptable: boolean }
  | { kind: 'discard' };

export interface DecideContext {
  policy: Policy;
  minVotes: number;
  rankPairs: RankPairs;
  /** Adjudications decide the overall choice only; a criterion export falls back to majority. */
  criterion: string | null;
}

export interface ItemVoteSet {
  pairs: PairVote[];
  orders: OrderVote[];
  /** Labellers with a vote on the item. */
  voters: number;
}

type Tallied = Pick<Exclusions, 'noMajority' | 'notUnanimous' | 'tooFewVotes' | 'discarded'>;

export function decidePairs(
  votes: ItemVoteSet,
  ctx: DecideContext,
  adjudication: Adjudication | null,
  excluded: Tallied,
): PairDecision[] {
  if (ctx.policy === 'each') return each(votes, ctx, excluded);
  if (ctx.policy === 'adjudicated' && adjudication && ctx.criterion === null) {
    if (adjudication.kind === 'discard') {
      excluded.discarded++;
      return [];
    }
    return adjudicated(votes, adjudication, ctx.rankPairs);
  }
  const policy = ctx.policy === 'adjudicated' ? 'majority' : ctx.policy;
  const byPair = groupByPair(votes);
  const out: PairDecision[] = [];
  for (const key of candidatePairs(votes, ctx.rankPairs)) {
    const d = decideOne(byPair.get(key) ?? [], policy, ctx.minVotes);
    if (typeof d === 'string') excluded[d]++;
    else out.push(d);
  }
  return out;
}

function each(votes: ItemVoteSet, ctx: DecideContext, excluded: Tallied): PairDecision[] {
  if (votes.voters < ctx.minVotes) {
    excluded.tooFewVotes++;
    return [];
  }
  const out: PairDecision[] = votes.pairs.map((v) => ({
    ...sides(v.a, v.b, v.outcome, v.winner),
    outcome: v.outcome,
    strength: v.strength,
    votes: 1,
    agreeing: 1,
    source: 'judgment',
    labellerId: v.labellerId,
  }));
  for (const o of votes.orders) {
    out.push(...orderDecisions(o.tiers, o.noneAcceptable, ctx.rankPairs, 'judgment', o.labellerId));
  }
  return out;
}

function adjudicated(
  votes: ItemVoteSet,
  a: Exclude<Adjudication, { kind: 'discard' }>,
  rankPairs: RankPairs,
): PairDecision[] {
  const byPair = groupByPair(votes);
  const withVotes = (d: PairDecision): PairDecision => {
    const on = byPair.get(pairKey(d.chosen, d.rejected)) ?? [];
    return { ...d, votes: on.length, agreeing: on.filter((v) => agrees(v, d)).length };
  };
  if (a.kind === 'pairwise') {
    const winner = a.outcome === 'preferred' ? a.chosenIdx : null;
    return [
      withVotes({
        ...sides(a.chosenIdx, a.rejectedIdx, a.outcome, winner),
        outcome: a.outcome,
        strength: a.strength,
        votes: 0,
        agreeing: 0,
        source: 'adjudicated',
        labellerId: null,
      }),
    ];
  }
  return orderDecisions(a.tiers, a.noneAcceptable, rankPairs, 'adjudicated', null).map(withVotes);
}

function orderDecisions(
  tiers: number[][],
  noneAcceptable: boolean,
  rankPairs: RankPairs,
  source: DecisionSource,
  labellerId: string | null,
): PairDecision[] {
  return pairsFromTiers(tiers, rankPairs).map(([better, worse]) => ({
    ...(noneAcceptable
      ? sides(better, worse, 'both_bad', null)
      : { chosen: better, rejected: worse }),
    outcome: noneAcceptable ? 'both_bad' : 'preferred',
    strength: null,
    votes: 1,
    agreeing: 1,
    source,
    labellerId,
  }));
}

/** chosen/rejected for an outcome: the winner first, or the pair in index order. */
function sides(x: number, y: number, outcome: Outcome, winner: number | null) {
  if (outcome === 'preferred' && winner !== null)
    return { chosen: winner, rejected: winner === x ? y : x };
  return { chosen: Math.min(x, y), rejected: Math.max(x, y) };
}

export function pairKey(x: number, y: number): string {
  return x < y ? `${x},${y}` : `${y},${x}`;
}

/** Every vote on the item, by pair: direct pair votes and the pairs implied by orders. */
export function groupByPair(votes: ItemVoteSet): Map<string, PairVote[]> {
  const m = new Map<string, PairVote[]>();
  const add = (v: PairVote) => {
    const k = pairKey(v.a, v.b);
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  };
  for (const v of votes.pairs) add(v);
  for (const o of votes.orders) for (const v of pairVotesOfOrder(o)) add(v);
  return m;
}

/** The pairs an aggregate decides: every pair judged directly, then the consensus ranking's. */
function candidatePairs(votes: ItemVoteSet, rankPairs: RankPairs): string[] {
  const keys = [...new Set(votes.pairs.map((v) => pairKey(v.a, v.b)))].sort(byPairKey);
  if (votes.orders.length) {
    const consensus = consensusTiers(votes.orders.map((o) => o.tiers));
    for (const [x, y] of pairsFromTiers(consensus, rankPairs)) {
      const k = pairKey(x, y);
      if (!keys.includes(k)) keys.push(k);
    }
  }
  return keys;
}

function byPairKey(p: string, q: string): number {
  const [a1, b1] = p.split(',').map(Number) as [number, number];
  const [a2, b2] = q.split(',').map(Number) as [number, number];
  return a1 - a2 || b1 - b2;
}

/** What a vote says, as one label: the winner's index, or the outcome. */
function voteLabel(v: PairVote): string {
  return v.outcome === 'preferred' ? `w${v.winner}` : v.outcome;
}

function agrees(v: PairVote, d: PairDecision): boolean {
  return d.outcome === 'preferred'
    ? v.outcome === 'preferred' && v.winner === d.chosen
    : v.outcome === d.outcome;
}

function meanStrength(vs: readonly PairVote[]): number | null {
  const s = vs.map((v) => v.strength).filter((x): x is number => x !== null);
  return s.length ? s.reduce((a, b) => a + b, 0) / s.length : null;
}

function fromLabel(
  label: string,
  on: readonly PairVote[],
  source: DecisionSource,
  agreeing: PairVote[],
): PairDecision {
  const { a, b } = on[0]!;
  const outcome: Outcome = label.startsWith('w') ? 'preferred' : (label as Outcome);
  const winner = outcome === 'preferred' ? Number(label.slice(1)) : null;
  return {
    ...sides(a, b, outcome, winner),
    outcome,
    strength: outcome === 'preferred' ? meanStrength(agreeing) : null,
    votes: on.length,
    agreeing: agreeing.length,
    source,
    labellerId: null,
  };
}

function decideOne(
  on: readonly PairVote[],
  policy: 'majority' | 'unanimous' | 'mean',
  minVotes: number,
): PairDecision | 'tooFewVotes' | 'noMajority' | 'notUnanimous' {
  if (on.length === 0 || on.length < minVotes) return 'tooFewVotes';
  if (policy === 'mean') return decideMean(on);
  const groups = new Map<string, PairVote[]>();
  for (const v of on) {
    const l = voteLabel(v);
    const g = groups.get(l);
    if (g) g.push(v);
    else groups.set(l, [v]);
  }
  if (policy === 'unanimous') {
    if (groups.size !== 1) return 'notUnanimous';
    const [label, agreeing] = [...groups][0]!;
    return fromLabel(label, on, 'unanimous', agreeing);
  }
  for (const [label, agreeing] of groups)
    if (agreeing.length * 2 > on.length) return fromLabel(label, on, 'majority', agreeing);
  return 'noMajority';
}

function decideMean(on: readonly PairVote[]): PairDecision {
  const { a, b } = on[0]!;
  let sum = 0;
  for (const v of on) {
    if (v.outcome !== 'preferred') continue;
    sum += (v.winner === a ? 1 : -1) * (v.strength ?? 1);
  }
  const mean = sum / on.length;
  const scaled = on.some((v) => v.strength !== null);
  if (mean === 0) {
    const outcome: Outcome = on.every((v) => v.outcome === 'both_bad') ? 'both_bad' : 'tie';
    return {
      chosen: a,
      rejected: b,
      outcome,
      strength: null,
      votes: on.length,
      agreeing: on.filter((v) => v.outcome === outcome).length,
      source: 'mean',
      labellerId: null,
    };
  }
  const chosen = mean > 0 ? a : b;
  return {
    chosen,
    rejected: chosen === a ? b : a,
    outcome: 'preferred',
    strength: scaled ? Math.abs(mean) : null,
    votes: on.length,
    agreeing: on.filter((v) => v.outcome === 'preferred' && v.winner === chosen).length,
    source: 'mean',
    labellerId: null,
  };
}
