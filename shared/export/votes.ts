import type { Outcome, StoredVerdict } from '../domain/judgment';
import type { TaskSettings } from '../domain/task';

/**
 * Judgments of every kind, read as votes the export policies can count. All in response
 * indices: the display order was resolved when the judgment was stored.
 */

/** One labeller's current judgment on an item, as the export reads it. */
export interface JudgmentIn {
  id: string;
  labellerId: string;
  verdict: StoredVerdict;
  flags: readonly string[];
  createdAt: number;
}

/** A vote on one pair of responses; `a < b` always, so votes on the same pair line up. */
export interface PairVote {
  labellerId: string;
  a: number;
  b: number;
  outcome: Outcome;
  /** The preferred response (a or b) when outcome is 'preferred'. */
  winner: number | null;
  /** 1..levels for a preferred outcome on a strength scale, else null. */
  strength: number | null;
}

/** A full ordering of an item's responses, best tier first (a ranking, or ratings read as one). */
export interface OrderVote {
  labellerId: string;
  tiers: number[][];
  /** "None acceptable": the order stands, but every response is bad. */
  noneAcceptable: boolean;
}

/** An absolute judgment of one response (ratings): its score on 0..1 and what KTO makes of it. */
export interface LabelVote {
  labellerId: string;
  idx: number;
  score: number;
  /** score > 0.5 desirable, < 0.5 undesirable, exactly the midpoint: neither (null). */
  desirable: boolean | null;
}

export interface JudgmentVotes {
  pairs: PairVote[];
  orders: OrderVote[];
  labels: LabelVote[];
  /** The judgment says nothing about the exported criterion. */
  silent: boolean;
}

export interface VoteContext {
  criterion: string | null;
  task: Pick<TaskSettings, 'rating'>;
}

export function pairVote(
  labellerId: string,
  x: number,
  y: number,
  outcome: Outcome,
  winner: number | null,
  strength: number | null,
): PairVote {
  return { labellerId, a: Math.min(x, y), b: Math.max(x, y), outcome, winner, strength };
}

export function votesOf(j: JudgmentIn, ctx: VoteContext): JudgmentVotes {
  const none: JudgmentVotes = { pairs: [], orders: [], labels: [], silent: true };
  const v = j.verdict;
  switch (v.kind) {
    case 'pairwise': {
      if (ctx.criterion === null) {
        const winner = v.outcome === 'preferred' ? v.chosenIdx : null;
        return {
          ...none,
          silent: false,
          pairs: [
            pairVote(j.labellerId, v.chosenIdx, v.rejectedIdx, v.outcome, winner, v.strength),
          ],
        };
      }
      const c = v.criteria[ctx.criterion];
      if (c === undefined) return none;
      // A criterion verdict has no strength: the scale belongs to the overall choice.
      const vote =
        c === 'tie'
          ? pairVote(j.labellerId, v.chosenIdx, v.rejectedIdx, 'tie', null, null)
          : pairVote(j.labellerId, v.chosenIdx, v.rejectedIdx, 'preferred', c, null);
      return { ...none, silent: false, pairs: [vote] };
    }
    case 'ranking':
      // Rankings have no per-criterion verdicts.
      if (ctx.criterion !== null) return none;
      return {
        ...none,
        silent: false,
        orders: [{ labellerId: j.labellerId, tiers: v.tiers, noneAcceptable: v.noneAcceptable }],
      };
    case 'rating': {
      const labels = ratingLabels(j.labellerId, v.ratings, ctx);
      const order = ratingOrder(j.labellerId, v.ratings, ctx);
      if (!labels.length && !order) return none;
      return { ...none, silent: false, labels, orders: order ? [order] : [] };
    }
    case 'skip':
      return none;
  }
}

type Rating = Extract<StoredVerdict, { kind: 'rating' }>['ratings'][number];

function aspectScale(ctx: VoteContext, name: string): { min: number; max: number } | null {
  const a = ctx.task.rating.aspects.find((x) => x.name === name);
  return a && a.max > a.min ? a : null;
}

function aspectScore(r: Rating, name: string, ctx: VoteContext): number | null {
  const scale = aspectScale(ctx, name);
  const v = r.aspects[name];
  if (!scale || v === undefined) return null;
  return (v - scale.min) / (scale.max - scale.min);
}

function thumbScore(r: Rating): number | null {
  return r.thumb === null ? null : r.thumb === 'up' ? 1 : 0;
}

/**
 * KTO's reading of ratings: the named criterion's aspect when one is exported; otherwise the
 * thumb (the explicit desirable/undesirable signal), else the first aspect.
 */
function ratingLabels(labellerId: string, ratings: Rating[], ctx: VoteContext): LabelVote[] {
  const first = ctx.task.rating.aspects[0]?.name ?? null;
  const out: LabelVote[] = [];
  for (const r of ratings) {
    const score =
      ctx.criterion !== null
        ? aspectScore(r, ctx.criterion, ctx)
        : (thumbScore(r) ?? (first === null ? null : aspectScore(r, first, ctx)));
    if (score === null) continue;
    out.push({
      labellerId,
      idx: r.idx,
      score,
      desirable: score > 0.5 ? true : score < 0.5 ? false : null,
    });
  }
  return out;
}

/**
 * Ratings read as a ranking, for the pair formats: the named criterion's aspect, otherwise
 * the first aspect (finer than a thumb), else thumbs. Equal scores share a tier.
 */
function ratingOrder(labellerId: string, ratings: Rating[], ctx: VoteContext): OrderVote | null {
  const first = ctx.task.rating.aspects[0]?.name ?? null;
  const scored: Array<{ idx: number; score: number }> = [];
  for (const r of ratings) {
    const score =
      ctx.criterion !== null
        ? aspectScore(r, ctx.criterion, ctx)
        : ((first === null ? null : aspectScore(r, first, ctx)) ?? thumbScore(r));
    if (score !== null) scored.push({ idx: r.idx, score });
  }
  if (scored.length < 2) return null;
  return { labellerId, tiers: tiersByScore(scored), noneAcceptable: false };
}

/** Group by score, highest first; indices ascending within a tier. */
export function tiersByScore(scored: ReadonlyArray<{ idx: number; score: number }>): number[][] {
  const sorted = [...scored].sort((x, y) => y.score - x.score || x.idx - y.idx);
  const tiers: number[][] = [];
  let last: number | null = null;
  for (const s of sorted) {
    if (last !== null && s.score === last) tiers[tiers.length - 1]!.push(s.idx);
    else tiers.push([s.idx]);
    last = s.score;
  }
  return tiers;
}

/** Every pair in an order as a pair vote: tiers give the winner, a shared tier a tie, "none acceptable" both-bad. */
export function pairVotesOfOrder(o: OrderVote): PairVote[] {
  const out: PairVote[] = [];
  for (let t = 0; t < o.tiers.length; t++) {
    for (const x of o.tiers[t]!) {
      for (const y of o.tiers[t]!)
        if (x < y)
          out.push(pairVote(o.labellerId, x, y, o.noneAcceptable ? 'both_bad' : 'tie', null, null));
      for (let u = t + 1; u < o.tiers.length; u++)
        for (const y of o.tiers[u]!)
          out.push(
            o.noneAcceptable
              ? pairVote(o.labellerId, x, y, 'both_bad', null, null)
              : pairVote(o.labellerId, x, y, 'preferred', x, null),
          );
    }
  }
  return out;
}
