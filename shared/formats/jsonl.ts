import { genericToItem } from './generic';
import { parseJsonRecord } from './json-text';
import type { ItemInput } from '../domain/item';

/**
 * One JSONL line (already decoded) in the generic shape to an item, or a RecordError saying
 * why not. Pure, so the rules for a line are tested without files or a database.
 */
export function lineToItem(text: string): ItemInput {
  return genericToItem(parseJsonRecord(text));
}

/** Blank lines (only JSON whitespace) carry no record and are not errors. */
export function isBlank(text: string): boolean {
  return /^[ \t\r\n]*$/.test(text);
}
