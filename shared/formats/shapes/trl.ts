import type { ItemInput, Prompt, ResponseInput } from '../../domain/item';
import { readId } from '../generic';
import { restOf } from '../json-value';
import { readMessages } from '../messages';
import { RecordError, describe, isPlainObject } from '../record-error';
import {
  CHOSEN_OVER_REJECTED,
  has,
  itemMetadata,
  splitConversations,
  withResponseMeta,
} from './common';
import { hasTranscriptMarkers, splitTranscripts } from './hh';
import type { Shape } from './types';

const KNOWN = new Set(['id', 'prompt', 'chosen', 'rejected']);

/**
 * TRL preference rows: `prompt`/`chosen`/`rejected`, standard (strings) or conversational
 * (message lists), with an explicit prompt or an implicit one (the shared prefix of chosen
 * and rejected). Each row becomes an item with two responses to re-label; TRL's own
 * preference is kept as a source verdict (response 0 was chosen over response 1).
 */
export const trlShape: Shape = {
  id: 'trl',
  sniff(record) {
    if (!isPlainObject(record) || !has(record, 'chosen', 'rejected')) return 0;
    if (record['conversations'] !== undefined) return 0.2;
    if (record['prompt'] !== undefined) return 1;
    if (Array.isArray(record['chosen'])) return 0.9;
    if (typeof record['chosen'] === 'string')
      return hasTranscriptMarkers(record['chosen']) ? 0.5 : 0.8;
    return 0.3;
  },
  toItems(record) {
    if (!isPlainObject(record))
      throw new RecordError('', `expected a JSON object, got ${describe(record)}`);
    const { prompt, responses } = trlPair(record);
    return [
      {
        sourceId: readId(record['id']),
        prompt,
        responses: [
          withResponseMeta(responses[0], 'source_field', 'chosen'),
          withResponseMeta(responses[1], 'source_field', 'rejected'),
        ],
        metadata: itemMetadata(restOf(record, KNOWN), [CHOSEN_OVER_REJECTED]),
      } satisfies ItemInput,
    ];
  },
};

function trlPair(record: Record<string, unknown>): {
  prompt: Prompt;
  responses: [ResponseInput, ResponseInput];
} {
  const chosen = record['chosen'];
  const rejected = record['rejected'];
  if (chosen === undefined) throw new RecordError('chosen', 'missing');
  if (rejected === undefined) throw new RecordError('rejected', 'missing');
  const explicit = record['prompt'] === undefined ? null : readTrlPrompt(record['prompt']);

  if (typeof chosen === 'string') {
    if (typeof rejected !== 'string')
      throw new RecordError('rejected', `expected a string like chosen, got ${describe(rejected)}`);
    if (explicit !== null) return { prompt: explicit, responses: [text(chosen), text(rejected)] };
    // No prompt: the prompt is the shared beginning of the two texts.
    if (hasTranscriptMarkers(chosen) && hasTranscriptMarkers(rejected))
      return splitTranscripts(chosen, rejected);
    return splitPlainText(chosen, rejected);
  }
  if (Array.isArray(chosen)) {
    if (!Array.isArray(rejected))
      throw new RecordError(
        'rejected',
        `expected a list of messages like chosen, got ${describe(rejected)}`,
      );
    return splitConversations(chosen, rejected, ['chosen', 'rejected'], explicit);
  }
  throw new RecordError(
    'chosen',
    `expected a string or a list of messages, got ${describe(chosen)}`,
  );
}

function readTrlPrompt(value: unknown): Prompt {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const messages = readMessages(value, 'prompt');
    if (messages.length === 0) throw new RecordError('prompt', 'must not be empty');
    return messages;
  }
  throw new RecordError(
    'prompt',
    `expected a string or a list of messages, got ${describe(value)}`,
  );
}

function text(content: string): ResponseInput {
  return { model: null, content, metadata: null };
}

/**
 * TRL's implicit prompt for plain strings: the longest common prefix, cut back to the last
 * whitespace so no word is split between prompt and response (TRL's extract_prompt does the
 * same). Two texts that share nothing have an empty prompt.
 */
export function splitPlainText(
  chosen: string,
  rejected: string,
): { prompt: string; responses: [ResponseInput, ResponseInput] } {
  let n = 0;
  const max = Math.min(chosen.length, rejected.length);
  while (n < max && chosen.charCodeAt(n) === rejected.charCodeAt(n)) n++;
  if (n === chosen.length || n === rejected.length) {
    // One is a prefix of the other: cut at the last whitespace before the end.
    n = Math.max(0, n - 1);
  }
  while (n > 0 && !/\s/.test(chosen[n - 1]!)) n--;
  if (chosen === rejected) n = 0;
  return {
    prompt: chosen.slice(0, n).trimEnd(),
    responses: [text(chosen.slice(n)), text(rejected.slice(n))],
  };
}
