import { locateJsonError } from './json-error';
import { RecordError } from './record-error';

/**
 * Parse one record's JSON text: JSON.parse (fast, and safe with "__proto__" keys, which it
 * makes plain own properties), and on failure a rescan that says where and why. A record whose
 * top-level "id" appears twice is refused: JSON.parse would silently keep the last one, and an
 * item's identity must not depend on that.
 */
export function parseJsonRecord(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const at = locateJsonError(text);
    throw new JsonSyntaxError(at.reason, at.column - 1);
  }
  if (text.indexOf('"id"') !== text.lastIndexOf('"id"') && topLevelKeyCount(text, 'id') > 1)
    throw new RecordError('id', "appears twice in the record, so the item's identity is ambiguous");
  return value;
}

/** Invalid JSON text: what is wrong and where (0-based offset in the record's text). */
export class JsonSyntaxError extends RecordError {
  constructor(
    readonly detail: string,
    readonly offset: number,
    column = offset + 1,
  ) {
    super('', `invalid JSON: ${detail} at column ${column}`, column);
    this.name = 'JsonSyntaxError';
  }
}

/**
 * How many times `key` is a property name of the top-level object in valid JSON `text`. A
 * linear scan that only tracks strings and nesting; called only when a cheap search saw the
 * key's text twice.
 */
export function topLevelKeyCount(text: string, key: string): number {
  const quoted = JSON.stringify(key);
  let depth = 0;
  let count = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i;
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i += 2;
        else if (d === 0x22) break;
        else i++;
      }
      i++;
      if (depth === 1 && text.slice(start, i) === quoted) {
        let j = i;
        while (j < n && /\s/.test(text[j]!)) j++;
        if (text[j] === ':') count++;
      }
      continue;
    }
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) depth++;
    else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
    i++;
  }
  return count;
}
