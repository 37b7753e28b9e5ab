import { MIN_RESPONSES, type ItemInput } from '../domain/item';
import { checkStorableJson, checkStorableText } from './json-value';
import { RecordError } from './record-error';

/** More responses than this in one item is refused: nobody can compare them, and it bounds work. */
export const MAX_RESPONSES = 10_000;

/**
 * The last gate before an item is stored, for every shape alike: enough responses, not too
 * many, and nothing SQLite or JSON.stringify would store altered (lone surrogates in text
 * columns, numbers that overflowed, nesting too deep to serialise). Field names in errors are
 * the item's ("responses[3].content"), since the shape's own fields were checked before.
 */
export function checkItem(item: ItemInput): void {
  const n = item.responses.length;
  if (n < MIN_RESPONSES)
    throw new RecordError('responses', `expected at least ${MIN_RESPONSES} responses, got ${n}`);
  if (n > MAX_RESPONSES)
    throw new RecordError(
      'responses',
      `${n} responses is more than the ${MAX_RESPONSES} one item may hold`,
    );
  if (item.sourceId !== null) checkStorableText(item.sourceId, 'id');
  if (typeof item.prompt !== 'string') checkStorableJson(item.prompt, 'prompt');
  item.responses.forEach((r, i) => {
    checkStorableText(r.content, `responses[${i}].content`);
    if (r.model !== null) checkStorableText(r.model, `responses[${i}].model`);
    if (r.metadata) checkStorableJson(r.metadata, `responses[${i}].metadata`);
  });
  if (item.metadata) checkStorableJson(item.metadata, 'metadata');
}
