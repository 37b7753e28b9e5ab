/**
 * A format's columns, described once: the Parquet sink derives its schema from them and the
 * dataset card its `features`, so the two cannot disagree.
 */
export type ColumnType =
  | { kind: 'string' }
  | { kind: 'bool' }
  | { kind: 'int32' }
  | { kind: 'int64' }
  | { kind: 'float64' }
  /** Milliseconds since the epoch, UTC. */
  | { kind: 'timestamp' }
  | { kind: 'list'; of: ColumnType; nullableItems?: boolean }
  | { kind: 'struct'; fields: Column[] };

export interface Column {
  name: string;
  type: ColumnType;
  nullable: boolean;
  description: string;
}

export const STRING: ColumnType = { kind: 'string' };
export const BOOL: ColumnType = { kind: 'bool' };
export const INT32: ColumnType = { kind: 'int32' };
export const INT64: ColumnType = { kind: 'int64' };
export const FLOAT64: ColumnType = { kind: 'float64' };
export const TIMESTAMP: ColumnType = { kind: 'timestamp' };
export const listOf = (of: ColumnType, nullableItems = false): ColumnType => ({
  kind: 'list',
  of,
  nullableItems,
});

export function col(name: string, type: ColumnType, description: string, nullable = false): Column {
  return { name, type, nullable, description };
}

/**
 * A chat message as TRL and chat templates read it. Only role and content: Parquet needs
 * one schema for every row, and optional tool-call fields would reach chat templates as
 * nulls. (JSONL keeps a message exactly as imported.)
 */
export const MESSAGES: ColumnType = listOf({
  kind: 'struct',
  fields: [
    col('role', STRING, 'system, user, assistant or tool'),
    col('content', STRING, 'the text'),
  ],
});

/** A type as people read it in a card or a preview: "string", "list of {role, content}". */
export function typeName(t: ColumnType): string {
  switch (t.kind) {
    case 'list':
      return `list of ${typeName(t.of)}`;
    case 'struct':
      return `{${t.fields.map((x) => x.name).join(', ')}}`;
    case 'timestamp':
      return 'timestamp (UTC)';
    default:
      return t.kind;
  }
}
