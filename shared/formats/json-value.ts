import { RecordError, isPlainObject } from './record-error';

/**
 * Checks on parsed JSON values before they are stored. Dataset files are hostile until proven
 * otherwise: a value may nest deeper than JSON.stringify can recurse, hold a number that
 * overflowed to Infinity (JSON.stringify would silently write null), or carry a lone UTF-16
 * surrogate that SQLite's UTF-8 text would silently turn into U+FFFD.
 *
 * Every walk here is iterative, so no input can overflow the call stack.
 */

/** Deeper metadata than this is refused: no real dataset nests this far, and stringify recurses. */
export const MAX_JSON_DEPTH = 200;

/**
 * Throw a RecordError naming the path of the first value in `value` that cannot be stored
 * faithfully as JSON text: too deep, or a non-finite number.
 */
export function checkStorableJson(value: unknown, field: string): void {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new RecordError(field, 'number is out of range (it overflows a 64-bit float)');
    return;
  }
  const stack: Array<[unknown, string, number]> = [[value, field, 1]];
  while (stack.length > 0) {
    const [v, path, depth] = stack.pop()!;
    if (typeof v === 'number') {
      if (!Number.isFinite(v))
        throw new RecordError(path, 'number is out of range (it overflows a 64-bit float)');
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth > MAX_JSON_DEPTH)
      throw new RecordError(path, `nested deeper than ${MAX_JSON_DEPTH} levels`);
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--)
        stack.push([v[i] as unknown, `${path}[${i}]`, depth + 1]);
    } else {
      for (const key of Object.keys(v))
        stack.push([(v as Record<string, unknown>)[key], joinPath(path, key), depth + 1]);
    }
  }
}

export function joinPath(path: string, key: string): string {
  const safe = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key);
  return path ? `${path}.${safe}` : safe;
}

/** Define an own enumerable property: a "__proto__" key stays data and never sets a prototype. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/**
 * The fields of `record` not in `known`, as a fresh plain object (null when there are none).
 * Converters keep everything they do not interpret, so nothing in a source record is lost.
 */
export function restOf(
  record: Record<string, unknown>,
  known: ReadonlySet<string>,
): Record<string, unknown> | null {
  let rest: Record<string, unknown> | null = null;
  for (const key of Object.keys(record)) {
    if (known.has(key) || record[key] === undefined) continue;
    rest ??= {};
    setOwn(rest, key, record[key]);
  }
  return rest;
}

/** A shallow merge that keeps "__proto__" and friends as plain keys. */
export function mergeOwn(
  ...parts: Array<Record<string, unknown> | null | undefined>
): Record<string, unknown> | null {
  let out: Record<string, unknown> | null = null;
  for (const part of parts) {
    if (!part) continue;
    for (const key of Object.keys(part)) {
      out ??= {};
      setOwn(out, key, part[key]);
    }
  }
  return out;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
type WellFormed = { isWellFormed?: () => boolean };

/**
 * Where the first lone surrogate in `text` is (0-based, in UTF-16 code units), or -1.
 * Uses the engine's native check first: nearly every string is well formed.
 */
export function loneSurrogateAt(text: string): number {
  const native = (text as unknown as WellFormed).isWellFormed;
  if (native && native.call(text)) return -1;
  const m = LONE_SURROGATE.exec(text);
  return m ? m.index : -1;
}

/** Refuse text that SQLite would store altered: a lone surrogate has no UTF-8 encoding. */
export function checkStorableText(text: string, field: string): void {
  const at = loneSurrogateAt(text);
  if (at >= 0) {
    const unit = text.charCodeAt(at).toString(16).toUpperCase();
    throw new RecordError(
      field,
      `lone surrogate \\u${unit} at character ${at + 1} is not valid Unicode text and cannot be stored unchanged`,
    );
  }
}

export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

export { isPlainObject };
