import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportOptionsInput } from '../../shared/export/options';
import { openProject } from '../open';
import { duckdb, lit } from '../test-support/duckdb';
import { rankedProject, type ExportProject } from '../test-support/export-project';
import { tempDir } from '../test-support/temp-project';
import { runExport } from './run-export';

/**
 * Rankings and ratings into pairs and KTO labels (db/test-support/export-project.ts):
 *
 *   r1 (responses a, b, c)   Ada a > b > c   Ben a > c > b   Cy b > a > c
 *   t1 (responses a, b)      Ada a: 5 up, b: 2 down          Ben a: 4, b: 3 (no thumbs)
 *
 * Ratings are on 1..5; as a ranking, the higher score wins.
 */
let t: ReturnType<typeof tempDir>;
let p: ExportProject;
beforeAll(async () => {
  t = tempDir();
  p = await rankedProject(t.dir);
});
afterAll(async () => {
  await p.backend.close();
  t.cleanup();
});

let n = 0;
async function rows(options: ExportOptionsInput, ext = '.jsonl') {
  const reader = openProject(p.path, { readonly: true });
  try {
    const r = await runExport(reader.db, p.path, join(t.dir, `${n++}${ext}`), options);
    const text =
      ext === '.jsonl'
        ? readFileSync(r.path, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as Record<string, unknown>)
        : await duckdb(`SELECT * FROM read_parquet(${lit(r.path)})`);
    return { r, rows: text };
  } finally {
    reader.close();
  }
}

const pair = (item: 'R1' | 'T1', chosen: string, rejected: string) => ({
  prompt: item,
  chosen: `${item}${chosen}`,
  rejected: `${item}${rejected}`,
});

describe('rankings and ratings', () => {
  it('each ranking expands by the rank-pairs strategy; ratings read as a ranking by score', async () => {
    const all = await rows({ format: 'trl', rankPairs: 'all' });
    expect(all.rows).toEqual([
      pair('R1', 'a', 'b'), pair('R1', 'a', 'c'), pair('R1', 'b', 'c'), // Ada
      pair('R1', 'a', 'c'), pair('R1', 'a', 'b'), pair('R1', 'c', 'b'), // Ben
      pair('R1', 'b', 'a'), pair('R1', 'b', 'c'), pair('R1', 'a', 'c'), // Cy
      pair('T1', 'a', 'b'), pair('T1', 'a', 'b'),
    ]); // prettier-ignore
    const bestVsEach = await rows({ format: 'trl', rankPairs: 'best-vs-each' });
    expect(bestVsEach.rows.filter((r) => r['prompt'] === 'R1')).toEqual([
      pair('R1', 'a', 'b'), pair('R1', 'a', 'c'),
      pair('R1', 'a', 'c'), pair('R1', 'a', 'b'),
      pair('R1', 'b', 'a'), pair('R1', 'b', 'c'),
    ]); // prettier-ignore
    const bestVsWorst = await rows({ format: 'trl', rankPairs: 'best-vs-worst' });
    expect(bestVsWorst.rows.filter((r) => r['prompt'] === 'R1')).toEqual([
      pair('R1', 'a', 'c'), pair('R1', 'a', 'b'), pair('R1', 'b', 'c'),
    ]); // prettier-ignore
    const adjacent = await rows({ format: 'trl', rankPairs: 'adjacent' }, '.parquet');
    expect(adjacent.rows.filter((r) => r['prompt'] === 'R1')).toEqual([
      pair('R1', 'a', 'b'), pair('R1', 'b', 'c'),
      pair('R1', 'a', 'c'), pair('R1', 'c', 'b'),
      pair('R1', 'b', 'a'), pair('R1', 'a', 'c'),
    ]); // prettier-ignore
  });

  it('majority over rankings: pairs of the consensus ranking, each decided on every ranking', async () => {
    // Mean ranks a 1.33, b 2, c 2.67: consensus a > b > c. a>b 2 of 3, a>c 3 of 3, b>c 2 of 3.
    const majority = await rows({ format: 'trl', policy: 'majority' });
    expect(majority.rows).toEqual([
      pair('R1', 'a', 'b'),
      pair('R1', 'a', 'c'),
      pair('R1', 'b', 'c'),
      pair('T1', 'a', 'b'),
    ]);
    const unanimous = await rows({ format: 'trl', policy: 'unanimous' });
    expect(unanimous.rows).toEqual([pair('R1', 'a', 'c'), pair('T1', 'a', 'b')]);
    expect(unanimous.r.excluded.notUnanimous).toBe(2);
  });

  it('KTO: a ranking labels what only wins desirable and what only loses undesirable; ratings by thumb or midpoint', async () => {
    const kto = await rows({ format: 'kto', rankPairs: 'all' });
    const row = (item: string, x: string, label: boolean) => ({
      prompt: item,
      completion: `${item}${x}`,
      label,
    });
    expect(kto.rows).toEqual([
      row('R1', 'a', true), row('R1', 'c', false), // Ada (b both wins and loses)
      row('R1', 'a', true), row('R1', 'b', false), // Ben (c likewise)
      row('R1', 'b', true), row('R1', 'c', false), // Cy (a likewise)
      row('T1', 'a', true), row('T1', 'b', false), // Ada's thumbs
      row('T1', 'a', true), // Ben: 4 of 1..5 is above the midpoint; 3 is the midpoint
    ]); // prettier-ignore
    expect(kto.r.excluded).toMatchObject({ conflicting: 3, neutral: 1 });
    const bestVsEach = await rows({ format: 'kto', rankPairs: 'best-vs-each', policy: 'majority' });
    // Consensus a > b > c: a over b (2 of 3) and a over c (3 of 3); ratings by majority per response.
    expect(bestVsEach.rows).toEqual([
      row('R1', 'a', true), row('R1', 'b', false), row('R1', 'c', false),
      row('T1', 'a', true),
    ]); // prettier-ignore
    expect(bestVsEach.r.excluded.noMajority).toBe(1); // T1 b: one undesirable, one neutral
  });
});
