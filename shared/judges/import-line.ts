import { isPlainObject, describe as describeValue, RecordError } from '../formats/record-error';
import { JudgeKindSchema, JudgeNameSchema, type JudgeKind } from './judge';

/**
 * One line of a judge verdicts file (`rankwise judges import`), checked on its own; what needs
 * the project (does the item exist, how many responses it has) is checked by the importer.
 *
 *   {"itemId": "q1", "judge": "NAME", "chosen": 1, "rejected": 0}
 *   {"itemId": "q2", "judge": "NAME", "outcome": "tie"}            (or "both_bad")
 *
 * Response indices are in source order, as in the gold file. A tie or both-bad verdict is on
 * responses 0 and 1 unless `chosen` and `rejected` name the pair. Optional: `order` (the
 * response indices in the order the judge saw them), `rationale`, `score` (a reward model's
 * score per response, in source order), `createdAt` (ms since the epoch, or ISO 8601), and
 * for a judge the project does not have yet, its `kind` (llm, reward-model, dataset; default
 * llm) and `model`. Any other field is refused: a misspelt field must not be dropped silently.
 */
export interface JudgeLine {
  itemId: string;
  judge: string;
  kind: JudgeKind | null;
  model: string | null;
  outcome: 'preferred' | 'tie' | 'both_bad';
  /** The preferred response; for a tie or both bad, one of the pair. */
  chosen: number;
  rejected: number;
  order: number[] | null;
  rationale: string | null;
  scores: Array<number | null> | null;
  createdAt: number | null;
}

const FIELDS = [
  'itemId',
  'judge',
  'chosen',
  'rejected',
  'outcome',
  'order',
  'rationale',
  'score',
  'createdAt',
  'kind',
  'model',
];

const index = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

export function parseJudgeLine(value: unknown): JudgeLine {
  if (!isPlainObject(value))
    throw new RecordError('', `expected a JSON object per line, got ${describeValue(value)}`);
  for (const k of Object.keys(value))
    if (!FIELDS.includes(k))
      throw new RecordError(
        k,
        `unknown field; a verdict line has ${FIELDS.map((f) => `"${f}"`).join(', ')}`,
      );
  const itemId = value['itemId'];
  if (typeof itemId !== 'string' || itemId.length === 0 || itemId.length > 200)
    throw new RecordError(
      'itemId',
      `expected the item's id (a string), got ${describeValue(itemId)}`,
    );
  const judge = value['judge'];
  const name = JudgeNameSchema.safeParse(judge);
  if (!name.success)
    throw new RecordError(
      'judge',
      typeof judge === 'string'
        ? name.error.issues[0]!.message
        : `expected the judge's name (a string), got ${describeValue(judge)}`,
    );

  const outcome = value['outcome'] ?? 'preferred';
  if (outcome !== 'preferred' && outcome !== 'tie' && outcome !== 'both_bad')
    throw new RecordError(
      'outcome',
      `expected "tie" or "both_bad" (or no outcome, with chosen and rejected), got ${JSON.stringify(outcome)}`,
    );
  const chosenIn = value['chosen'];
  const rejectedIn = value['rejected'];
  let chosen: number;
  let rejected: number;
  if (outcome === 'preferred') {
    if (!index(chosenIn))
      throw new RecordError(
        'chosen',
        `expected the preferred response's index (0, 1, …), got ${describeValue(chosenIn)}`,
      );
    if (!index(rejectedIn))
      throw new RecordError(
        'rejected',
        `expected the other response's index (0, 1, …), got ${describeValue(rejectedIn)}`,
      );
    chosen = chosenIn;
    rejected = rejectedIn;
  } else {
    if (chosenIn === undefined && rejectedIn === undefined) {
      chosen = 0;
      rejected = 1;
    } else if (index(chosenIn) && index(rejectedIn)) {
      chosen = chosenIn;
      rejected = rejectedIn;
    } else
      throw new RecordError(
        index(chosenIn) ? 'rejected' : 'chosen',
        'a tie or both-bad verdict names its pair with two response indices, or neither (responses 0 and 1)',
      );
  }
  if (chosen === rejected)
    throw new RecordError('rejected', `compares response ${chosen} with itself`);

  let order: number[] | null = null;
  const o = value['order'];
  if (o !== undefined && o !== null) {
    if (!Array.isArray(o) || !o.every(index) || new Set(o).size !== o.length)
      throw new RecordError(
        'order',
        'expected the response indices in the order the judge saw them, e.g. [1, 0]',
      );
    if (!o.includes(chosen) || !o.includes(rejected))
      throw new RecordError(
        'order',
        `does not list both responses judged (${chosen} and ${rejected})`,
      );
    order = o;
  }

  const r = value['rationale'];
  if (r !== undefined && r !== null && typeof r !== 'string')
    throw new RecordError('rationale', `expected text, got ${describeValue(r)}`);

  let scores: Array<number | null> | null = null;
  const s = value['score'];
  if (s !== undefined && s !== null) {
    if (
      !Array.isArray(s) ||
      s.length < 2 ||
      !s.every((x) => x === null || (typeof x === 'number' && Number.isFinite(x)))
    )
      throw new RecordError(
        'score',
        'expected one score per response in source order, e.g. [0.2, 1.7] (null for a response without one)',
      );
    scores = s as Array<number | null>;
  }

  let createdAt: number | null = null;
  const c = value['createdAt'];
  if (c !== undefined && c !== null) {
    const t = typeof c === 'string' ? Date.parse(c) : typeof c === 'number' ? c : NaN;
    if (!Number.isSafeInteger(t) || t < 0)
      throw new RecordError(
        'createdAt',
        `expected a time (ms since 1970, or ISO 8601 such as "2025-03-31T12:00:00Z"), got ${JSON.stringify(c)}`,
      );
    createdAt = t;
  }

  let kind: JudgeKind | null = null;
  if (value['kind'] !== undefined) {
    const k = JudgeKindSchema.safeParse(value['kind']);
    if (!k.success)
      throw new RecordError(
        'kind',
        `expected ${JudgeKindSchema.options.map((x) => `"${x}"`).join(', ')}, got ${JSON.stringify(value['kind'])}`,
      );
    kind = k.data;
  }
  const m = value['model'];
  if (m !== undefined && m !== null && (typeof m !== 'string' || m.length > 200))
    throw new RecordError('model', `expected the model's name (text), got ${describeValue(m)}`);

  return {
    itemId,
    judge: name.data,
    kind,
    model: typeof m === 'string' ? m : null,
    outcome,
    chosen,
    rejected,
    order,
    rationale: typeof r === 'string' ? r : null,
    scores,
    createdAt,
  };
}

/** The response of the pair shown first, from the order the judge saw (null: not known). */
export function shownFirstOf(order: readonly number[] | null, a: number, b: number): number | null {
  if (!order) return null;
  return order.indexOf(a) < order.indexOf(b) ? a : b;
}
