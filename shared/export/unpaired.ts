import type { DecisionSource, PairDecision } from './decide';
import type { Policy } from './options';
import type { Exclusions } from './tally';
import type { LabelVote } from './votes';

/**
 * KTO's unpaired labels (desirable / undesirable per response).
 *
 * From pair decisions: the winner is desirable and the loser undesirable; a kept both-bad
 * makes both undesirable, and a kept tie both desirable (a tie is offered beside both-bad,
 * so it means "equally acceptable"). Within one labeller's judgment (or one item's
 * aggregate) a response that both wins and loses — the middle of a ranking under "all" or
 * "adjacent" pairs — has no single label and is left out (counted as conflicting).
 *
 * From ratings: each rating's own label (thumb, or score above or below the scale's
 * midpoint), aggregated per response by the policy.
 */
export interface UnpairedDecision {
  idx: number;
  desirable: boolean;
  source: DecisionSource;
  labellerId: string | null;
}

export function unpairedFromPairs(
  decisions: readonly PairDecision[],
  excluded: Pick<Exclusions, 'conflicting'>,
): UnpairedDecision[] {
  // Group by whose decision it is, keeping first-seen order for stable output.
  type Seen = { desirable: boolean; conflict: boolean; source: DecisionSource };
  const groups = new Map<string | null, Map<number, Seen>>();
  const mark = (d: PairDecision, idx: number, desirable: boolean) => {
    let g = groups.get(d.labellerId);
    if (!g) groups.set(d.labellerId, (g = new Map<number, Seen>()));
    const seen = g.get(idx);
    if (!seen) g.set(idx, { desirable, conflict: false, source: d.source });
    else if (seen.desirable !== desirable) seen.conflict = true;
  };
  for (const d of decisions) {
    const chosenOk = d.outcome !== 'both_bad';
    const rejectedOk = d.outcome === 'tie';
    mark(d, d.chosen, chosenOk);
    mark(d, d.rejected, rejectedOk);
  }
  const out: UnpairedDecision[] = [];
  for (const [labellerId, g] of groups) {
    for (const [idx, s] of g) {
      if (s.conflict) excluded.conflicting++;
      else out.push({ idx, desirable: s.desirable, source: s.source, labellerId });
    }
  }
  return out;
}

export function unpairedFromLabels(
  labels: readonly LabelVote[],
  policy: Policy,
  minVotes: number,
  excluded: Pick<Exclusions, 'neutral' | 'noMajority' | 'notUnanimous' | 'tooFewVotes'>,
): UnpairedDecision[] {
  if (policy === 'each') {
    const out: UnpairedDecision[] = [];
    for (const l of labels) {
      if (l.desirable === null) excluded.neutral++;
      else
        out.push({
          idx: l.idx,
          desirable: l.desirable,
          source: 'judgment',
          labellerId: l.labellerId,
        });
    }
    return out;
  }
  const byIdx = new Map<number, LabelVote[]>();
  for (const l of labels) {
    const list = byIdx.get(l.idx);
    if (list) list.push(l);
    else byIdx.set(l.idx, [l]);
  }
  const out: UnpairedDecision[] = [];
  for (const idx of [...byIdx.keys()].sort((x, y) => x - y)) {
    const on = byIdx.get(idx)!;
    if (on.length < minVotes) {
      excluded.tooFewVotes++;
      continue;
    }
    const d = decideLabel(on, policy);
    if (d === 'neutral' || d === 'noMajority' || d === 'notUnanimous') excluded[d]++;
    else out.push({ idx, desirable: d.desirable, source: d.source, labellerId: null });
  }
  return out;
}

function decideLabel(
  on: readonly LabelVote[],
  policy: Exclude<Policy, 'each'>,
): { desirable: boolean; source: DecisionSource } | 'neutral' | 'noMajority' | 'notUnanimous' {
  if (policy === 'mean') {
    const mean = on.reduce((s, l) => s + l.score, 0) / on.length;
    return mean === 0.5 ? 'neutral' : { desirable: mean > 0.5, source: 'mean' };
  }
  const yes = on.filter((l) => l.desirable === true).length;
  const no = on.filter((l) => l.desirable === false).length;
  if (policy === 'unanimous') {
    if (yes === on.length) return { desirable: true, source: 'unanimous' };
    if (no === on.length) return { desirable: false, source: 'unanimous' };
    return on.every((l) => l.desirable === null) ? 'neutral' : 'notUnanimous';
  }
  // majority, and adjudicated (reviews hold no ratings, so it falls back to majority).
  if (yes * 2 > on.length) return { desirable: true, source: 'majority' };
  if (no * 2 > on.length) return { desirable: false, source: 'majority' };
  return on.length - yes - no > on.length / 2 ? 'neutral' : 'noMajority';
}
