/**
 * What the review figures are computed from: every labeller's current judgment per item
 * (heads, without retractions and skips), in response terms, plus gold answers, answers to
 * swapped repeats and model names. Plain data, so the computation is a pure function that
 * runs the same in a worker thread, a test or a script.
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

export interface RatingRecord {
  kind: 'rating';
  item: number;
  labeller: number;
  ratings: Array<{ idx: number; aspects: Record<string, number>; thumb: 'up' | 'down' | null }>;
  timeMs: number;
  createdAt: number;
}

export type JudgmentRecord = PairwiseRecord | RankingRecord | RatingRecord;

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
  /** Item ids by index, and their queue order (seq). */
  items: { ids: string[]; seq: number[] };
  /** Model name of each response, per item index (null where unknown). */
  models: Array<Array<string | null>>;
  judgments: JudgmentRecord[];
  gold: Map<number, GoldAnswer>;
  repeats: RepeatPair[];
  /**
   * Items that share a prompt with other items, grouped, with a key per response identifying
   * its text within the group: where one labeller's preferences can go round in a circle.
   */
  promptGroups: Array<{ items: number[]; responseKeys: Map<number, string[]> }>;
  /** The strength scale (0: none) and criteria of the task settings. */
  strengthLevels: number;
  totalItems: number;
  adjudicated: number;
}
