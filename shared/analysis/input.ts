/**
 * What the review figures are computed from: every labeller's current judgment per item
 * (heads, without retractions and skips), in response terms, plus gold answers, answers to
 * swapped repeats and model names. Plain data, so the computation is a pure function that
 * runs the same in a worker thread, a test or a script.
 *
 * Judgments come as columns (typed arrays, one row per labeller × item) rather than one
 * object per judgment: 300k judgments then load, cross and compute without 300k allocations,
 * which is what keeps every figure for 100k items × 3 labellers under a second.
 * `judgmentTable(records)` builds the columns from plain records for tests and scripts;
 * `recordAt(table, row)` gives one row back as a record.
 */
export interface PairwiseRecord {
  kind: 'pairwise';
  item: number;
  labeller: number;
  outcome: 'preferred' | 'tie' | 'both_bad';
  chosen: number;
  rejected: number;
  strength: number | null;
  criteria: Record<string, number | 'tie'> | null;
  /** For a preference: was the chosen response shown in the left (first) position of the pair? */
  leftWon: boolean | null;
  timeMs: number;
  createdAt: number;
}

export interface RankingRecord {
  kind: 'ranking';
  item: number;
  labeller: number;
  /** Response indices, best tier first. */
  tiers: number[][];
  timeMs: number;
  createdAt: number;
}

export type Ratings = Array<{
  idx: number;
  aspects: Record<string, number>;
  thumb: 'up' | 'down' | null;
}>;

export interface RatingRecord {
  kind: 'rating';
  item: number;
  labeller: number;
  ratings: Ratings;
  timeMs: number;
  createdAt: number;
}

export type JudgmentRecord = PairwiseRecord | RankingRecord | RatingRecord;

export const PAIRWISE = 0;
export const RANKING = 1;
export const RATING = 2;
export const OUTCOME_CODES = ['preferred', 'tie', 'both_bad'] as const;
export const PREFERRED = 0;
export const TIE_OUTCOME = 1;
export const BOTH_BAD_OUTCOME = 2;

/** What a row carries beyond its numbers: criteria (pairwise), tiers (ranking), ratings (rating). */
export type JudgmentDetail = Record<string, number | 'tie'> | number[][] | Ratings | null;

/** Judgments in columns: row r is one labeller's current judgment of one item. */
export interface JudgmentTable {
  length: number;
  /** Item key (see AnalysisInput.items). */
  item: Int32Array;
  /** Index into AnalysisInput.labellers. */
  labeller: Int32Array;
  /** PAIRWISE, RANKING or RATING. */
  kind: Uint8Array;
  /** Pairwise: PREFERRED, TIE_OUTCOME or BOTH_BAD_OUTCOME. */
  outcome: Uint8Array;
  /** Pairwise: response indices (source order) of the compared pair. */
  chosen: Int32Array;
  rejected: Int32Array;
  /** Pairwise: strength of a preference, −1 for none. */
  strength: Int8Array;
  /** Pairwise preference: 1 when the chosen response was shown first, 0 when not, −1 unknown. */
  leftWon: Int8Array;
  timeMs: Float64Array;
  createdAt: Float64Array;
  /** Criteria, tiers or ratings per row (objects shared between equal rows); null where none. */
  detail: JudgmentDetail[];
}

export type GoldAnswer =
  | {
      kind: 'pairwise';
      outcome: 'preferred' | 'tie' | 'both_bad';
      chosen: number;
      rejected: number;
    }
  | { kind: 'ranking'; tiers: number[][] };

export interface RepeatPair {
  labeller: number;
  item: number;
  first: JudgmentRecord;
  second: JudgmentRecord;
}

export interface AnalysisInput {
  labellers: Array<{ id: string; name: string }>;
  /**
   * Items are keyed by small integers 0 ≤ key < count (the loader uses the item's seq, its
   * queue position), so per-item state lives in arrays, not maps. `seq` maps a key to the
   * item's seq; `responses.start[key]` to its responses.
   */
  items: { count: number; seq: Int32Array };
  /** Responses of item key k are start[k] .. start[k + 1]; model: index into names, or −1 unknown. */
  responses: { start: Int32Array; model: Int32Array; names: string[] };
  judgments: JudgmentTable;
  gold: Map<number, GoldAnswer>;
  repeats: RepeatPair[];
  /**
   * Items that share a prompt with other items, grouped, with a key per response identifying
   * its text within the group: where one labeller's preferences can go round in a circle.
   */
  promptGroups: Array<{
    items: number[];
    /** Item ids, for naming examples. */
    ids: Map<number, string>;
    responseKeys: Map<number, string[]>;
  }>;
  /** The strength scale (0: none) and criteria of the task settings. */
  strengthLevels: number;
  totalItems: number;
  adjudicated: number;
  /** The project's judges and their verdicts, apart from the judgments (absent: none). */
  judges?: JudgeInput;
}

/** `JudgeVerdictTable.code` of a verdict that is no verdict (the reply could not be read). */
export const NO_VERDICT = 4;

/**
 * Judges' verdicts in columns (one row per verdict on a live item), sorted by judge, then item,
 * pair and order. Codes as the human pairwise units have them, relative to the pair in source
 * order: 0 the lower-index response won, 1 the other, 2 tie, 3 both bad, 4 no verdict.
 */
export interface JudgeVerdictTable {
  length: number;
  /** Index into JudgeInput.names. */
  judge: Int32Array;
  item: Int32Array;
  lo: Int32Array;
  hi: Int32Array;
  code: Uint8Array;
  /** Which of the pair was shown first: 0 the lower index, 1 the other, −1 not known. */
  first: Int8Array;
}

export interface JudgeInput {
  /** By name; a judge's key is its index here. */
  names: Array<{ name: string; kind: string; model: string | null }>;
  verdicts: JudgeVerdictTable;
  /**
   * Current human judgments made with a judge's suggestion on screen (the anchored ones):
   * item key, labeller index (AnalysisInput.labellers) and the judge's key.
   */
  anchored: { length: number; item: Int32Array; labeller: Int32Array; judge: Int32Array };
}

/** A judge verdict table from plain rows (tests, scripts), sorted as the loader sorts. */
export function judgeVerdictTable(
  rows: ReadonlyArray<{
    judge: number;
    item: number;
    lo: number;
    hi: number;
    code: number;
    first: number;
  }>,
): JudgeVerdictTable {
  const sorted = [...rows].sort(
    (a, b) =>
      a.judge - b.judge || a.item - b.item || a.lo - b.lo || a.hi - b.hi || a.first - b.first,
  );
  const n = sorted.length;
  const t: JudgeVerdictTable = {
    length: n,
    judge: new Int32Array(n),
    item: new Int32Array(n),
    lo: new Int32Array(n),
    hi: new Int32Array(n),
    code: new Uint8Array(n),
    first: new Int8Array(n),
  };
  sorted.forEach((r, i) => {
    t.judge[i] = r.judge;
    t.item[i] = r.item;
    t.lo[i] = r.lo;
    t.hi[i] = r.hi;
    t.code[i] = r.code;
    t.first[i] = r.first;
  });
  return t;
}

/** How many responses item key k has (0 when unknown). */
export function responseCount(input: AnalysisInput, item: number): number {
  const s = input.responses.start;
  return item + 1 < s.length ? s[item + 1]! - s[item]! : 0;
}

/** An empty table with room for n rows (the loader fills it, then `sliceTable` trims). */
export function allocateTable(n: number): JudgmentTable {
  return {
    length: n,
    item: new Int32Array(n),
    labeller: new Int32Array(n),
    kind: new Uint8Array(n),
    outcome: new Uint8Array(n),
    chosen: new Int32Array(n),
    rejected: new Int32Array(n),
    strength: new Int8Array(n).fill(-1),
    leftWon: new Int8Array(n).fill(-1),
    timeMs: new Float64Array(n),
    createdAt: new Float64Array(n),
    detail: new Array<JudgmentDetail>(n).fill(null),
  };
}

/** The rows of `keep` (ascending row indices), as a table of their own. */
export function selectRows(t: JudgmentTable, keep: Uint32Array | number[]): JudgmentTable {
  const n = keep.length;
  const out = allocateTable(n);
  for (let x = 0; x < n; x++) {
    const r = keep[x]!;
    out.item[x] = t.item[r]!;
    out.labeller[x] = t.labeller[r]!;
    out.kind[x] = t.kind[r]!;
    out.outcome[x] = t.outcome[r]!;
    out.chosen[x] = t.chosen[r]!;
    out.rejected[x] = t.rejected[r]!;
    out.strength[x] = t.strength[r]!;
    out.leftWon[x] = t.leftWon[r]!;
    out.timeMs[x] = t.timeMs[r]!;
    out.createdAt[x] = t.createdAt[r]!;
    out.detail[x] = t.detail[r]!;
  }
  return out;
}

/** Columns from plain records: how tests and scripts hand judgments to the computation. */
export function judgmentTable(records: readonly JudgmentRecord[]): JudgmentTable {
  const t = allocateTable(records.length);
  records.forEach((r, i) => {
    t.item[i] = r.item;
    t.labeller[i] = r.labeller;
    t.timeMs[i] = r.timeMs;
    t.createdAt[i] = r.createdAt;
    if (r.kind === 'pairwise') {
      t.kind[i] = PAIRWISE;
      t.outcome[i] = OUTCOME_CODES.indexOf(r.outcome);
      t.chosen[i] = r.chosen;
      t.rejected[i] = r.rejected;
      t.strength[i] = r.strength ?? -1;
      t.leftWon[i] = r.leftWon === null ? -1 : r.leftWon ? 1 : 0;
      t.detail[i] = r.criteria;
    } else if (r.kind === 'ranking') {
      t.kind[i] = RANKING;
      t.detail[i] = r.tiers;
    } else {
      t.kind[i] = RATING;
      t.detail[i] = r.ratings;
    }
  });
  return t;
}

/** Row r as a record. */
export function recordAt(t: JudgmentTable, r: number): JudgmentRecord {
  const base = {
    item: t.item[r]!,
    labeller: t.labeller[r]!,
    timeMs: t.timeMs[r]!,
    createdAt: t.createdAt[r]!,
  };
  const kind = t.kind[r]!;
  if (kind === PAIRWISE)
    return {
      kind: 'pairwise',
      ...base,
      outcome: OUTCOME_CODES[t.outcome[r]!]!,
      chosen: t.chosen[r]!,
      rejected: t.rejected[r]!,
      strength: t.strength[r]! < 0 ? null : t.strength[r]!,
      criteria: (t.detail[r] as Record<string, number | 'tie'> | null) ?? null,
      leftWon: t.leftWon[r]! < 0 ? null : t.leftWon[r] === 1,
    };
  if (kind === RANKING)
    return { kind: 'ranking', ...base, tiers: (t.detail[r] as number[][]) ?? [] };
  return { kind: 'rating', ...base, ratings: (t.detail[r] as Ratings) ?? [] };
}
