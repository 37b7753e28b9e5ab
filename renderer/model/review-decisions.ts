import type { ReviewDecisionInput, ReviewItem } from '../../shared/api/contract';

type Verdict = ReviewItem['judgments'][number]['verdict'];

/** A decision the reviewer can take on an item, keyed for buttons and keys ("lo", "tie"…). */
export interface DecisionOption {
  key: string;
  label: string;
  decision: ReviewDecisionInput;
}

/** The pair most judgments compared (pairwise items with more than two responses). */
export function commonPair(item: ReviewItem): [number, number] {
  const counts = new Map<string, number>();
  for (const j of item.judgments)
    if (j.verdict.kind === 'pairwise') {
      const key = [j.verdict.chosenIdx, j.verdict.rejectedIdx].sort((a, b) => a - b).join(':');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '0:1';
  return best.split(':').map(Number) as [number, number];
}

/**
 * What a reviewer can decide on `item`, in response terms (source order): one of the
 * labellers' rankings when everyone ranked, otherwise the pairwise outcomes on the pair most
 * judgments compared; discarding the item always.
 */
export function decisionOptions(item: ReviewItem): DecisionOption[] {
  const [lo, hi] = commonPair(item);
  const pairwise = (
    outcome: 'preferred' | 'tie' | 'both_bad',
    chosen = lo,
    rejected = hi,
  ): ReviewDecisionInput => ({
    kind: 'pairwise',
    outcome,
    chosenIdx: chosen,
    rejectedIdx: rejected,
    strength: null,
  });
  const rankings = item.judgments.filter((j) => j.verdict.kind === 'ranking');
  const options: DecisionOption[] =
    rankings.length > 0 && item.judgments.every((j) => j.verdict.kind === 'ranking')
      ? rankings.map((j) => ({
          key: `rank-${j.labellerId}`,
          label: `Use ${j.labellerName}’s ranking`,
          decision: {
            kind: 'ranking',
            tiers: (j.verdict as Extract<Verdict, { kind: 'ranking' }>).tiers,
          },
        }))
      : [
          {
            key: 'lo',
            label: `Response ${lo + 1} better`,
            decision: pairwise('preferred', lo, hi),
          },
          {
            key: 'hi',
            label: `Response ${hi + 1} better`,
            decision: pairwise('preferred', hi, lo),
          },
          { key: 'tie', label: 'Tie', decision: pairwise('tie') },
          { key: 'both_bad', label: 'Both bad', decision: pairwise('both_bad') },
        ];
  options.push({ key: 'discard', label: 'Discard', decision: { kind: 'discard' } });
  return options;
}
