import type { ParquetWriter } from 'hyparquet-writer';
import type { Column, ColumnType } from '../../shared/export/columns';

/** The writer's own SchemaElement (its hyparquet may differ from ours). */
type SchemaElement = ConstructorParameters<typeof ParquetWriter>[0]['schema'][number];

/**
 * A format's columns as a Parquet schema: strings as UTF8 byte arrays, lists as the standard
 * three-level LIST (`<name>` / `list` / `element`, which Arrow, DuckDB and Hugging Face
 * datasets all read), structs as groups, timestamps as UTC milliseconds.
 */
export function parquetSchema(columns: readonly Column[]): SchemaElement[] {
  return [
    { name: 'schema', num_children: columns.length },
    ...columns.flatMap((c) => elements(c.name, c.type, c.nullable)),
  ];
}

function elements(name: string, type: ColumnType, nullable: boolean): SchemaElement[] {
  const repetition_type = nullable ? 'OPTIONAL' : 'REQUIRED';
  switch (type.kind) {
    case 'string':
      return [{ name, repetition_type, type: 'BYTE_ARRAY', converted_type: 'UTF8' }];
    case 'bool':
      return [{ name, repetition_type, type: 'BOOLEAN' }];
    case 'int32':
      return [{ name, repetition_type, type: 'INT32' }];
    case 'int64':
      return [{ name, repetition_type, type: 'INT64' }];
    case 'float64':
      return [{ name, repetition_type, type: 'DOUBLE' }];
    case 'timestamp':
      return [
        {
          name,
          repetition_type,
          type: 'INT64',
          converted_type: 'TIMESTAMP_MILLIS',
          logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' },
        },
      ];
    case 'list':
      return [
        { name, repetition_type, converted_type: 'LIST', num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        ...elements('element', type.of, type.nullableItems ?? false),
      ];
    case 'struct':
      return [
        { name, repetition_type, num_children: type.fields.length },
        ...type.fields.flatMap((f) => elements(f.name, f.type, f.nullable)),
      ];
  }
}
