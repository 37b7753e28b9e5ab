import { genericToItem } from './generic';
import { locateJsonError } from './json-error';
import { RecordError } from './record-error';
import type { ItemInput } from '../domain/item';

/**
 * One JSONL line (already decoded) to an item, or a RecordError saying why not. Pure, so the
 * rules for a line are tested without files or a database.
 */
export function lineToItem(text: string): ItemInput {
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch {
    const at = locateJsonError(text);
    throw new RecordError('', `invalid JSON: ${at.reason} at column ${at.column}`);
  }
  return genericToItem(record);
}

/** Blank lines (only whitespace) carry no record and are not errors. */
export function isBlank(text: string): boolean {
  return /^[\s]*$/.test(text);
}
