import type { ItemInput, ResponseInput } from '../../domain/item';
import { readId } from '../generic';
import { restOf, setOwn } from '../json-value';
import { RecordError, describe, isPlainObject } from '../record-error';
import type { SourceVerdict } from '../source-verdict';
import { itemMetadata } from './common';
import type { Shape } from './types';

const PROMPT_KEYS = ['prompt', 'question', 'instruction', 'input'];
const ANSWER_KEY = /^(answer|response|completion|output)[ _-]?[a-z0-9]*$/i;
const TASK_KEYS = new Set(['id', 'data']);

/**
 * Label Studio pairwise tasks: import tasks (`{prompt, answer1, answer2}`, bare or under
 * `data`) and exports (`{id, data, annotations: [{result: [{type: "pairwise", value:
 * {selected: "left" | "right"}}], completed_by, ...}]}`). The answers become responses in
 * their key order (answer1 is "left"); every annotator's pairwise choice is kept as a source
 * verdict, and the rest of the task (annotations included) as metadata.
 */
export const labelstudioShape: Shape = {
  id: 'labelstudio',
  sniff(record) {
    if (!isPlainObject(record)) return 0;
    const data = record['data'];
    if (isPlainObject(data)) {
      const fits = answerKeys(data).length >= 2 && promptKey(data) !== null;
      if (fits && Array.isArray(record['annotations'])) return 1;
      return fits ? 0.9 : 0.2;
    }
    return answerKeys(record).length >= 2 &&
      promptKey(record) !== null &&
      record['answer1'] !== undefined
      ? 0.9
      : 0;
  },
  toItems(record) {
    if (!isPlainObject(record))
      throw new RecordError('', `expected a JSON object, got ${describe(record)}`);
    const nested = isPlainObject(record['data']);
    const data = nested ? (record['data'] as Record<string, unknown>) : record;
    const base = nested ? 'data.' : '';
    const pk = promptKey(data);
    if (pk === null)
      throw new RecordError(`${base}prompt`, `missing: expected one of ${PROMPT_KEYS.join(', ')}`);
    const prompt = data[pk];
    if (typeof prompt !== 'string')
      throw new RecordError(base + pk, `expected a string, got ${describe(prompt)}`);
    const keys = answerKeys(data);
    if (keys.length < 2)
      throw new RecordError(
        `${base}answer2`,
        `expected two or more answers (answer1, answer2, …), found ${keys.length}`,
      );
    const responses: ResponseInput[] = keys.map((k) => {
      const text = data[k];
      if (typeof text !== 'string')
        throw new RecordError(base + k, `expected a string, got ${describe(text)}`);
      const metadata: Record<string, unknown> = {};
      setOwn(metadata, 'source_field', k);
      return { model: null, content: text, metadata };
    });
    const extra: Record<string, unknown> = {};
    const otherData = restOf(data, new Set([pk, ...keys]));
    if (nested && otherData) setOwn(extra, 'data', otherData);
    const taskRest = nested ? restOf(record, TASK_KEYS) : otherData;
    return [
      {
        sourceId: nested ? readId(record['id']) : null,
        prompt,
        responses,
        metadata: itemMetadata(taskRest, verdicts(record['annotations']), nested ? extra : null),
      } satisfies ItemInput,
    ];
  },
};

function promptKey(data: Record<string, unknown>): string | null {
  return PROMPT_KEYS.find((k) => typeof data[k] === 'string') ?? null;
}

function answerKeys(data: Record<string, unknown>): string[] {
  return Object.keys(data).filter((k) => ANSWER_KEY.test(k));
}

/** Each non-cancelled annotation's pairwise result, as a verdict by its annotator. */
function verdicts(annotations: unknown): SourceVerdict[] {
  if (!Array.isArray(annotations)) return [];
  const out: SourceVerdict[] = [];
  annotations.forEach((a: unknown, i) => {
    if (!isPlainObject(a) || a['was_cancelled'] === true || !Array.isArray(a['result'])) return;
    for (const r of a['result'] as unknown[]) {
      if (!isPlainObject(r) || r['type'] !== 'pairwise' || !isPlainObject(r['value'])) continue;
      const selected = r['value']['selected'];
      if (selected !== 'left' && selected !== 'right')
        throw new RecordError(
          `annotations[${i}].result.value.selected`,
          `expected "left" or "right", got ${JSON.stringify(selected)}`,
        );
      const by = a['completed_by'];
      out.push({
        from: 'annotations',
        ranking: selected === 'left' ? [[0], [1]] : [[1], [0]],
        ...(by !== undefined && by !== null
          ? { by: typeof by === 'string' ? by : JSON.stringify(by) }
          : {}),
      });
    }
  });
  return out;
}
