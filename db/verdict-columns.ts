import type { JudgmentKind, Outcome, StoredVerdict } from '../shared/domain/judgment';
import type { ShownSuggestion } from '../shared/judges/judge';

/**
 * How a verdict is stored, in one place for both tables that hold verdicts (`judgments` and
 * `repeat_judgments`) and every path that writes them (a submission, a repeat answer, an undo,
 * a merge): pairwise outcomes get real columns (exports and the analysis filter on them),
 * rankings, ratings and skips go to `payload_json`. A new verdict kind is added here (and in
 * `StoredVerdict`), and `encodeVerdict`/`decodeVerdict` stop compiling until it is.
 */
export interface VerdictFields {
  outcome: Outcome | null;
  chosenIdx: number | null;
  rejectedIdx: number | null;
  strength: number | null;
  payload: object | null;
  criteria: Record<string, unknown> | null;
}

/** The verdict columns of a stored row, as read back. */
export interface VerdictColumnsRow {
  kind: JudgmentKind;
  outcome: Outcome | null;
  chosen_idx: number | null;
  rejected_idx: number | null;
  strength: number | null;
  payload_json: string | null;
  criteria_json: string | null;
}

const NONE = {
  outcome: null,
  chosenIdx: null,
  rejectedIdx: null,
  strength: null,
  payload: null,
  criteria: null,
} as const;

/** A verdict (or a retraction) as the fields its columns hold. */
export function encodeVerdict(v: StoredVerdict | { kind: 'retract' }): VerdictFields {
  switch (v.kind) {
    case 'pairwise':
      return {
        ...NONE,
        outcome: v.outcome,
        chosenIdx: v.chosenIdx,
        rejectedIdx: v.rejectedIdx,
        strength: v.strength,
        criteria: v.criteria,
      };
    case 'ranking':
    case 'rating':
    case 'skip': {
      const { kind: _kind, ...payload } = v;
      return { ...NONE, payload };
    }
    case 'retract':
      return NONE;
  }
}

/** A stored row's verdict (null for a retraction): the inverse of `encodeVerdict`. */
export function decodeVerdict(row: VerdictColumnsRow): StoredVerdict | null {
  switch (row.kind) {
    case 'pairwise':
      return {
        kind: 'pairwise',
        outcome: row.outcome!,
        chosenIdx: row.chosen_idx!,
        rejectedIdx: row.rejected_idx!,
        strength: row.strength,
        criteria: row.criteria_json
          ? (JSON.parse(row.criteria_json) as Record<string, number | 'tie'>)
          : {},
      };
    case 'ranking':
    case 'rating':
    case 'skip':
      return {
        kind: row.kind,
        ...(JSON.parse(row.payload_json ?? '{}') as object),
      } as StoredVerdict;
    case 'retract':
      return null;
  }
}

/** A verdict revision as the judgments and repeat_judgments tables store it. */
export interface VerdictRow extends VerdictFields {
  kind: string;
  flags: readonly string[];
  rationale: string | null;
  displayedOrder: readonly number[];
  timeMs: number;
  guidelineVersion: number;
  taskVersion: number;
  createdAt: number;
  /** A judge's suggestion that was on screen when the verdict was made (null or absent: none). */
  suggestion?: ShownSuggestion | null;
}

/**
 * The verdict columns, in the order both tables list them after their keys: kind, outcome,
 * chosen_idx, rejected_idx, strength, payload_json, criteria_json, flags_json, rationale,
 * displayed_order_json, time_ms, guideline_version, task_version, created_at,
 * suggestion_json. Empty criteria and flags, and no suggestion, are stored as NULL.
 */
export function verdictColumns(r: VerdictRow) {
  return [
    r.kind,
    r.outcome,
    r.chosenIdx,
    r.rejectedIdx,
    r.strength,
    r.payload ? JSON.stringify(r.payload) : null,
    r.criteria && Object.keys(r.criteria).length ? JSON.stringify(r.criteria) : null,
    r.flags.length ? JSON.stringify(r.flags) : null,
    r.rationale,
    JSON.stringify(r.displayedOrder),
    r.timeMs,
    r.guidelineVersion,
    r.taskVersion,
    r.createdAt,
    r.suggestion ? JSON.stringify(r.suggestion) : null,
  ] as const;
}

/** The verdict columns' names in `verdictColumns` order, for INSERT statements. */
export const VERDICT_COLUMN_NAMES =
  'kind, outcome, chosen_idx, rejected_idx, strength, payload_json, criteria_json, flags_json, rationale, displayed_order_json, time_ms, guideline_version, task_version, created_at, suggestion_json';

/** One placeholder per verdict column, in the same order (so no INSERT counts them by hand). */
export const VERDICT_PLACEHOLDERS = VERDICT_COLUMN_NAMES.split(',')
  .map(() => '?')
  .join(', ');
