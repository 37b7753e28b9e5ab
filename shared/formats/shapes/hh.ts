import type { ItemInput, Message, ResponseInput } from '../../domain/item';
import { readId } from '../generic';
import { restOf } from '../json-value';
import { RecordError, describe, isPlainObject } from '../record-error';
import { CHOSEN_OVER_REJECTED, has, itemMetadata, withResponseMeta } from './common';
import type { Shape } from './types';

const KNOWN = new Set(['id', 'chosen', 'rejected']);
const HUMAN = '\n\nHuman:';
const ASSISTANT = '\n\nAssistant:';
const TURN = /\n\n(Human|Assistant):/g;

/**
 * Anthropic HH-RLHF transcripts: `chosen` and `rejected` are whole conversations
 * ("\n\nHuman: … \n\nAssistant: …"). The prompt is everything up to the last Assistant turn and
 * must be the same in both; a pair whose transcripts differ earlier is reported, never split
 * at a character-level common prefix (which cuts into responses that start alike).
 */
export const hhShape: Shape = {
  id: 'hh',
  sniff(record) {
    if (!isPlainObject(record) || !has(record, 'chosen', 'rejected')) return 0;
    if (record['prompt'] !== undefined) return 0.2;
    const c = record['chosen'];
    const r = record['rejected'];
    if (typeof c !== 'string' || typeof r !== 'string') return 0;
    return hasTranscriptMarkers(c) && hasTranscriptMarkers(r) ? 1 : 0.1;
  },
  toItems(record) {
    if (!isPlainObject(record))
      throw new RecordError('', `expected a JSON object, got ${describe(record)}`);
    const chosen = record['chosen'];
    const rejected = record['rejected'];
    if (typeof chosen !== 'string')
      throw new RecordError('chosen', `expected a transcript string, got ${describe(chosen)}`);
    if (typeof rejected !== 'string')
      throw new RecordError('rejected', `expected a transcript string, got ${describe(rejected)}`);
    const { prompt, responses } = splitTranscripts(chosen, rejected);
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

export function hasTranscriptMarkers(text: string): boolean {
  return text.includes(ASSISTANT) && (text.startsWith(HUMAN) || text.startsWith('Human:'));
}

/** Split two transcripts at their last Assistant turn; their prompts must be identical. */
export function splitTranscripts(
  chosen: string,
  rejected: string,
): { prompt: Message[]; responses: [ResponseInput, ResponseInput] } {
  const c = splitAtLastAssistant(chosen, 'chosen');
  const r = splitAtLastAssistant(rejected, 'rejected');
  if (c.prompt !== r.prompt) {
    const ct = transcriptTurns(c.prompt, 'chosen');
    const rt = transcriptTurns(r.prompt, 'rejected');
    let turn = 0;
    while (turn < ct.length && turn < rt.length && sameTurn(ct[turn]!, rt[turn]!)) turn++;
    throw new RecordError(
      'rejected',
      `chosen and rejected differ before their last Assistant turn (from turn ${turn + 1} of the conversation), so they are not two responses to one prompt`,
    );
  }
  return {
    prompt: transcriptTurns(c.prompt, 'chosen'),
    responses: [
      { model: null, content: c.response, metadata: null },
      { model: null, content: r.response, metadata: null },
    ],
  };
}

function sameTurn(a: Message, b: Message): boolean {
  return a.role === b.role && a.content === b.content;
}

function splitAtLastAssistant(text: string, field: string): { prompt: string; response: string } {
  const at = text.lastIndexOf(ASSISTANT);
  if (at < 0) throw new RecordError(field, 'has no "\\n\\nAssistant:" turn');
  return { prompt: text.slice(0, at), response: dropOneSpace(text.slice(at + ASSISTANT.length)) };
}

/** "Human: hi" → the text after the tag's single space (the tag format), exactly otherwise. */
function dropOneSpace(s: string): string {
  if (s === ' ') return '';
  return s.startsWith(' ') ? s.slice(1) : s;
}

/** The prompt part of a transcript as messages, one per Human/Assistant turn. */
export function transcriptTurns(prompt: string, field: string): Message[] {
  const text = prompt.startsWith('Human:') ? `\n\n${prompt}` : prompt;
  const turns: Message[] = [];
  TURN.lastIndex = 0;
  let m = TURN.exec(text);
  if (!m || m.index !== 0)
    throw new RecordError(field, 'expected the transcript to start with "\\n\\nHuman:"');
  while (m) {
    const role: Message['role'] = m[1] === 'Human' ? 'user' : 'assistant';
    const start = m.index + m[0].length;
    const next = TURN.exec(text);
    turns.push({ role, content: dropOneSpace(text.slice(start, next ? next.index : text.length)) });
    m = next;
  }
  return turns;
}
