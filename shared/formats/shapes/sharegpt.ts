import type { ItemInput, Message, Prompt, ResponseInput } from '../../domain/item';
import { readId } from '../generic';
import { restOf } from '../json-value';
import { commonPrefixLength, messagesToResponse, readChatMessage, readMessages } from '../messages';
import { RecordError, describe, isPlainObject } from '../record-error';
import { CHOSEN_OVER_REJECTED, itemMetadata, withResponseMeta } from './common';
import type { Shape } from './types';

const KNOWN = new Set(['id', 'conversations', 'chosen', 'rejected', 'system']);

/**
 * ShareGPT preference rows (LLaMA-Factory's documented shape): `conversations` of
 * `{from, value}` turns is the prompt, `chosen` and `rejected` are single `{from, value}`
 * replies (or full conversation lists, whose shared prefix then joins the prompt). An optional
 * top-level `system` string opens the conversation.
 */
export const sharegptShape: Shape = {
  id: 'sharegpt',
  sniff(record) {
    if (!isPlainObject(record) || !Array.isArray(record['conversations'])) return 0;
    const first: unknown = record['conversations'][0];
    const turnLike =
      isPlainObject(first) && (first['from'] !== undefined || first['role'] !== undefined);
    if (!turnLike) return 0.2;
    return record['chosen'] !== undefined && record['rejected'] !== undefined ? 1 : 0.6;
  },
  toItems(record) {
    if (!isPlainObject(record))
      throw new RecordError('', `expected a JSON object, got ${describe(record)}`);
    const system = record['system'];
    if (system !== undefined && system !== null && typeof system !== 'string')
      throw new RecordError('system', `expected a string, got ${describe(system)}`);
    const conversation: Message[] = readMessages(record['conversations'], 'conversations');
    if (typeof system === 'string' && system.length > 0)
      conversation.unshift({ role: 'system', content: system });

    const chosen = record['chosen'];
    const rejected = record['rejected'];
    if (chosen === undefined || rejected === undefined)
      throw new RecordError(
        chosen === undefined ? 'chosen' : 'rejected',
        'missing: a ShareGPT row needs "chosen" and "rejected" replies to compare (a plain conversation has only one)',
      );
    let prompt: Prompt;
    let responses: [ResponseInput, ResponseInput];
    if (Array.isArray(chosen) || Array.isArray(rejected)) {
      // Full conversations as chosen/rejected: their shared prefix continues the prompt.
      const ma = readMessages(Array.isArray(chosen) ? chosen : [chosen], 'chosen');
      const mb = readMessages(Array.isArray(rejected) ? rejected : [rejected], 'rejected');
      const shared = commonPrefixLength(ma, mb);
      const prefix = ma.slice(0, shared);
      const repeatsConversation =
        conversation.length > 0 && commonPrefixLength(prefix, conversation) === conversation.length;
      const full = repeatsConversation ? prefix : [...conversation, ...prefix];
      if (full.length === 0)
        throw new RecordError('conversations', 'must not be empty: it is the prompt');
      prompt = full;
      responses = [
        messagesToResponse(ma.slice(shared), 'chosen'),
        messagesToResponse(mb.slice(shared), 'rejected'),
      ];
    } else {
      if (conversation.length === 0)
        throw new RecordError('conversations', 'must not be empty: it is the prompt');
      prompt = conversation;
      responses = [
        messagesToResponse([readChatMessage(chosen, 'chosen')], 'chosen'),
        messagesToResponse([readChatMessage(rejected, 'rejected')], 'rejected'),
      ];
    }
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
