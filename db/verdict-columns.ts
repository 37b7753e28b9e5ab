/** A verdict revision as the judgments and repeat_judgments tables store it. */
export interface VerdictRow {
  kind: string;
  outcome: string | null;
  chosenIdx: number | null;
  rejectedIdx: number | null;
  strength: number | null;
  payload: object | null;
  criteria: Record<string, unknown> | null;
  flags: readonly string[];
  rationale: string | null;
  displayedOrder: readonly number[];
  timeMs: number;
  guidelineVersion: number;
  taskVersion: number;
  createdAt: number;
}

/**
 * The verdict columns, in the order both tables list them after their keys: kind, outcome,
 * chosen_idx, rejected_idx, strength, payload_json, criteria_json, flags_json, rationale,
 * displayed_order_json, time_ms, guideline_version, task_version, created_at. Empty criteria
 * and flags are stored as NULL, as a submitted judgment's are.
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
  ] as const;
}
