import { DuckDBInstance } from '@duckdb/node-api';

/**
 * DuckDB as the independent reader of exports: nothing of ours is involved in reading the
 * files back, so a test that compares its rows with the project's judgments checks the
 * files as any other tool would see them.
 */
export async function duckdb(sql: string): Promise<Array<Record<string, unknown>>> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowObjectsJson();
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** A file's columns as DuckDB types them, e.g. {prompt: 'VARCHAR', chosen: 'STRUCT(...)[]'}. */
export async function duckdbSchema(from: string): Promise<Record<string, string>> {
  const rows = await duckdb(`DESCRIBE SELECT * FROM ${from}`);
  return Object.fromEntries(
    rows.map((r) => [r['column_name'] as string, r['column_type'] as string]),
  );
}

/** SQL string literal for a path. */
export function lit(path: string): string {
  return `'${path.replace(/'/g, "''")}'`;
}
