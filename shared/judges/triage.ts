/**
 * "Where humans are needed most": live items ordered by what their judges' verdicts say about
 * how hard they are. First the items whose judges disagree with each other (tier 2), then those
 * where a judge said different things in the two orders (tier 1), then those the judges agree
 * on (tier 0), then those no judge has looked at (tier −1). Within a tier, the smallest
 * reward-score margin first (a reward model barely preferring one response), then items
 * without scores, then queue order. Pure: db/judges/triage.ts reads the verdicts.
 */
export interface TriageVerdict {
  judge: number;
  lo: number;
  hi: number;
  /** 0 lower index better, 1 the other, 2 tie, 3 both bad; 4 no verdict. */
  code: number;
  /** Order shown: 0 lower index first, 1 the other, −1 unknown. */
  first: number;
  margin: number | null;
}

export interface TriageScore {
  tier: number;
  disagreement: number | null;
  /** Keys of the judges that flipped. */
  flipped: number[];
  margin: number | null;
  judges: number;
}

/** An item's score from every judge verdict on it. */
export function triageScore(verdicts: readonly TriageVerdict[]): TriageScore {
  // Per judge and pair: its labels, in each order.
  const labels = new Map<string, Set<number>>();
  const flipped = new Set<number>();
  let margin: number | null = null;
  for (const v of verdicts) {
    if (v.margin !== null && (margin === null || v.margin < margin)) margin = v.margin;
    if (v.code === 4) continue;
    const key = `${v.judge}:${v.lo}:${v.hi}`;
    let s = labels.get(key);
    if (!s) labels.set(key, (s = new Set()));
    s.add(v.code);
    if (s.size > 1) flipped.add(v.judge);
  }
  // Consistent labels per pair, across judges.
  const byPair = new Map<string, number[]>();
  const judges = new Set<number>();
  for (const [key, s] of labels) {
    const [judge, lo, hi] = key.split(':');
    judges.add(Number(judge));
    if (s.size !== 1) continue;
    const pair = `${lo}:${hi}`;
    const list = byPair.get(pair) ?? [];
    list.push([...s][0]!);
    byPair.set(pair, list);
  }
  let pairs = 0;
  let differ = 0;
  for (const list of byPair.values())
    for (let a = 0; a < list.length; a++)
      for (let b = a + 1; b < list.length; b++) {
        pairs++;
        if (list[a] !== list[b]) differ++;
      }
  const disagreement = pairs ? differ / pairs : null;
  const tier = differ > 0 ? 2 : flipped.size > 0 ? 1 : judges.size > 0 ? 0 : -1;
  return {
    tier,
    disagreement,
    flipped: [...flipped].sort((a, b) => a - b),
    margin,
    judges: judges.size,
  };
}

/** The triage order of scored items (seq = queue order): tier, then margin, then seq. */
export function triageOrder<T extends TriageScore & { seq: number }>(items: T[]): T[] {
  return items.sort(
    (a, b) =>
      b.tier - a.tier ||
      (a.margin === null
        ? b.margin === null
          ? 0
          : 1
        : b.margin === null
          ? -1
          : a.margin - b.margin) ||
      a.seq - b.seq,
  );
}
