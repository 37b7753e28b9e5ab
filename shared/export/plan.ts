import type { Metadata, Prompt } from '../domain/item';
import type { TaskSettings } from '../domain/task';
import { promptToText } from '../formats/trl';
import type { AgreementAccumulator } from './agreement';
import { itemAgreement } from './agreement';
import { decidePairs, groupByPair, type Adjudication, type PairDecision } from './decide';
import type { Filters, ResolvedOptions } from './options';
import { rawLabel, rawRow, type RevisionIn } from './raw';
import { formatSpec } from './formats';
import type { ResponseIn, Row, RowShape } from './rows';
import { splitOf, type SplitName } from './split';
import { countLabel, countModel, type Tally } from './tally';
import { unpairedFromLabels, unpairedFromPairs, type UnpairedDecision } from './unpaired';
import { votesOf, type JudgmentIn, type LabelVote, type OrderVote, type PairVote } from './votes';

/**
 * One item through the export: filters, votes, the policy, ties, KTO labels, the split.
 * Pure, so every rule is tested without a database; db/ feeds items in and writes rows out.
 */

export interface ItemIn {
  id: string;
  prompt: Prompt;
  metadata: Metadata | null;
  /** The item has a known answer in the project's gold table. */
  gold?: boolean;
}

export interface PlanContext {
  options: ResolvedOptions;
  task: TaskSettings;
  tally: Tally;
  agreement: AgreementAccumulator;
}

export interface ItemPlan {
  /** Whose verdicts these are, for the `source` column: people (absent), or `judge:NAME`. */
  source?: string;
  split: SplitName;
  /** Pair formats: the decisions to write, in order. */
  pairs: PairDecision[];
  /** KTO: the labels to write, in order. */
  unpaired: UnpairedDecision[];
}

/** Judgment-level filters: who made it and when. */
export function inScope(j: { labellerId: string; createdAt: number }, f: Filters): boolean {
  if (f.labellers.length && !f.labellers.includes(j.labellerId)) return false;
  if (f.from !== null && j.createdAt < f.from) return false;
  if (f.to !== null && j.createdAt >= f.to) return false;
  return true;
}

/**
 * Gold items: set as gold in the project (the gold table, via `rankwise gold` or the Team
 * screen), or imported with their known answer in metadata under `gold`.
 */
export function isGold(item: Pick<ItemIn, 'gold' | 'metadata'>): boolean {
  if (item.gold) return true;
  const g = item.metadata?.['gold'];
  return g !== undefined && g !== null && g !== false;
}

export function carriesExcludedFlag(
  flags: readonly string[],
  excluded: readonly string[],
): boolean {
  if (!excluded.length || !flags.length) return false;
  return excluded.includes('*') || flags.some((f) => excluded.includes(f));
}

/** Item-level filters on the item and its current judgments: gold and flags (counted when they bite). */
export function passesItemFilters(
  item: ItemIn,
  current: readonly JudgmentIn[],
  ctx: PlanContext,
): boolean {
  const { filters } = ctx.options;
  const { excluded } = ctx.tally;
  if (filters.excludeGold && isGold(item)) {
    excluded.gold++;
    return false;
  }
  if (current.some((j) => carriesExcludedFlag(j.flags, filters.excludeFlags))) {
    excluded.flagged++;
    return false;
  }
  return true;
}

/**
 * The minimum-agreement filter; an item that passes adds its votes to the agreement figures
 * (which so describe exactly the items exported).
 */
function agreesEnough(byPair: Map<string, PairVote[]>, ctx: PlanContext): boolean {
  const min = ctx.options.filters.minAgreement;
  if (min !== null) {
    const a = itemAgreement(byPair);
    if (a === null || a < min) {
      ctx.tally.excluded.lowAgreement++;
      return false;
    }
  }
  ctx.agreement.add(byPair);
  return true;
}

export function planItem(
  item: ItemIn,
  judgments: readonly JudgmentIn[],
  adjudication: Adjudication | null,
  ctx: PlanContext,
): ItemPlan | null {
  const { options: o, tally } = ctx;
  const inScopeJudgments = judgments.filter((j) => inScope(j, o.filters));
  const current: JudgmentIn[] = [];
  for (const j of inScopeJudgments) {
    if (j.verdict.kind === 'skip') tally.excluded.skipped++;
    else current.push(j);
  }
  if (!current.length) return null;
  tally.items++;
  tally.judgments += current.length;
  if (!passesItemFilters(item, current, ctx)) return null;

  const pairs: PairVote[] = [];
  const rankings: OrderVote[] = [];
  const ratingOrders: OrderVote[] = [];
  const labels: LabelVote[] = [];
  const voters = new Set<string>();
  for (const j of current) {
    const v = votesOf(j, { criterion: o.criterion, task: ctx.task });
    if (v.silent) {
      tally.excluded.silent++;
      continue;
    }
    voters.add(j.labellerId);
    pairs.push(...v.pairs);
    (j.verdict.kind === 'rating' ? ratingOrders : rankings).push(...v.orders);
    labels.push(...v.labels);
  }
  // Nothing this export can use (each judgment was counted as silent): not a vote shortage.
  if (!voters.size) return null;
  // Agreement is measured on every vote the item has, rankings and ratings included.
  const all = { pairs, orders: [...rankings, ...ratingOrders], voters: voters.size };
  if (!agreesEnough(groupByPair(all), ctx)) return null;

  const decideCtx = {
    policy: o.policy,
    minVotes: o.minVotes,
    rankPairs: o.rankPairs,
    criterion: o.criterion,
  };
  const split = splitOf(promptToText(item.prompt), o.split);
  if (formatSpec(o.format).rows.kind === 'unpaired') {
    // Ratings are absolute, so KTO reads them as labels, not as a ranking.
    const fromPairs = keepTies(
      decidePairs(
        { pairs, orders: rankings, voters: voters.size },
        decideCtx,
        adjudication,
        tally.excluded,
      ),
      o.ties === 'keep',
      tally,
    );
    const unpaired = [
      ...unpairedFromPairs(fromPairs, tally.excluded),
      ...unpairedFromLabels(labels, o.policy, o.minVotes, tally.excluded),
    ];
    return { split, pairs: [], unpaired };
  }
  const decisions = decidePairs(all, decideCtx, adjudication, tally.excluded);
  return { split, pairs: keepTies(decisions, false, tally), unpaired: [] };
}

/**
 * An item no labeller gave a verdict (in scope), under the judge policy: the judge's decisions
 * (judgeDecisions), through the same ties, KTO and split rules as people's. The caller has
 * checked the judge may fill this item (its measured agreement); gold items stay out when
 * excluded.
 */
export function planJudgeItem(
  item: ItemIn,
  decisions: PairDecision[],
  judge: string,
  ctx: PlanContext,
): ItemPlan | null {
  const { options: o, tally } = ctx;
  if (!decisions.length) return null;
  if (o.filters.excludeGold && isGold(item)) {
    tally.excluded.gold++;
    return null;
  }
  tally.judgeItems++;
  const split = splitOf(promptToText(item.prompt), o.split);
  const source = `judge:${judge}`;
  if (formatSpec(o.format).rows.kind === 'unpaired') {
    const kept = keepTies(decisions, o.ties === 'keep', tally);
    return { source, split, pairs: [], unpaired: unpairedFromPairs(kept, tally.excluded) };
  }
  return { source, split, pairs: keepTies(decisions, false, tally), unpaired: [] };
}

/**
 * A judge's verdicts on one item as decisions: per pair, its verdict when it said the same in
 * every order it was asked (a reply without a verdict says nothing); a pair it flipped on is
 * counted and left out.
 */
export function judgeDecisions(
  verdicts: ReadonlyArray<{
    lo: number;
    hi: number;
    outcome: 'preferred' | 'tie' | 'both_bad' | 'none';
    winner: number | null;
  }>,
  excluded: Pick<Tally['excluded'], 'judgeFlipped'>,
): PairDecision[] {
  const byPair = new Map<string, typeof verdicts>();
  for (const v of verdicts) {
    if (v.outcome === 'none') continue;
    const k = `${v.lo},${v.hi}`;
    byPair.set(k, [...(byPair.get(k) ?? []), v]);
  }
  const out: PairDecision[] = [];
  for (const on of byPair.values()) {
    const v = on[0]!;
    if (on.some((x) => x.outcome !== v.outcome || x.winner !== v.winner)) {
      excluded.judgeFlipped++;
      continue;
    }
    const outcome = v.outcome as Exclude<typeof v.outcome, 'none'>;
    const chosen = outcome === 'preferred' ? v.winner! : v.lo;
    out.push({
      chosen,
      rejected: chosen === v.lo ? v.hi : v.lo,
      outcome,
      strength: null,
      votes: 1,
      agreeing: 1,
      source: 'judge',
      labellerId: null,
    });
  }
  return out;
}

/** Ties and both-bad: kept only where asked and the format can say them; otherwise counted. */
function keepTies(decisions: PairDecision[], keep: boolean, tally: Tally): PairDecision[] {
  if (keep) return decisions;
  return decisions.filter((d) => {
    if (d.outcome === 'tie') tally.excluded.ties++;
    else if (d.outcome === 'both_bad') tally.excluded.bothBad++;
    else return true;
    return false;
  });
}

/** The plan's rows, counted into the tally (rows, split, labels, models, sources). */
export function rowsOf(
  plan: ItemPlan,
  item: ItemIn,
  responses: readonly ResponseIn[],
  shape: RowShape,
  tally: Tally,
): Row[] {
  const spec = formatSpec(shape.format).rows;
  const byIdx = new Map(responses.map((r) => [r.idx, r]));
  const rows: Row[] = [];
  const response = (idx: number) => {
    const r = byIdx.get(idx);
    if (!r) throw new Error(`item ${item.id} has no response ${idx}`);
    return r;
  };
  for (const d of plan.pairs) {
    const chosen = response(d.chosen);
    const rejected = response(d.rejected);
    if (spec.kind !== 'pairs') throw new Error(`${shape.format} rows are not pairs`);
    rows.push(
      withSource(
        shape,
        plan,
        spec.build(shape, item.prompt, chosen.content, rejected.content, d.strength),
      ),
    );
    tally.sources[d.source]++;
    countLabel(tally, strengthLabel(d.strength));
    countModel(tally, chosen.model, true);
    countModel(tally, rejected.model, false);
  }
  for (const u of plan.unpaired) {
    const r = response(u.idx);
    if (spec.kind !== 'unpaired') throw new Error(`${shape.format} rows are not unpaired`);
    rows.push(withSource(shape, plan, spec.build(shape, item.prompt, r.content, u.desirable)));
    tally.sources[u.source]++;
    countLabel(tally, u.desirable ? 'desirable' : 'undesirable');
    countModel(tally, r.model, u.desirable);
  }
  tally.rows += rows.length;
  tally.rowsBySplit[plan.split] += rows.length;
  if (shape.source && rows.length) {
    const source = plan.source ?? 'human';
    tally.rowSources[source] = (tally.rowSources[source] ?? 0) + rows.length;
  }
  return rows;
}

/** The row with its `source` last, when the shape has the column. */
function withSource(shape: RowShape, plan: ItemPlan, row: Row): Row {
  if (shape.source) row['source'] = plan.source ?? 'human';
  return row;
}

function strengthLabel(strength: number | null): string {
  if (strength === null) return 'preferred (no strength)';
  // Means (aggregated strengths) are counted at the nearest level.
  return `preferred, strength ${Math.round(strength)}`;
}

/**
 * The raw format's rows for one item: every revision in scope (labeller and date filters),
 * when the item passes the item-level filters, which look at the current revisions.
 */
export function rawRowsOf(
  item: ItemIn,
  revisions: readonly RevisionIn[],
  responses: readonly ResponseIn[],
  ctx: PlanContext,
): { split: SplitName; rows: Row[] } | null {
  const { options: o, tally } = ctx;
  const inScopeRevisions = revisions.filter((r) => inScope(r, o.filters));
  if (!inScopeRevisions.length) return null;
  tally.items++;
  tally.judgments += inScopeRevisions.length;
  const current: JudgmentIn[] = [];
  for (const r of inScopeRevisions)
    if (r.current && r.verdict && r.verdict.kind !== 'skip')
      current.push({
        id: r.id,
        labellerId: r.labellerId,
        verdict: r.verdict,
        flags: r.flags,
        createdAt: r.createdAt,
      });
  if (!passesItemFilters(item, current, ctx)) return null;
  const votes: PairVote[] = [];
  const orders: OrderVote[] = [];
  for (const j of current) {
    const v = votesOf(j, { criterion: null, task: ctx.task });
    votes.push(...v.pairs);
    orders.push(...v.orders);
  }
  if (!agreesEnough(groupByPair({ pairs: votes, orders, voters: current.length }), ctx))
    return null;
  const split = splitOf(promptToText(item.prompt), o.split);
  const rows: Row[] = [];
  for (const r of inScopeRevisions) {
    const outcome = r.verdict?.kind === 'pairwise' ? r.verdict.outcome : null;
    if (o.ties === 'drop' && outcome === 'tie') tally.excluded.ties++;
    else if (o.ties === 'drop' && outcome === 'both_bad') tally.excluded.bothBad++;
    else {
      rows.push(rawRow(r, responses));
      tally.sources.judgment++;
      countLabel(tally, rawLabel(r));
    }
  }
  tally.rows += rows.length;
  tally.rowsBySplit[split] += rows.length;
  return { split, rows };
}
