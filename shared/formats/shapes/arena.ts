import type { ItemInput, Message } from '../../domain/item';
import { readId } from '../generic';
import { restOf } from '../json-value';
import { RecordError, describe, isPlainObject } from '../record-error';
import type { SourceVerdict } from '../source-verdict';
import { has, itemMetadata, requireString, splitConversations, withResponseMeta } from './common';
import type { Shape } from './types';

const KNOWN = new Set([
  'question_id',
  'id',
  'model_a',
  'model_b',
  'conversation_a',
  'conversation_b',
  'prompt',
  'response_a',
  'response_b',
]);

/**
 * Arena battles, in the two public layouts:
 * - Chatbot Arena conversations: `model_a`, `model_b`, `conversation_a/b` (message lists that
 *   share the user turns), `winner` ∈ model_a | model_b | tie | tie (bothbad);
 * - the Arena human-preference set: `prompt`, `response_a`, `response_b` as JSON-encoded lists
 *   of turns, and `winner_model_a` / `winner_model_b` / `winner_tie` flags.
 * The shared opening is the prompt, the rest of each side is a response (named after its
 * model), and the recorded winner is kept as the source's verdict.
 */
export const arenaShape: Shape = {
  id: 'arena',
  sniff(record) {
    if (!isPlainObject(record) || !has(record, 'model_a', 'model_b')) return 0;
    if (has(record, 'conversation_a', 'conversation_b')) return 1;
    if (has(record, 'response_a', 'response_b')) return 1;
    return 0.3;
  },
  toItems(record) {
    if (!isPlainObject(record))
      throw new RecordError('', `expected a JSON object, got ${describe(record)}`);
    const modelA = requireString(record['model_a'], 'model_a');
    const modelB = requireString(record['model_b'], 'model_b');
    const [convA, convB, fields] = conversations(record);
    const { prompt, responses } = splitConversations(convA, convB, fields, null);
    const verdict = winner(record);
    return [
      {
        sourceId: readId(
          record['question_id'] ?? record['id'],
          record['question_id'] !== undefined ? 'question_id' : 'id',
        ),
        prompt,
        responses: [
          withResponseMeta({ ...responses[0], model: modelA }, 'side', 'model_a'),
          withResponseMeta({ ...responses[1], model: modelB }, 'side', 'model_b'),
        ],
        metadata: itemMetadata(restOf(record, KNOWN), verdict ? [verdict] : []),
      } satisfies ItemInput,
    ];
  },
};

function conversations(record: Record<string, unknown>): [unknown, unknown, [string, string]] {
  if (record['conversation_a'] !== undefined)
    return [
      record['conversation_a'],
      record['conversation_b'],
      ['conversation_a', 'conversation_b'],
    ];
  const prompts = turnList(record['prompt'], 'prompt');
  const a = turnList(record['response_a'], 'response_a');
  const b = turnList(record['response_b'], 'response_b');
  return [interleave(prompts, a), interleave(prompts, b), ['response_a', 'response_b']];
}

/** A list of turns, given as a list or as its JSON encoding (the Kaggle CSV layout). */
function turnList(value: unknown, field: string): Array<string | null> {
  let list = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      list = [value];
    }
  }
  if (!Array.isArray(list) || !list.every((t) => t === null || typeof t === 'string'))
    throw new RecordError(field, `expected a list of turns (strings), got ${describe(list)}`);
  return list as Array<string | null>;
}

function interleave(prompts: Array<string | null>, replies: Array<string | null>): Message[] {
  const out: Message[] = [];
  prompts.forEach((p, i) => {
    out.push({ role: 'user', content: p ?? '' });
    if (i < replies.length) out.push({ role: 'assistant', content: replies[i] ?? '' });
  });
  return out;
}

function winner(record: Record<string, unknown>): SourceVerdict | null {
  const w = record['winner'];
  const judge = typeof record['judge'] === 'string' ? { by: record['judge'] } : {};
  if (w !== undefined && w !== null) {
    switch (w) {
      case 'model_a':
        return { from: 'winner', ranking: [[0], [1]], ...judge };
      case 'model_b':
        return { from: 'winner', ranking: [[1], [0]], ...judge };
      case 'tie':
        return { from: 'winner', ranking: [[0, 1]], ...judge };
      case 'tie (bothbad)':
        return { from: 'winner', ranking: [[0, 1]], bothBad: true, ...judge };
      default:
        throw new RecordError(
          'winner',
          `expected model_a, model_b, tie or "tie (bothbad)", got ${JSON.stringify(w)}`,
        );
    }
  }
  const flag = (k: string) => record[k] === 1 || record[k] === true || record[k] === '1';
  if (record['winner_model_a'] !== undefined) {
    if (flag('winner_model_a')) return { from: 'winner_model_a', ranking: [[0], [1]] };
    if (flag('winner_model_b')) return { from: 'winner_model_b', ranking: [[1], [0]] };
    if (flag('winner_tie')) return { from: 'winner_tie', ranking: [[0, 1]] };
  }
  return null;
}
