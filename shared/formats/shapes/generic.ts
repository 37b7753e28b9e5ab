import { genericToItem } from '../generic';
import { isPlainObject } from '../record-error';
import type { Shape } from './types';

/**
 * Rankwise's own shape: `{id?, prompt | messages, system?, metadata?, responses: [...]}`, with
 * OpenAI-style messages (system, developer and tool turns, tool calls) as the prompt.
 */
export const genericShape: Shape = {
  id: 'generic',
  sniff(record) {
    if (!isPlainObject(record) || !Array.isArray(record['responses'])) return 0;
    return record['prompt'] !== undefined || record['messages'] !== undefined ? 1 : 0.5;
  },
  toItems: (record) => [genericToItem(record)],
};
