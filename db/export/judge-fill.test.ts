import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportOptionsInput } from '../../shared/export/options';
import { importFile } from '../import/import-file';
import { importJudgeVerdicts } from '../judges/import-verdicts';
import { appendRevision } from '../judgments';
import { ensureLabeller } from '../labellers';
import { openProject, type Project } from '../open';
import { duckdb, lit } from '../test-support/duckdb';
import { failure, tempDir, writeJsonl } from '../test-support/temp-project';
import { runExport } from './run-export';

/**
 *   item  category  Ada  Bo   majority   judge gpt
 *   q1    math      r0   r0   r0         r0
 *   q2    math      r1   r1   r1         r1
 *   q3    chat      r0   r1   —          r0
 *   q4    chat      r0   r0   r0         r1 (disagrees)
 *   q5    math      —    —    —          r1 in both orders
 *   q6    chat      —    —    —          r0 (chat: where it disagreed)
 *   q7    math      —    —    —          flips with the order
 *   q8    math      —    —    —          a reply without a verdict
 *   q9    math      skip —    —          r0
 * gpt against the human majority: q1 ✓ q2 ✓ q4 ✗ → 2/3 overall; math 2/2, chat 0/1.
 */
describe('export: filling items from a judge', () => {
  let t: ReturnType<typeof tempDir>;
  let p: Project;
  beforeEach(async () => {
    t = tempDir();
    p = openProject(join(t.dir, 'p.rankwise'), { create: true });
    const cats = ['math', 'math', 'chat', 'chat', 'math', 'chat', 'math', 'math', 'math'];
    await importFile(
      p.db,
      writeJsonl(
        join(t.dir, 'items.jsonl'),
        cats.map((category, i) => ({
          id: `q${i + 1}`,
          prompt: `prompt ${i + 1}`,
          responses: [
            { model: 'alpha', text: `first ${i + 1}` },
            { model: 'beta', text: `second ${i + 1}` },
          ],
          metadata: { category },
        })),
      ),
      { format: 'generic' },
    );
    const ada = ensureLabeller(p.db, { name: 'Ada' }).id;
    const bo = ensureLabeller(p.db, { name: 'Bo' }).id;
    const judge = (labellerId: string, itemId: string, winner: number | 'skip') =>
      appendRevision(p.db, {
        itemId,
        labellerId,
        verdict:
          winner === 'skip'
            ? { kind: 'skip', reason: null }
            : {
                kind: 'pairwise',
                outcome: 'preferred',
                chosenIdx: winner,
                rejectedIdx: 1 - winner,
                strength: null,
                criteria: {},
              },
        rationale: null,
        flags: [],
        displayedOrder: [0, 1],
        timeMs: 1000,
        guidelineVersion: 1,
        taskVersion: 1,
      });
    for (const [who, id, w] of [
      [ada, 'q1', 0],
      [bo, 'q1', 0],
      [ada, 'q2', 1],
      [bo, 'q2', 1],
      [ada, 'q3', 0],
      [bo, 'q3', 1],
      [ada, 'q4', 0],
      [bo, 'q4', 0],
      [ada, 'q9', 'skip'],
    ] as const)
      judge(who, id, w);
  });
  afterEach(() => {
    p.close();
    t.cleanup();
  });

  const gpt = (itemId: string, chosen: number, order?: number[]) => ({
    itemId,
    judge: 'gpt',
    chosen,
    rejected: 1 - chosen,
    ...(order ? { order } : {}),
  });
  const addJudge = () =>
    importJudgeVerdicts(
      p.db,
      writeJsonl(join(t.dir, 'gpt.jsonl'), [
        gpt('q1', 0),
        gpt('q2', 1),
        gpt('q3', 0),
        gpt('q4', 1),
        gpt('q5', 1, [0, 1]),
        gpt('q5', 1, [1, 0]),
        gpt('q6', 0),
        gpt('q7', 0, [0, 1]),
        gpt('q7', 1, [1, 0]),
        gpt('q9', 0),
      ]),
    ).then(() =>
      p.db
        .prepare(
          `INSERT INTO judge_verdicts (judge_id, item_seq, pair_lo, pair_hi, shown_first, outcome, raw_reply, created_at)
           SELECT j.id, i.seq, 0, 1, 0, 'none', '?', 1 FROM judges j, items i WHERE j.name = 'gpt' AND i.id = 'q8'`,
        )
        .run(),
    );
  let n = 0;
  const exportTo = async (ext: string, options: ExportOptionsInput) => {
    const out = join(t.dir, 'out', `${n++}${ext}`);
    const reader = openProject(p.path, { readonly: true });
    try {
      return await runExport(reader.db, p.path, out, options);
    } finally {
      reader.close();
    }
  };
  const rows = (path: string) =>
    readFileSync(path, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);

  it('leaves an export without the policy exactly as it was before the judge came', async () => {
    const before = await exportTo('.jsonl', { format: 'trl', policy: 'majority' });
    await addJudge();
    const after = await exportTo('.jsonl', { format: 'trl', policy: 'majority' });
    expect(readFileSync(after.path, 'utf8')).toBe(readFileSync(before.path, 'utf8'));
    expect(Object.keys(rows(after.path)[0]!)).toEqual(['prompt', 'chosen', 'rejected']);
    expect(after.judgeFill).toBeNull();
    expect(after.rowSources).toBeUndefined();
    expect({ ...after, path: '', files: [] }).toEqual({ ...before, path: '', files: [] });
  });

  it('fills items without a human verdict from the judge, every row saying its source', async () => {
    await addJudge();
    const r = await exportTo('.jsonl', {
      format: 'trl',
      policy: 'majority',
      judgeFill: { judge: 'gpt', minAgreement: 0.6, minItems: 3 },
    });
    expect(rows(r.path)).toEqual([
      { prompt: 'prompt 1', chosen: 'first 1', rejected: 'second 1', source: 'human' },
      { prompt: 'prompt 2', chosen: 'second 2', rejected: 'first 2', source: 'human' },
      // q3: no majority among people, and the judge does not overrule them.
      { prompt: 'prompt 4', chosen: 'first 4', rejected: 'second 4', source: 'human' },
      { prompt: 'prompt 5', chosen: 'second 5', rejected: 'first 5', source: 'judge:gpt' },
      { prompt: 'prompt 6', chosen: 'first 6', rejected: 'second 6', source: 'judge:gpt' },
      // q7 flipped, q8 has no verdict; q9 was only skipped by people.
      { prompt: 'prompt 9', chosen: 'first 9', rejected: 'second 9', source: 'judge:gpt' },
    ]);
    expect(r.rowSources).toEqual({ human: 3, 'judge:gpt': 3 });
    expect(r.sources).toMatchObject({ majority: 3, judge: 3 });
    expect(r.excluded).toMatchObject({ noMajority: 1, judgeFlipped: 1, skipped: 1 });
    expect(r.judgeFill).toEqual({
      judge: 'gpt',
      agreement: 2 / 3,
      kappa: expect.any(Number) as number,
      items: 3,
      minAgreement: 0.6,
      minItems: 3,
      sliceBy: null,
      slices: null,
      rows: 3,
      filledItems: 3,
    });
    // DuckDB reads the column like any other.
    expect(
      await duckdb(
        `SELECT source, count(*)::INT AS n FROM read_json_auto(${lit(r.path)}) GROUP BY 1 ORDER BY 1`,
      ),
    ).toEqual([
      { source: 'human', n: 3 },
      { source: 'judge:gpt', n: 3 },
    ]);
  });

  it('refuses the policy when the measured agreement, or the items it rests on, fall short', async () => {
    await addJudge();
    const high = await failure(
      exportTo('.jsonl', {
        format: 'trl',
        judgeFill: { judge: 'gpt', minAgreement: 0.7, minItems: 1 },
      }),
    );
    expect(high.code).toBe('INVALID_INPUT');
    expect(high.message).toBe(
      'judge "gpt" may not fill items: it agrees with the human majority on 66.7% of 3 items; the policy asks for at least 70.0% on at least 1 items',
    );
    const few = await failure(
      exportTo('.jsonl', {
        format: 'trl',
        judgeFill: { judge: 'gpt', minAgreement: 0.5, minItems: 4 },
      }),
    );
    expect(few.message).toMatch(
      /66\.7% of 3 items; the policy asks for at least 50\.0% on at least 4 items/,
    );
    expect(
      (
        await failure(
          exportTo('.jsonl', { format: 'trl', judgeFill: { judge: 'nobody', minAgreement: 0 } }),
        )
      ).message,
    ).toBe('no judge named "nobody" in this project');
    expect(
      (
        await failure(
          exportTo('.jsonl', { format: 'raw', judgeFill: { judge: 'gpt', minAgreement: 0 } }),
        )
      ).message,
    ).toMatch(/raw exports the judgment revisions people made/);
  });

  it('with a slice field, fills only where the judge measured above the threshold, and says so in the card', async () => {
    await addJudge();
    const r = await exportTo('/', {
      format: 'reward',
      judgeFill: { judge: 'gpt', minAgreement: 0.9, minItems: 1, sliceBy: 'category' },
    });
    expect(r.judgeFill!.slices).toEqual([
      { value: 'chat', items: 1, agreement: 0, allowed: false },
      { value: 'math', items: 2, agreement: 1, allowed: true },
    ]);
    // q6 (chat) is not filled; q5 and q9 (math) are.
    expect(r.excluded.judgeNotTrusted).toBe(1);
    expect(r.rowSources).toEqual({ human: 8, 'judge:gpt': 2 }); // each labeller's row on q1–q4
    const got = await duckdb(
      `SELECT prompt, source FROM read_parquet(${lit(join(r.path, 'data/*.parquet'))}) WHERE source <> 'human' ORDER BY prompt`,
    );
    expect(got).toEqual([
      { prompt: 'prompt 5', source: 'judge:gpt' },
      { prompt: 'prompt 9', source: 'judge:gpt' },
    ]);
    const card = readFileSync(join(r.path, 'README.md'), 'utf8');
    expect(card).toContain('  - name: source\n    dtype: string');
    expect(card).toContain('## Rows from a judge');
    expect(card).toContain('| `human` | 8 |\n| `judge:gpt` | 2 |');
    expect(card).toMatch(
      /its measured agreement with the human majority \(on the items both judged\) is 66\.7% over 3 items/,
    );
    expect(card).toContain('| chat | 1 | 0.0% | no |\n| math | 2 | 100.0% | yes |');
    expect(card).toMatch(
      /- Judge policy: items without a human verdict get judge `gpt`'s verdict where/,
    );
  });

  it('gives KTO labels from the judge too', async () => {
    await addJudge();
    const k = await exportTo('.jsonl', {
      format: 'kto',
      judgeFill: { judge: 'gpt', minAgreement: 0.5, minItems: 1 },
    });
    const judged = rows(k.path).filter((r) => r['source'] === 'judge:gpt');
    expect(judged).toEqual([
      { prompt: 'prompt 5', completion: 'second 5', label: true, source: 'judge:gpt' },
      { prompt: 'prompt 5', completion: 'first 5', label: false, source: 'judge:gpt' },
      { prompt: 'prompt 6', completion: 'first 6', label: true, source: 'judge:gpt' },
      { prompt: 'prompt 6', completion: 'second 6', label: false, source: 'judge:gpt' },
      { prompt: 'prompt 9', completion: 'first 9', label: true, source: 'judge:gpt' },
      { prompt: 'prompt 9', completion: 'second 9', label: false, source: 'judge:gpt' },
    ]);
  });
});
