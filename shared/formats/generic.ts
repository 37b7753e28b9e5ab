import {
  MIN_RESPONSES,
  type ItemInput,
  type Message,
  type Metadata,
  type Prompt,
  type ResponseInput,
} from '../domain/item';
import { mergeOwn, restOf, setOwn } from './json-value';
import { readChatMessage } from './messages';
import { RecordError, describe, isPlainObject } from './record-error';

const RESPONSE_KNOWN_KEYS = new Set(['model', 'text', 'content']);
const RECORD_KNOWN_KEYS = new Set(['id', 'prompt', 'messages', 'system', 'metadata', 'responses']);

/**
 * The generic shape: `{id?, prompt | messages, system?, metadata?, responses: [...]}` where a
 * response is a string or `{model?, text | content, ...metadata}`. Pure: one parsed record in,
 * one item out, or a RecordError naming the field.
 */
export function genericToItem(record: unknown): ItemInput {
  if (!isPlainObject(record))
    throw new RecordError('', `expected a JSON object, got ${describe(record)}`);

  const sourceId = readId(record['id']);
  const prompt = readPrompt(record);
  const responses = readResponses(record['responses']);
  const metadata = record['metadata'];
  if (metadata !== undefined && metadata !== null && !isPlainObject(metadata)) {
    throw new RecordError('metadata', `expected an object, got ${describe(metadata)}`);
  }
  // Fields the shape does not name are kept as metadata (explicit metadata wins a clash).
  const extra = restOf(record, RECORD_KNOWN_KEYS);
  return {
    sourceId,
    prompt,
    responses,
    metadata: mergeOwn(extra, metadata),
  };
}

/** A source id: a non-empty string (at most 200 characters) or a finite number. */
export function readId(id: unknown, field = 'id'): string | null {
  if (id === undefined || id === null) return null;
  if (typeof id === 'string') {
    if (id.length === 0) throw new RecordError(field, 'must not be empty');
    if (id.length > 200) throw new RecordError(field, 'is longer than 200 characters');
    return id;
  }
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  throw new RecordError(field, `expected a string or number, got ${describe(id)}`);
}

function readPrompt(record: Record<string, unknown>): Prompt {
  const system = record['system'];
  if (system !== undefined && typeof system !== 'string') {
    throw new RecordError('system', `expected a string, got ${describe(system)}`);
  }
  const hasPrompt = record['prompt'] !== undefined;
  const hasMessages = record['messages'] !== undefined;
  if (hasPrompt && hasMessages)
    throw new RecordError('prompt', 'give either "prompt" or "messages", not both');
  if (!hasPrompt && !hasMessages)
    throw new RecordError(
      'prompt',
      'missing: expected "prompt" (a string or messages) or "messages"',
    );

  const field = hasPrompt ? 'prompt' : 'messages';
  const raw = record[field];
  if (typeof raw === 'string') {
    if (system === undefined) return raw;
    return [
      { role: 'system', content: system },
      { role: 'user', content: raw },
    ];
  }
  if (!Array.isArray(raw))
    throw new RecordError(field, `expected a string or a list of messages, got ${describe(raw)}`);
  const messages = raw.map((m, i) => readMessage(m, `${field}[${i}]`));
  if (messages.length === 0) throw new RecordError(field, 'must not be empty');
  if (system !== undefined) messages.unshift({ role: 'system', content: system });
  return messages;
}

/** One OpenAI-style message (strict about role names). */
export function readMessage(value: unknown, field: string): Message {
  return readChatMessage(value, field, true);
}

function readResponses(raw: unknown): ResponseInput[] {
  if (raw === undefined)
    throw new RecordError('responses', 'missing: expected a list of responses');
  if (!Array.isArray(raw))
    throw new RecordError('responses', `expected a list, got ${describe(raw)}`);
  if (raw.length < MIN_RESPONSES) {
    throw new RecordError(
      'responses',
      `expected at least ${MIN_RESPONSES} responses, got ${raw.length}`,
    );
  }
  return raw.map((r, i) => readResponse(r, `responses[${i}]`));
}

function readResponse(value: unknown, field: string): ResponseInput {
  if (typeof value === 'string') return { model: null, content: value, metadata: null };
  if (!isPlainObject(value))
    throw new RecordError(field, `expected a string or an object, got ${describe(value)}`);
  const text = value['text'] ?? value['content'];
  if (typeof text !== 'string') {
    throw new RecordError(
      `${field}.text`,
      `expected a string in "text" or "content", got ${describe(text)}`,
    );
  }
  const model = value['model'];
  if (model !== undefined && model !== null && typeof model !== 'string') {
    throw new RecordError(`${field}.model`, `expected a string, got ${describe(model)}`);
  }
  let metadata: Metadata | null = null;
  for (const key of Object.keys(value)) {
    if (RESPONSE_KNOWN_KEYS.has(key)) continue;
    metadata ??= {};
    // defineProperty, not assignment: a "__proto__" key stays a plain own property.
    setOwn(metadata, key, value[key]);
  }
  return { model: (model as string | undefined) ?? null, content: text, metadata };
}
