import type { Message, Metadata, ResponseInput } from '../domain/item';
import { setOwn } from './json-value';
import { RecordError, describe, isPlainObject } from './record-error';

/**
 * Chat messages as datasets write them: OpenAI `{role, content}` (with system, developer and
 * tool turns, tool calls, content parts) or ShareGPT `{from, value}` (human, gpt, system,
 * function_call, observation), normalised to Rankwise's `Message`.
 */

const ROLE_ALIASES: Record<string, Message['role']> = {
  user: 'user',
  human: 'user',
  prompter: 'user',
  assistant: 'assistant',
  gpt: 'assistant',
  bot: 'assistant',
  model: 'assistant',
  chatgpt: 'assistant',
  bard: 'assistant',
  function_call: 'assistant',
  system: 'system',
  developer: 'system',
  tool: 'tool',
  function: 'tool',
  observation: 'tool',
  ipython: 'tool',
};

/** The roles OpenAI's chat format allows (the generic shape is strict about them). */
const OPENAI_ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function']);

export function roleOf(raw: unknown, field: string, strict: boolean): Message['role'] {
  const name = typeof raw === 'string' ? raw.toLowerCase() : undefined;
  const role = name === undefined ? undefined : ROLE_ALIASES[name];
  if (role && (!strict || OPENAI_ROLES.has(name!))) return role;
  const expected = strict
    ? 'one of system, developer, user, assistant, tool'
    : 'a chat role (user/human, assistant/gpt, system, tool)';
  throw new RecordError(field, `expected ${expected}; got ${JSON.stringify(raw) ?? 'nothing'}`);
}

/**
 * One message in either style. `strict` (the generic/OpenAI shape) accepts only OpenAI's role
 * names; ShareGPT-style sources accept their aliases too.
 */
export function readChatMessage(value: unknown, field: string, strict = false): Message {
  if (!isPlainObject(value))
    throw new RecordError(field, `expected a message object, got ${describe(value)}`);
  const sharegpt = value['role'] === undefined && value['from'] !== undefined;
  const roleKey = sharegpt ? 'from' : 'role';
  const contentKey = sharegpt ? 'value' : 'content';
  const role = roleOf(value[roleKey], `${field}.${roleKey}`, strict && !sharegpt);
  const content = value[contentKey];
  let text: string;
  if (typeof content === 'string') text = content;
  else if (content === null || content === undefined) text = '';
  else if (Array.isArray(content)) text = contentPartsToText(content, `${field}.${contentKey}`);
  else
    throw new RecordError(`${field}.${contentKey}`, `expected a string, got ${describe(content)}`);
  const message: Message = { role, content: text };
  if (typeof value['name'] === 'string') message.name = value['name'];
  if (typeof value['tool_call_id'] === 'string') message.tool_call_id = value['tool_call_id'];
  if (Array.isArray(value['tool_calls'])) message.tool_calls = value['tool_calls'] as unknown[];
  // Legacy OpenAI function calls: keep them as a tool call so the turn is not empty.
  if (isPlainObject(value['function_call']) && message.tool_calls === undefined) {
    message.tool_calls = [{ type: 'function', function: value['function_call'] }];
  }
  return message;
}

/** OpenAI content parts: keep the text parts, name the rest so nothing disappears silently. */
function contentPartsToText(parts: unknown[], field: string): string {
  return parts
    .map((p, i) => {
      if (typeof p === 'string') return p;
      if (isPlainObject(p) && typeof p['text'] === 'string') return p['text'];
      if (isPlainObject(p) && typeof p['type'] === 'string') return `[${p['type']}]`;
      throw new RecordError(`${field}[${i}]`, `expected a content part, got ${describe(p)}`);
    })
    .join('\n');
}

export function readMessages(value: unknown, field: string, strict = false): Message[] {
  if (!Array.isArray(value))
    throw new RecordError(field, `expected a list of messages, got ${describe(value)}`);
  return value.map((m, i) => readChatMessage(m, `${field}[${i}]`, strict));
}

export function sameMessage(a: Message, b: Message): boolean {
  return (
    a.role === b.role &&
    a.content === b.content &&
    a.name === b.name &&
    a.tool_call_id === b.tool_call_id &&
    JSON.stringify(a.tool_calls) === JSON.stringify(b.tool_calls)
  );
}

/** How many leading messages two conversations share. */
export function commonPrefixLength(a: readonly Message[], b: readonly Message[]): number {
  let n = 0;
  while (n < a.length && n < b.length && sameMessage(a[n]!, b[n]!)) n++;
  return n;
}

const ROLE_TITLE: Record<Message['role'], string> = {
  system: 'System',
  user: 'User',
  assistant: 'Assistant',
  tool: 'Tool',
};

/**
 * The messages after the shared prompt, as one response. A single assistant turn is simply its
 * text; several turns (a tool call, its result, the answer) are written out with their roles,
 * and the messages themselves are kept in the response's metadata so nothing is lost.
 */
export function messagesToResponse(
  messages: readonly Message[],
  field: string,
  model: string | null = null,
): ResponseInput {
  if (messages.length === 0)
    throw new RecordError(field, 'no reply: the conversation ends where the prompt ends');
  const only = messages[0]!;
  if (messages.length === 1 && only.role === 'assistant' && !only.tool_calls) {
    return { model, content: only.content, metadata: null };
  }
  const content = messages
    .map((m) => {
      const calls = m.tool_calls?.length
        ? `\n\n${'```json'}\n${JSON.stringify(m.tool_calls, null, 2)}\n${'```'}`
        : '';
      return `**${ROLE_TITLE[m.role]}:** ${m.content}${calls}`;
    })
    .join('\n\n');
  const metadata: Metadata = {};
  setOwn(metadata, 'messages', messages);
  return { model, content, metadata };
}
