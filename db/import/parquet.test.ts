import { DuckDBInstance } from '@duckdb/node-api';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Project } from '../open';
import { storedItems } from '../test-support/project-rows';
import { newProject, tempDir } from '../test-support/temp-project';
import { importFile } from './import-file';
import { previewFile } from './preview';

/** Parquet written by an independent writer (DuckDB), read back row group by row group. */
async function writeParquet(path: string, select: string, rowGroupSize: number): Promise<void> {
  const duck = await DuckDBInstance.create(':memory:');
  const con = await duck.connect();
  await con.run(`COPY (${select}) TO '${path}' (FORMAT parquet, ROW_GROUP_SIZE ${rowGroupSize})`);
  con.closeSync();
}

describe('Parquet', () => {
  let t: ReturnType<typeof tempDir>;
  let project: Project;
  beforeEach(() => {
    t = tempDir();
    project = newProject(t.dir);
  });
  afterEach(() => {
    project.close();
    t.cleanup();
  });

  it('TRL conversational rows (lists of structs) across several row groups, 64-bit ints kept exact', async () => {
    const path = join(t.dir, 'trl.parquet');
    await writeParquet(
      path,
      `SELECT i AS id,
              [{'role': 'user', 'content': 'q' || i}, {'role': 'assistant', 'content': 'good ' || i}] AS chosen,
              [{'role': 'user', 'content': 'q' || i}, {'role': 'assistant', 'content': 'bad ' || i}] AS rejected,
              9007199254740993::BIGINT AS big, 'NaN'::DOUBLE AS score
         FROM range(2500) t(i)`,
      1000,
    );
    const preview = await previewFile(path, {});
    expect(preview).toMatchObject({ container: 'parquet', format: 'trl', estimatedRecords: 2500 });
    const s = await importFile(project.db, path);
    expect(s).toMatchObject({
      format: 'trl',
      container: 'parquet',
      imported: 2500,
      responses: 5000,
    });
    const items = storedItems(project);
    expect(items[2499]).toMatchObject({
      id: '2499',
      prompt: [{ role: 'user', content: 'q2499' }],
      metadata: { big: '9007199254740993', score: null },
    });
    expect(items[2499]!.responses.map((r) => r.content)).toEqual(['good 2499', 'bad 2499']);
  });

  it('a table with arena columns maps by name; a bad row is named by its row number', async () => {
    const path = join(t.dir, 'arena.parquet');
    await writeParquet(
      path,
      `SELECT i AS question_id, 'A' AS model_a, 'B' AS model_b,
              CASE WHEN i = 7 THEN 'nobody' ELSE 'model_b' END AS winner,
              [{'role': 'user', 'content': 'hi'}, {'role': 'assistant', 'content': 'a' || i}] AS conversation_a,
              [{'role': 'user', 'content': 'hi'}, {'role': 'assistant', 'content': 'b' || i}] AS conversation_b
         FROM range(10) t(i)`,
      4,
    );
    const s = await importFile(project.db, path, { skipBadLines: true });
    expect(s).toMatchObject({ format: 'arena', imported: 9 });
    expect(s.skipped).toEqual([
      {
        line: 8,
        reason: 'winner: expected model_a, model_b, tie or "tie (bothbad)", got "nobody"',
      },
    ]);
    expect(storedItems(project)[0]!.metadata).toMatchObject({
      source_verdicts: [{ from: 'winner', ranking: [[1], [0]] }],
    });
  });
});
