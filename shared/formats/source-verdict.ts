/**
 * The verdicts a dataset already carries (TRL's chosen/rejected, an arena winner, OpenAssistant
 * ranks, UltraFeedback scores, Label Studio annotations), normalised into one shape and kept in
 * the item's metadata under `source_verdicts`. Rankwise asks labellers for fresh judgments; the
 * source's verdicts stay beside them, for comparison and for exports that want them.
 *
 * `ranking` lists response indices (source order, as stored) best first; indices in the same
 * group are tied. A pairwise preference of response 0 over 1 is `[[0], [1]]`; a tie is
 * `[[0, 1]]`. Responses the source did not rank are left out.
 */
export interface SourceVerdict {
  /** Where the verdict came from in the source, e.g. "chosen/rejected", "winner", "rank". */
  from: string;
  ranking: number[][];
  /** The source said both responses are bad (an arena "tie (bothbad)"). */
  bothBad?: boolean;
  /** Who gave it, when the source says (an annotator id, a judge). */
  by?: string;
}

export const SOURCE_VERDICTS_KEY = 'source_verdicts';

/** A ranking from scores, higher is better; equal scores tie; missing scores are left out. */
export function rankingFromScores(scores: Array<number | null>): number[][] {
  const scored = scores
    .map((s, i) => [s, i] as const)
    .filter((p): p is readonly [number, number] => p[0] !== null && Number.isFinite(p[0]));
  scored.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const groups: number[][] = [];
  let last: number | null = null;
  for (const [score, i] of scored) {
    if (last !== null && score === last) groups[groups.length - 1]!.push(i);
    else groups.push([i]);
    last = score;
  }
  return groups;
}

/** A ranking from ranks, lower is better (OpenAssistant: 0 is best). */
export function rankingFromRanks(ranks: Array<number | null>): number[][] {
  return rankingFromScores(ranks.map((r) => (r === null ? null : -r)));
}
