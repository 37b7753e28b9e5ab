import type { ItemInput, Prompt, ResponseInput } from '../../domain/item';
import { readId } from '../generic';
import { restOf, setOwn } from '../json-value';
import { readMessages } from '../messages';
import { RecordError, describe, isPlainObject } from '../record-error';
import { rankingFromScores, type SourceVerdict } from '../source-verdict';
import { has, itemMetadata } from './common';
import type { Shape } from './types';

const KNOWN = new Set(['id', 'instruction', 'prompt', 'completions']);
const COMPLETION_CONTENT = new Set(['model', 'response']);
const SCORES = ['fine-grained_score', 'overall_score'] as const;

/**
 * UltraFeedback-style rows: an `instruction` (or `prompt`) and a list of `completions`, each
 * `{model, response, annotations: {aspect: {Rating, Rationale}}, fine-grained_score,
 * overall_score, critique, ...}`. Every completion becomes a response; its annotations stay in
 * the response's metadata, with the per-aspect ratings also pulled out as numbers, and the
 * score-based rankings are kept as the source's verdicts.
 */
export const ultrafeedbackShape: Shape = {
  id: 'ultrafeedback',
  sniff(record) {
    if (!isPlainObject(record) || !Array.isArray(record['completions'])) return 0;
    const first: unknown = record['completions'][0];
    const completionLike = isPlainObject(first) && first['response'] !== undefined;
    return completionLike && (has(record, 'instruction') || has(record, 'prompt')) ? 1 : 0.3;
  },
  toItems(record) {
    if (!isPlainObject(record))
      throw new RecordError('', `expected a JSON object, got ${describe(record)}`);
    const prompt = readPrompt(record);
    const raw = record['completions'];
    if (!Array.isArray(raw))
      throw new RecordError('completions', `expected a list, got ${describe(raw)}`);
    const responses: ResponseInput[] = raw.map((c: unknown, i) =>
      completion(c, `completions[${i}]`),
    );
    const verdicts: SourceVerdict[] = [];
    for (const key of SCORES) {
      const scores = raw.map((c: unknown) => {
        const s = isPlainObject(c) ? c[key] : undefined;
        return typeof s === 'number' && Number.isFinite(s) ? s : null;
      });
      if (scores.filter((s) => s !== null).length >= 2)
        verdicts.push({ from: key, ranking: rankingFromScores(scores) });
    }
    return [
      {
        sourceId: readId(record['id']),
        prompt,
        responses,
        metadata: itemMetadata(restOf(record, KNOWN), verdicts),
      } satisfies ItemInput,
    ];
  },
};

function readPrompt(record: Record<string, unknown>): Prompt {
  const field = record['instruction'] !== undefined ? 'instruction' : 'prompt';
  const value = record[field];
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && field === 'prompt') return readMessages(value, field);
  throw new RecordError(field, `expected a string, got ${describe(value)}`);
}

function completion(value: unknown, field: string): ResponseInput {
  if (!isPlainObject(value))
    throw new RecordError(field, `expected a completion object, got ${describe(value)}`);
  const text = value['response'];
  if (typeof text !== 'string')
    throw new RecordError(`${field}.response`, `expected a string, got ${describe(text)}`);
  const model = value['model'];
  if (model !== undefined && model !== null && typeof model !== 'string')
    throw new RecordError(`${field}.model`, `expected a string, got ${describe(model)}`);
  const metadata = restOf(value, COMPLETION_CONTENT) ?? {};
  const ratings = aspectRatings(value['annotations']);
  if (ratings) setOwn(metadata, 'ratings', ratings);
  return {
    model: typeof model === 'string' ? model : null,
    content: text,
    metadata: Object.keys(metadata).length ? metadata : null,
  };
}

/**
 * `{helpfulness: {Rating: "4", ...}, honesty: [{Rating: "5"}]}` → `{helpfulness: 4, honesty: 5}`.
 * "N/A" and other non-numbers become null.
 */
function aspectRatings(annotations: unknown): Record<string, number | null> | null {
  if (!isPlainObject(annotations)) return null;
  let out: Record<string, number | null> | null = null;
  for (const aspect of Object.keys(annotations)) {
    let a = annotations[aspect];
    if (Array.isArray(a)) a = a[0];
    if (!isPlainObject(a) || a['Rating'] === undefined) continue;
    const n = Number(a['Rating']);
    out ??= {};
    setOwn(out, aspect, a['Rating'] !== '' && Number.isFinite(n) ? n : null);
  }
  return out;
}
