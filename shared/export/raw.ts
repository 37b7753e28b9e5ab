import type { JudgmentKind, StoredVerdict } from '../domain/judgment';
import {
  BOOL,
  FLOAT64,
  INT32,
  INT64,
  STRING,
  TIMESTAMP,
  col,
  listOf,
  type Column,
} from './columns';
import type { ResponseIn, Row } from './rows';

/**
 * The raw format: every judgment revision, superseded and retracted ones included, with
 * everything stored about it — the audit trail. Response indices are source order; the
 * order the labeller saw is in `displayed_order`.
 */
export interface RevisionIn {
  id: string;
  itemId: string;
  labellerId: string;
  labellerName: string;
  revision: number;
  supersedes: string | null;
  /** The labeller's current revision on the item. */
  current: boolean;
  kind: JudgmentKind;
  /** Null for a retraction. */
  verdict: StoredVerdict | null;
  flags: string[];
  rationale: string | null;
  displayedOrder: number[];
  timeMs: number;
  guidelineVersion: number;
  taskVersion: number;
  createdAt: number;
}

const OPT = true;

export const RAW_COLUMNS: Column[] = [
  col('judgment_id', STRING, 'the revision’s id (UUIDv7)'),
  col('item_id', STRING, 'the item’s id in its source file'),
  col('labeller_id', STRING, 'the labeller’s stable id'),
  col('labeller_name', STRING, 'the labeller’s display name'),
  col('revision', INT32, '1 for the first judgment, +1 for every edit or undo'),
  col('supersedes', STRING, 'the revision this one replaced', OPT),
  col('current', BOOL, 'true for the labeller’s latest revision on the item'),
  col('kind', STRING, 'pairwise, ranking, rating, skip, or retract (an undo)'),
  col('outcome', STRING, 'pairwise: preferred, tie or both_bad', OPT),
  col(
    'chosen_idx',
    INT32,
    'pairwise: the preferred response (source order); for a tie, the lower index',
    OPT,
  ),
  col('rejected_idx', INT32, 'pairwise: the other response', OPT),
  col('chosen_model', STRING, 'the model of chosen_idx, when known', OPT),
  col('rejected_model', STRING, 'the model of rejected_idx, when known', OPT),
  col('strength', INT32, 'pairwise: 1..levels of the project’s strength scale', OPT),
  col(
    'criteria',
    listOf({
      kind: 'struct',
      fields: [
        col('name', STRING, 'the criterion'),
        col('preferred_idx', INT32, 'the better response, or null for a tie', OPT),
        col('tie', BOOL, 'the responses were judged equal on it'),
      ],
    }),
    'pairwise: per-criterion verdicts',
  ),
  col('ranking', listOf(listOf(INT32)), 'ranking: tiers of response indices, best first', OPT),
  col('none_acceptable', BOOL, 'ranking: every response was unacceptable', OPT),
  col(
    'ratings',
    listOf({
      kind: 'struct',
      fields: [
        col('idx', INT32, 'the response'),
        col('thumb', STRING, 'up or down', OPT),
        col(
          'aspects',
          listOf({
            kind: 'struct',
            fields: [col('name', STRING, 'the aspect'), col('value', FLOAT64, 'the score')],
          }),
          'scores per aspect',
        ),
      ],
    }),
    'rating: per response',
    OPT,
  ),
  col('skip_reason', STRING, 'skip: why', OPT),
  col('flags', listOf(STRING), 'flags raised'),
  col('rationale', STRING, 'the labeller’s note', OPT),
  col('displayed_order', listOf(INT32), 'response indices in the order they were shown'),
  col('response_models', listOf(STRING, true), 'the model of each response, by index'),
  col('time_ms', INT64, 'time spent on the judgment'),
  col('guideline_version', INT32, 'the guidelines in force'),
  col('task_version', INT32, 'the task settings in force'),
  col('created_at', TIMESTAMP, 'when the revision was made (UTC)'),
];

export function rawRow(r: RevisionIn, responses: readonly ResponseIn[]): Row {
  const v = r.verdict;
  const model = (idx: number | null) =>
    idx === null ? null : (responses.find((x) => x.idx === idx)?.model ?? null);
  const pair = v?.kind === 'pairwise' ? v : null;
  return {
    judgment_id: r.id,
    item_id: r.itemId,
    labeller_id: r.labellerId,
    labeller_name: r.labellerName,
    revision: r.revision,
    supersedes: r.supersedes,
    current: r.current,
    kind: r.kind,
    outcome: pair?.outcome ?? null,
    chosen_idx: pair?.chosenIdx ?? null,
    rejected_idx: pair?.rejectedIdx ?? null,
    chosen_model: model(pair?.chosenIdx ?? null),
    rejected_model: model(pair?.rejectedIdx ?? null),
    strength: pair?.strength ?? null,
    criteria: pair
      ? Object.entries(pair.criteria).map(([name, c]) => ({
          name,
          preferred_idx: c === 'tie' ? null : c,
          tie: c === 'tie',
        }))
      : [],
    ranking: v?.kind === 'ranking' ? v.tiers : null,
    none_acceptable: v?.kind === 'ranking' ? v.noneAcceptable : null,
    ratings:
      v?.kind === 'rating'
        ? v.ratings.map((x) => ({
            idx: x.idx,
            thumb: x.thumb,
            aspects: Object.entries(x.aspects).map(([name, value]) => ({ name, value })),
          }))
        : null,
    skip_reason: v?.kind === 'skip' ? v.reason : null,
    flags: r.flags,
    rationale: r.rationale,
    displayed_order: r.displayedOrder,
    response_models: [...responses].sort((a, b) => a.idx - b.idx).map((x) => x.model),
    time_ms: r.timeMs,
    guideline_version: r.guidelineVersion,
    task_version: r.taskVersion,
    // A Date: JSON writes it as ISO 8601, Parquet as a UTC timestamp.
    created_at: new Date(r.createdAt),
  };
}

/** The label a raw row is counted under in the card's distribution. */
export function rawLabel(r: RevisionIn): string {
  return r.verdict?.kind === 'pairwise' ? `pairwise ${r.verdict.outcome}` : r.kind;
}
