import type { ItemInput, Message, ResponseInput } from '../../domain/item';
import { readId } from '../generic';
import { restOf, setOwn } from '../json-value';
import { RecordError, describe, isPlainObject } from '../record-error';
import { rankingFromRanks, type SourceVerdict } from '../source-verdict';
import { itemMetadata } from './common';
import type { Shape } from './types';

const NODE_CONTENT_KEYS = new Set(['text', 'replies', 'role', 'model_name']);
const TREE_KEYS = new Set(['prompt']);
/** OpenAssistant conversations are a few dozen turns deep; anything far deeper is refused. */
const MAX_TURNS = 1000;

interface Visit {
  node: Record<string, unknown>;
  field: string;
  message: Message;
  parent: Visit | null;
  depth: number;
}

/**
 * OpenAssistant message trees (one tree per record: `{message_tree_id, tree_state, prompt}`,
 * or a bare root message). Every message with two or more assistant replies becomes one item:
 * the conversation down to that message is the prompt, the replies are the responses, and
 * their `rank` (0 is best) is kept as the source's verdict. Sibling *prompter* messages
 * (alternative user turns) and deleted messages are not responses to judge: they are left out
 * and counted in the summary.
 */
export const oasstShape: Shape = {
  id: 'oasst',
  sniff(record) {
    if (!isPlainObject(record)) return 0;
    const root = rootOf(record);
    if (!root) return 0;
    return record['message_tree_id'] !== undefined || Array.isArray(root['replies']) ? 1 : 0.5;
  },
  toItems(record, ctx) {
    if (!isPlainObject(record))
      throw new RecordError('', `expected a JSON object, got ${describe(record)}`);
    const root = rootOf(record);
    if (!root)
      throw new RecordError(
        'prompt',
        'expected a message tree: a root message with "message_id", "text" and "replies"',
      );
    const isTree = root !== record;
    const tree = isTree ? restOf(record, TREE_KEYS) : null;
    const items: ItemInput[] = [];
    const stack: Visit[] = [
      {
        node: root,
        field: isTree ? 'prompt' : '',
        message: toMessage(root, isTree ? 'prompt' : ''),
        parent: null,
        depth: 1,
      },
    ];
    while (stack.length > 0) {
      const visit = stack.pop()!;
      const { node, field } = visit;
      const replies = node['replies'] ?? [];
      if (!Array.isArray(replies))
        throw new RecordError(at(field, 'replies'), `expected a list, got ${describe(replies)}`);
      const live: Array<{ node: Record<string, unknown>; field: string }> = [];
      replies.forEach((r: unknown, i) => {
        const f = at(field, `replies[${i}]`);
        if (!isPlainObject(r)) throw new RecordError(f, `expected a message, got ${describe(r)}`);
        if (r['deleted'] === true) ctx.note('deleted OpenAssistant messages left out');
        else live.push({ node: r, field: f });
      });
      if (live.length >= 2) {
        const roles = new Set(live.map((l) => l.node['role']));
        if (roles.size === 1 && roles.has('assistant')) items.push(itemAt(visit, live, tree));
        else if (roles.size === 1 && roles.has('prompter'))
          ctx.note(
            'groups of sibling prompter messages (alternative user turns, not responses) left out',
          );
        else
          throw new RecordError(
            at(field, 'replies'),
            'mixes prompter and assistant replies to one message',
          );
      }
      if (live.length > 0 && visit.depth >= MAX_TURNS)
        throw new RecordError(field, `the conversation is deeper than ${MAX_TURNS} turns`);
      for (let i = live.length - 1; i >= 0; i--) {
        const child = live[i]!;
        stack.push({
          node: child.node,
          field: child.field,
          message: toMessage(child.node, child.field),
          parent: visit,
          depth: visit.depth + 1,
        });
      }
    }
    return items;
  },
};

function rootOf(record: Record<string, unknown>): Record<string, unknown> | null {
  const p = record['prompt'];
  if (isPlainObject(p) && p['message_id'] !== undefined) return p;
  if (
    record['message_id'] !== undefined &&
    record['text'] !== undefined &&
    record['role'] !== undefined
  )
    return record;
  return null;
}

function at(field: string, key: string): string {
  return field ? (key.startsWith('[') ? field + key : `${field}.${key}`) : key;
}

function toMessage(node: Record<string, unknown>, field: string): Message {
  const text = node['text'];
  if (typeof text !== 'string')
    throw new RecordError(at(field, 'text'), `expected a string, got ${describe(text)}`);
  const role = node['role'];
  if (role !== 'prompter' && role !== 'assistant')
    throw new RecordError(
      at(field, 'role'),
      `expected "prompter" or "assistant", got ${JSON.stringify(role) ?? 'nothing'}`,
    );
  return { role: role === 'prompter' ? 'user' : 'assistant', content: text };
}

function itemAt(
  parent: Visit,
  replies: Array<{ node: Record<string, unknown>; field: string }>,
  tree: Record<string, unknown> | null,
): ItemInput {
  const prompt: Message[] = [];
  for (let v: Visit | null = parent; v; v = v.parent) prompt.push(v.message);
  prompt.reverse();
  const responses: ResponseInput[] = replies.map(({ node, field }) => {
    const model = node['model_name'];
    return {
      model: typeof model === 'string' ? model : null,
      content: toMessage(node, field).content,
      metadata: restOf(node, NODE_CONTENT_KEYS),
    };
  });
  const ranks = replies.map(({ node }) => (typeof node['rank'] === 'number' ? node['rank'] : null));
  const verdicts: SourceVerdict[] = ranks.some((r) => r !== null)
    ? [{ from: 'rank', ranking: rankingFromRanks(ranks) }]
    : [];
  const extra: Record<string, unknown> = {};
  const parentMeta = restOf(parent.node, NODE_CONTENT_KEYS);
  if (parentMeta) setOwn(extra, 'parent_message', parentMeta);
  return {
    sourceId: readId(parent.node['message_id'], at(parent.field, 'message_id')),
    prompt,
    responses,
    metadata: itemMetadata(tree, verdicts, extra),
  };
}
