/** Why one source record could not become an item: the field (a JSON path) and the reason. */
export class RecordError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
    /** For syntax errors: the 1-based column (UTF-16 units) in the record's text. */
    readonly column?: number,
  ) {
    super(field ? `${field}: ${reason}` : reason);
    this.name = 'RecordError';
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
