import {
  MIN_RESPONSES,
  type ItemInput,
  type Message,
  type Metadata,
  type Prompt,
  type ResponseInput,
} from '../domain/item';
import { RecordError, describe, isPlainObject } from './record-error';

const ROLES = new Set(['system', 'user', 'assistant', 'tool']);
const RESPONSE_KNOWN_KEYS = new Set(['model', 'text', 'content']);

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
  return { sourceId, prompt, responses, metadata: (metadata as Metadata | undefined) ?? null };
}

function readId(id: unknown): string | null {
  if (id === undefined || id === null) return null;
  if (typeof id === 'string') {
    if (id.length === 0) throw new RecordError('id', 'must not be empty');
    if (id.length > 200) throw new RecordError('id', 'is longer than 200 characters');
    return id;
  }
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  throw new RecordError('id', `expected a string or number, got ${describe(id)}`);
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

export function readMessage(value: unknown, field: string): Message {
  if (!isPlainObject(value))
    throw new RecordError(field, `expected a message object, got ${describe(value)}`);
  const role = value['role'];
  if (typeof role !== 'string' || !ROLES.has(role)) {
    throw new RecordError(
      `${field}.role`,
      `expected one of system, user, assistant, tool; got ${JSON.stringify(role) ?? 'nothing'}`,
    );
  }
  const content = value['content'];
  let text: string;
  if (typeof content === 'string') text = content;
  else if (content === null || content === undefined) text = '';
  else if (Array.isArray(content)) text = contentPartsToText(content, `${field}.content`);
  else throw new RecordError(`${field}.content`, `expected a string, got ${describe(content)}`);
  const message: Message = { role: role as Message['role'], content: text };
  if (typeof value['name'] === 'string') message.name = value['name'];
  if (typeof value['tool_call_id'] === 'string') message.tool_call_id = value['tool_call_id'];
  if (Array.isArray(value['tool_calls'])) message.tool_calls = value['tool_calls'];
  return message;
}

/** OpenAI content parts: keep the text parts, name the rest so nothing disappears silently. */
function contentPartsToText(parts: unknown[], field: string): string {
  return parts
    .map((p, i) => {
      if (typeof p === 'string') return p;
      if (isPlainObject(p) && p['type'] === 'text' && typeof p['text'] === 'string')
        return p['text'];
      if (isPlainObject(p) && typeof p['type'] === 'string') return `[${p['type']}]`;
      throw new RecordError(`${field}[${i}]`, `expected a content part, got ${describe(p)}`);
    })
    .join('\n');
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
    Object.defineProperty(metadata, key, {
      value: value[key],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return { model: (model as string | undefined) ?? null, content: text, metadata };
}
