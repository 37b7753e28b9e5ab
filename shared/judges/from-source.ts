import type { SourceVerdict } from '../formats/source-verdict';

/**
 * A dataset's own verdicts (`metadata.source_verdicts`: TRL's chosen/rejected, an arena winner,
 * OpenAssistant ranks, UltraFeedback scores, Label Studio annotations) as judge verdicts: one
 * judge per kind of source verdict, named `source:<from>` (`source:chosen/rejected`,
 * `source:winner`, `source:overall_score`…), one verdict per pair of responses the source
 * ranked (responses in one group tie; a "both bad" source verdict makes its ties both-bad).
 * Where one item carries several verdicts of the same source on a pair (Label Studio's
 * annotators, say), the judge's verdict is their strict majority; without one the pair gets
 * no verdict from it, and is counted.
 */
export interface SourcePairVerdict {
  judge: string;
  lo: number;
  hi: number;
  outcome: 'preferred' | 'tie' | 'both_bad';
  winner: number | null;
}

export function sourceJudgeName(from: string): string {
  return `source:${from}`.slice(0, 200);
}

export function sourcePairVerdicts(
  verdicts: readonly SourceVerdict[],
  responses: number,
): { verdicts: SourcePairVerdict[]; undecided: number } {
  // judge → pair → votes ("w<i>", "tie", "both_bad")
  const votes = new Map<string, Map<string, string[]>>();
  for (const v of verdicts) {
    if (!v || typeof v.from !== 'string' || !Array.isArray(v.ranking)) continue;
    const judge = sourceJudgeName(v.from);
    let pairs = votes.get(judge);
    if (!pairs) votes.set(judge, (pairs = new Map<string, string[]>()));
    const tiers = v.ranking.map((t) =>
      t.filter((i) => Number.isInteger(i) && i >= 0 && i < responses),
    );
    const vote = (a: number, b: number, label: string) => {
      if (a === b) return;
      const key = a < b ? `${a},${b}` : `${b},${a}`;
      const list = pairs.get(key);
      if (list) list.push(label);
      else pairs.set(key, [label]);
    };
    for (let t = 0; t < tiers.length; t++) {
      const tier = tiers[t]!;
      for (let x = 0; x < tier.length; x++)
        for (let y = x + 1; y < tier.length; y++)
          vote(tier[x]!, tier[y]!, v.bothBad ? 'both_bad' : 'tie');
      for (const better of tier)
        for (let u = t + 1; u < tiers.length; u++)
          for (const worse of tiers[u]!) vote(better, worse, `w${better}`);
    }
  }
  const out: SourcePairVerdict[] = [];
  let undecided = 0;
  for (const [judge, pairs] of votes)
    for (const [key, list] of pairs) {
      const counts = new Map<string, number>();
      for (const l of list) counts.set(l, (counts.get(l) ?? 0) + 1);
      const top = [...counts].find(([, c]) => c * 2 > list.length);
      if (!top) {
        undecided++;
        continue;
      }
      const [lo, hi] = key.split(',').map(Number) as [number, number];
      const label = top[0];
      out.push(
        label.startsWith('w')
          ? { judge, lo, hi, outcome: 'preferred', winner: Number(label.slice(1)) }
          : { judge, lo, hi, outcome: label as 'tie' | 'both_bad', winner: null },
      );
    }
  out.sort((a, b) => (a.judge < b.judge ? -1 : a.judge > b.judge ? 1 : a.lo - b.lo || a.hi - b.hi));
  return { verdicts: out, undecided };
}
