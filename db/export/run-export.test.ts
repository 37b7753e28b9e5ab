import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportOptionsInput } from '../../shared/export/options';
import { openProject } from '../open';
import { setGold } from '../team/gold';
import { duckdb, duckdbSchema, lit } from '../test-support/duckdb';
import { ADA, BEN, CY, pairwiseProject, type ExportProject } from '../test-support/export-project';
import { tempDir } from '../test-support/temp-project';
import { runExport } from './run-export';

/**
 * Exports of a project whose judgments are known (db/test-support/export-project.ts): three
 * labellers, judgments submitted in display terms under both display orders, revisions, an
 * undo, a skip, a flag, a gold item and two adjudications. Each test states the rows it
 * expects, reads the file itself, and has DuckDB read it too.
 *
 *   item  Ada        Ben             Cy        review
 *   i1    A s4 (2nd) A s3            A s2
 *   i2    B s2       B s2            A s1
 *   i3    A s1       B s4            tie
 *   i4    both-bad   both-bad        A s2
 *   i5    A s3       A s1 (unsafe)             (conversation prompt)
 *   i6    B s2       B s2                      (gold)
 *   i7    A s2       B s3                      B s4
 *   i8    A s1       A s1                      discard
 *   i9    B s4                       skip (after an undo)
 */
let t: ReturnType<typeof tempDir>;
let p: ExportProject;

beforeAll(async () => {
  t = tempDir();
  p = await pairwiseProject(t.dir);
});
afterAll(async () => {
  await p.backend.close();
  t.cleanup();
});

let n = 0;
async function exportTo(ext: string, options: ExportOptionsInput) {
  const out = join(t.dir, 'out', `${n++}${ext}`);
  const reader = openProject(p.path, { readonly: true });
  try {
    return await runExport(reader.db, p.path, out, options);
  } finally {
    reader.close();
  }
}

function jsonl(path: string): Array<Record<string, unknown>> {
  const text = path.endsWith('.gz')
    ? gunzipSync(readFileSync(path)).toString('utf8')
    : readFileSync(path, 'utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

const CONV = 'System: Be kind.\n\nUser: Hello';
const prompt = (i: string) => (i === '5' ? CONV : `Q${i}`);
/** A TRL row for item i where response `win` (0 = A, 1 = B) was preferred. */
const trl = (i: string, win: 0 | 1) => ({
  prompt: prompt(i),
  chosen: win === 0 ? `A${i}` : `B${i}`,
  rejected: win === 0 ? `B${i}` : `A${i}`,
});

// Policy "each", in item order then labeller (Ada, Ben, Cy): ties and both-bad left out.
const EACH: Array<[string, 0 | 1]> = [
  ['1', 0], ['1', 0], ['1', 0],
  ['2', 1], ['2', 1], ['2', 0],
  ['3', 0], ['3', 1],
  ['4', 0],
  ['5', 0], ['5', 0],
  ['6', 1], ['6', 1],
  ['7', 0], ['7', 1],
  ['8', 0], ['8', 0],
  ['9', 1],
]; // prettier-ignore

describe('exports of known judgments', () => {
  it('the fixture covers both display orders, so the mapping back to responses is exercised', () => {
    const orders = [...p.orders.values()].map((o) => o.join(','));
    expect(new Set(orders)).toEqual(new Set(['0,1', '1,0']));
  });

  it('trl, policy each: exact rows in JSONL and Parquet, and DuckDB reads the same', async () => {
    const r = await exportTo('.jsonl', { format: 'trl' });
    const expected = EACH.map(([i, w]) => trl(i, w));
    expect(jsonl(r.path)).toEqual(expected);
    expect(r).toMatchObject({
      format: 'trl',
      container: 'jsonl',
      rows: 18,
      items: 9,
      judgments: 21, // current judgments: 22 heads, one a skip
      excluded: { ties: 1, bothBad: 2, skipped: 1 },
    });
    expect(Object.keys(jsonl(r.path)[0]!)).toEqual(['prompt', 'chosen', 'rejected']);
    expect(await duckdb(`SELECT * FROM read_json_auto(${lit(r.path)})`)).toEqual(expected);

    const pq = await exportTo('.parquet', { format: 'trl' });
    expect(pq.container).toBe('parquet');
    expect(await duckdbSchema(`read_parquet(${lit(pq.path)})`)).toEqual({
      prompt: 'VARCHAR',
      chosen: 'VARCHAR',
      rejected: 'VARCHAR',
    });
    expect(await duckdb(`SELECT * FROM read_parquet(${lit(pq.path)})`)).toEqual(expected);
  });

  it('trl-chat: prompts as message lists (system turn kept), completions as assistant messages', async () => {
    const msg = (role: string, content: string) => ({ role, content });
    const expected = EACH.map(([i, w]) => ({
      prompt:
        i === '5' ? [msg('system', 'Be kind.'), msg('user', 'Hello')] : [msg('user', `Q${i}`)],
      chosen: [msg('assistant', trl(i, w).chosen)],
      rejected: [msg('assistant', trl(i, w).rejected)],
    }));
    const r = await exportTo('.jsonl', { format: 'trl-chat' });
    expect(jsonl(r.path)).toEqual(expected);
    const pq = await exportTo('.parquet', { format: 'trl-chat' });
    const messages = 'STRUCT("role" VARCHAR, "content" VARCHAR)[]';
    expect(await duckdbSchema(`read_parquet(${lit(pq.path)})`)).toEqual({
      prompt: messages,
      chosen: messages,
      rejected: messages,
    });
    expect(await duckdb(`SELECT * FROM read_parquet(${lit(pq.path)})`)).toEqual(expected);
    expect(await duckdb(`SELECT * FROM read_json_auto(${lit(r.path)})`)).toEqual(expected);
  });

  it('hh: whole transcripts, Human/Assistant turns, system turn named', async () => {
    const r = await exportTo('.jsonl', { format: 'hh' });
    const turn = (i: string) =>
      i === '5' ? '\n\nSystem: Be kind.\n\nHuman: Hello' : `\n\nHuman: Q${i}`;
    const expected = EACH.map(([i, w]) => ({
      chosen: `${turn(i)}\n\nAssistant: ${trl(i, w).chosen}`,
      rejected: `${turn(i)}\n\nAssistant: ${trl(i, w).rejected}`,
    }));
    expect(jsonl(r.path)).toEqual(expected);
    expect(await duckdb(`SELECT * FROM read_json_auto(${lit(r.path)})`)).toEqual(expected);
    const pq = await exportTo('.parquet', { format: 'hh' });
    expect(await duckdb(`SELECT * FROM read_parquet(${lit(pq.path)})`)).toEqual(expected);
  });

  it('reward: margin = (strength − 1) / 3 on the 4-level scale, written as a float in JSONL', async () => {
    const strengths = [4, 3, 2, 2, 2, 1, 1, 4, 2, 3, 1, 2, 2, 2, 3, 1, 1, 4];
    const expected = EACH.map(([i, w], k) => ({ ...trl(i, w), margin: (strengths[k]! - 1) / 3 }));
    const r = await exportTo('.jsonl', { format: 'reward' });
    expect(jsonl(r.path)).toEqual(expected);
    // Whole margins keep their decimal point, so JSON readers type the column as double.
    expect(readFileSync(r.path, 'utf8')).toContain('"margin":1.0}');
    expect(await duckdbSchema(`read_json_auto(${lit(r.path)})`)).toMatchObject({
      margin: 'DOUBLE',
    });
    expect(await duckdb(`SELECT * FROM read_json_auto(${lit(r.path)})`)).toEqual(expected);
    const pq = await exportTo('.parquet', { format: 'reward' });
    expect(await duckdbSchema(`read_parquet(${lit(pq.path)})`)).toMatchObject({ margin: 'DOUBLE' });
    const read = await duckdb(`SELECT * FROM read_parquet(${lit(pq.path)})`);
    expect(read.map((x) => x['margin'])).toEqual(expected.map((x) => x.margin));
  });

  it('kto, each, ties kept: winner desirable, loser undesirable, tie both desirable, both-bad both undesirable', async () => {
    const row = (i: string, text: 'A' | 'B', label: boolean) => ({
      prompt: prompt(i),
      completion: `${text}${i}`,
      label,
    });
    const pair = (i: string, w: 0 | 1) =>
      w === 0 ? [row(i, 'A', true), row(i, 'B', false)] : [row(i, 'B', true), row(i, 'A', false)];
    const expected = [
      ...pair('1', 0), ...pair('1', 0), ...pair('1', 0),
      ...pair('2', 1), ...pair('2', 1), ...pair('2', 0),
      ...pair('3', 0), ...pair('3', 1), row('3', 'A', true), row('3', 'B', true),
      row('4', 'A', false), row('4', 'B', false), row('4', 'A', false), row('4', 'B', false), ...pair('4', 0),
      ...pair('5', 0), ...pair('5', 0),
      ...pair('6', 1), ...pair('6', 1),
      ...pair('7', 0), ...pair('7', 1),
      ...pair('8', 0), ...pair('8', 0),
      ...pair('9', 1),
    ]; // prettier-ignore
    const r = await exportTo('.jsonl', { format: 'kto', ties: 'keep' });
    expect(jsonl(r.path)).toEqual(expected);
    expect(r.labels).toEqual({ desirable: 20, undesirable: 22 });
    expect(await duckdb(`SELECT * FROM read_json_auto(${lit(r.path)})`)).toEqual(expected);
    const pq = await exportTo('.parquet', { format: 'kto', ties: 'keep' });
    expect(await duckdbSchema(`read_parquet(${lit(pq.path)})`)).toEqual({
      prompt: 'VARCHAR',
      completion: 'VARCHAR',
      label: 'BOOLEAN',
    });
    expect(await duckdb(`SELECT * FROM read_parquet(${lit(pq.path)})`)).toEqual(expected);
    // Dropping ties drops them from KTO too, counted.
    const dropped = await exportTo('.jsonl', { format: 'kto' });
    expect(dropped.rows).toBe(36);
    expect(dropped.excluded).toMatchObject({ ties: 1, bothBad: 2 });
  });

  it('trl, majority: a strict majority per pair, ties by majority counted, the rest left out', async () => {
    const r = await exportTo('.jsonl', { format: 'trl', policy: 'majority' });
    expect(jsonl(r.path)).toEqual([
      trl('1', 0),
      trl('2', 1),
      trl('5', 0),
      trl('6', 1),
      trl('8', 0),
      trl('9', 1),
    ]);
    expect(r.excluded).toMatchObject({ noMajority: 2, bothBad: 1, ties: 0 });
    expect(r.sources).toMatchObject({ majority: 6, judgment: 0 });
  });

  it('trl, unanimous: only pairs where every vote agrees', async () => {
    const r = await exportTo('.jsonl', { format: 'trl', policy: 'unanimous' });
    expect(jsonl(r.path)).toEqual([
      trl('1', 0),
      trl('5', 0),
      trl('6', 1),
      trl('8', 0),
      trl('9', 1),
    ]);
    expect(r.excluded.notUnanimous).toBe(4);
  });

  it('trl, mean: the mean signed strength picks the side; reward margins from the mean', async () => {
    const r = await exportTo('.jsonl', { format: 'trl', policy: 'mean' });
    expect(jsonl(r.path)).toEqual([
      trl('1', 0), trl('2', 1), trl('3', 1), trl('4', 0), trl('5', 0),
      trl('6', 1), trl('7', 1), trl('8', 0), trl('9', 1),
    ]); // prettier-ignore
    const reward = await exportTo('.jsonl', { format: 'reward', policy: 'mean' });
    // Means 3, 1, 1, 2/3, 2, 2, 1/2, 1, 4 → (m − 1) / 3, never below 0.
    expect(jsonl(reward.path).map((x) => x['margin'])).toEqual([
      2 / 3,
      0,
      0,
      0,
      1 / 3,
      1 / 3,
      0,
      0,
      1,
    ]);
  });

  it('trl, adjudicated: the reviewer decides i7 (for B) and discards i8; the rest by majority', async () => {
    const r = await exportTo('.jsonl', { format: 'trl', policy: 'adjudicated' });
    expect(jsonl(r.path)).toEqual([
      trl('1', 0),
      trl('2', 1),
      trl('5', 0),
      trl('6', 1),
      trl('7', 1),
      trl('9', 1),
    ]);
    expect(r.excluded).toMatchObject({ discarded: 1, noMajority: 1, bothBad: 1 });
    expect(r.sources).toMatchObject({ adjudicated: 1, majority: 5 });
    const reward = await exportTo('.jsonl', { format: 'reward', policy: 'adjudicated' });
    // i7's margin comes from the reviewer's strength 4.
    expect(jsonl(reward.path)[4]).toEqual({ ...trl('7', 1), margin: 1 });
  });

  it('a minimum number of votes applies to every policy', async () => {
    const r = await exportTo('.jsonl', { format: 'trl', policy: 'majority', minVotes: 3 });
    expect(jsonl(r.path)).toEqual([trl('1', 0), trl('2', 1)]);
    const each = await exportTo('.jsonl', { format: 'trl', minVotes: 3 });
    // i1 and i2: 3 rows each; i3: 2 (its third vote, a tie, is dropped); i4: 1 (two both-bad).
    expect(each.rows).toBe(9);
    expect(each.excluded.tooFewVotes).toBe(5); // items i5..i9
    expect(each.excluded).toMatchObject({ ties: 1, bothBad: 2 });
  });

  it('per-criterion export: only the verdicts on that criterion', async () => {
    const r = await exportTo('.jsonl', { format: 'trl', criterion: 'helpfulness' });
    expect(jsonl(r.path)).toEqual([trl('1', 0), trl('1', 0)]);
    const harm = await exportTo('.jsonl', {
      format: 'kto',
      criterion: 'harmlessness',
      ties: 'keep',
    });
    expect(jsonl(harm.path)).toEqual([
      { prompt: 'Q1', completion: 'A1', label: true },
      { prompt: 'Q1', completion: 'B1', label: true },
    ]);
    await expect(exportTo('.jsonl', { format: 'trl', criterion: 'honesty' })).rejects.toThrow(
      /unknown criterion "honesty"; this project has "helpfulness", "harmlessness", "overall"/,
    );
  });

  it('filters: labeller, flags, gold, minimum agreement', async () => {
    const ada = await exportTo('.jsonl', { format: 'trl', filters: { labellers: [ADA] } });
    expect(jsonl(ada.path)).toEqual([
      trl('1', 0), trl('2', 1), trl('3', 0), trl('5', 0), trl('6', 1), trl('7', 0), trl('8', 0), trl('9', 1),
    ]); // prettier-ignore
    const noUnsafe = await exportTo('.jsonl', {
      format: 'trl',
      filters: { excludeFlags: ['unsafe'] },
    });
    expect(noUnsafe.rows).toBe(16);
    expect(noUnsafe.excluded.flagged).toBe(1);
    const anyFlag = await exportTo('.jsonl', { format: 'trl', filters: { excludeFlags: ['*'] } });
    expect(anyFlag.excluded.flagged).toBe(1);
    const noGold = await exportTo('.jsonl', { format: 'trl', filters: { excludeGold: true } });
    expect(jsonl(noGold.path).some((r) => r['prompt'] === 'Q6')).toBe(false);
    expect(noGold.excluded.gold).toBe(1);
    // Gold set in the project (the Team screen's gold table) counts too, not only metadata.
    const writer = openProject(p.path);
    try {
      setGold(writer.db, 'i1', { kind: 'pairwise', outcome: 'preferred', chosen: 0, rejected: 1 });
      const noGold2 = await exportTo('.jsonl', { format: 'trl', filters: { excludeGold: true } });
      expect(noGold2.excluded.gold).toBe(2);
      expect(jsonl(noGold2.path).some((r) => r['prompt'] === 'Q1')).toBe(false);
    } finally {
      // The project is shared by the tests in this file: leave it as it was.
      writer.db.prepare("DELETE FROM gold WHERE item_id = 'i1'").run();
      writer.close();
    }
    // Full agreement needs two votes that agree: i1, i5, i6, i8 (i9 has one vote).
    const agreed = await exportTo('.jsonl', { format: 'trl', filters: { minAgreement: 1 } });
    expect(new Set(jsonl(agreed.path).map((r) => r['prompt']))).toEqual(
      new Set(['Q1', CONV, 'Q6', 'Q8']),
    );
    expect(agreed.excluded.lowAgreement).toBe(5);
  });

  it('raw: every revision with labeller, displayed order, strength, criteria, flags, timings, versions', async () => {
    const r = await exportTo('.jsonl', { format: 'raw' });
    const rows = jsonl(r.path);
    expect(rows).toHaveLength(25);
    expect(r.options.ties).toBe('keep');
    const i1ada = rows.filter((x) => x['item_id'] === 'i1' && x['labeller_id'] === ADA);
    expect(i1ada.map((x) => [x['revision'], x['current'], x['chosen_idx'], x['strength']])).toEqual(
      [
        [1, false, 1, 1],
        [2, true, 0, 4],
      ],
    );
    expect(i1ada[1]).toMatchObject({
      labeller_name: 'Ada',
      kind: 'pairwise',
      outcome: 'preferred',
      rejected_idx: 1,
      chosen_model: 'alpha',
      rejected_model: 'beta',
      criteria: [
        { name: 'helpfulness', preferred_idx: 0, tie: false },
        { name: 'harmlessness', preferred_idx: null, tie: true },
      ],
      displayed_order: p.orders.get(`i1/${ADA}`),
      response_models: ['alpha', 'beta'],
      time_ms: 1000,
      guideline_version: 2,
      task_version: 2,
      supersedes: i1ada[0]!['judgment_id'],
    });
    const cy9 = rows.filter((x) => x['item_id'] === 'i9' && x['labeller_id'] === CY);
    expect(cy9.map((x) => [x['kind'], x['current']])).toEqual([
      ['pairwise', false],
      ['retract', false],
      ['skip', true],
    ]);
    const flagged = rows.find((x) => x['item_id'] === 'i5' && x['labeller_id'] === BEN)!;
    expect(flagged['flags']).toEqual(['unsafe']);

    // DuckDB reads the JSONL to the same revisions.
    const fromJson = await duckdb(
      // JSON integers are BIGINT to DuckDB, which its JSON output writes as strings: cast.
      `SELECT judgment_id, revision::INTEGER AS revision, current, displayed_order::INTEGER[] AS displayed_order
         FROM read_json_auto(${lit(r.path)})`,
    );
    expect(fromJson).toEqual(
      rows.map((x) => ({
        judgment_id: x['judgment_id'],
        revision: x['revision'],
        current: x['current'],
        displayed_order: x['displayed_order'],
      })),
    );
    const pq = await exportTo('.parquet', { format: 'raw' });
    const schema = await duckdbSchema(`read_parquet(${lit(pq.path)})`);
    expect(schema).toMatchObject({
      revision: 'INTEGER',
      current: 'BOOLEAN',
      criteria: 'STRUCT("name" VARCHAR, preferred_idx INTEGER, tie BOOLEAN)[]',
      ranking: 'INTEGER[][]',
      flags: 'VARCHAR[]',
      displayed_order: 'INTEGER[]',
      time_ms: 'BIGINT',
      created_at: 'TIMESTAMP WITH TIME ZONE',
    });
    const back = await duckdb(
      `SELECT judgment_id, item_id, labeller_id, revision, kind, outcome, chosen_idx, strength, displayed_order, flags
         FROM read_parquet(${lit(pq.path)})`,
    );
    expect(back).toEqual(
      rows.map((x) => ({
        judgment_id: x['judgment_id'],
        item_id: x['item_id'],
        labeller_id: x['labeller_id'],
        revision: x['revision'],
        kind: x['kind'],
        outcome: x['outcome'],
        chosen_idx: x['chosen_idx'],
        strength: x['strength'],
        displayed_order: x['displayed_order'],
        flags: x['flags'],
      })),
    );
  });

  it('gzip JSONL is the same rows compressed, and DuckDB reads it', async () => {
    const r = await exportTo('.jsonl.gz', { format: 'trl' });
    expect(r.container).toBe('jsonl.gz');
    expect(readFileSync(r.path).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(jsonl(r.path)).toEqual(EACH.map(([i, w]) => trl(i, w)));
    expect(
      await duckdb(`SELECT count(*)::INTEGER AS n FROM read_json_auto(${lit(r.path)})`),
    ).toEqual([{ n: 18 }]);
  });

  it('a split keeps every prompt in one split and writes a file per split', async () => {
    const r = await exportTo('.jsonl', { format: 'trl', split: { test: 0.4, seed: 3 } });
    expect(r.files.map((f) => [f.split, f.path.replace(/^.*[/\\]/, '')])).toEqual([
      ['train', expect.stringMatching(/-train\.jsonl$/)],
      ['test', expect.stringMatching(/-test\.jsonl$/)],
    ]);
    const train = jsonl(r.files[0]!.path);
    const test = jsonl(r.files[1]!.path);
    expect(train.length + test.length).toBe(18);
    expect(test.length).toBeGreaterThan(0);
    expect(train.length).toBeGreaterThan(0);
    const trainPrompts = new Set(train.map((x) => x['prompt']));
    for (const row of test) expect(trainPrompts.has(row['prompt'])).toBe(false);
    expect(r.splits).toEqual({ train: train.length, test: test.length });
    // Same seed, same split; the union is the unsplit export.
    const again = await exportTo('.jsonl', { format: 'trl', split: { test: 0.4, seed: 3 } });
    expect(jsonl(again.files[1]!.path)).toEqual(test);
    expect([...train, ...test]).toHaveLength(EACH.length);
  });
});

describe('dataset folder', () => {
  it('writes data/<split>-0000i-of-0000N.parquet and a complete card; DuckDB reads the shards', async () => {
    const out = join(t.dir, 'hub', 'prefs') + '/';
    const reader = openProject(p.path, { readonly: true });
    const r = await runExport(reader.db, p.path, out, {
      format: 'reward',
      policy: 'majority',
      split: { test: 0.3, seed: 1 },
    });
    reader.close();
    expect(r.container).toBe('folder');
    expect(readdirSync(r.path).sort()).toEqual(['README.md', 'data']);
    const names = readdirSync(join(r.path, 'data')).sort();
    expect(names).toEqual(
      [r.splits.test ? 'test-00000-of-00001.parquet' : null, 'train-00000-of-00001.parquet'].filter(
        Boolean,
      ),
    );
    const all = await duckdb(
      `SELECT prompt, chosen, rejected, margin FROM read_parquet(${lit(join(r.path, 'data', '*.parquet'))}) ORDER BY prompt`,
    );
    expect(all).toEqual(
      [
        { ...trl('1', 0), margin: 2 / 3 },
        { ...trl('2', 1), margin: 1 / 3 },
        { ...trl('6', 1), margin: 1 / 3 },
        { ...trl('8', 0), margin: 0 },
        { ...trl('9', 1), margin: 1 },
        { ...trl('5', 0), margin: 1 / 3 },
      ].sort((a, b) => (a.prompt < b.prompt ? -1 : 1)),
    );
    const card = readFileSync(join(r.path, 'README.md'), 'utf8');
    expect(card.startsWith('---\n')).toBe(true);
    expect(card).toContain(
      [
        'configs:',
        '- config_name: default',
        '  data_files:',
        '  - split: train',
        '    path: data/train-*',
      ].join('\n'),
    );
    expect(card).toContain(
      ['  features:', '  - name: prompt', '    dtype: string', '  - name: chosen'].join('\n'),
    );
    expect(card).toContain(`  - name: train\n    num_examples: ${r.splits.train}`);
    expect(card).toContain('## Label distribution');
    expect(card).toContain('| alpha |');
    expect(card).toContain("Krippendorff's alpha, nominal");
    expect(card).toContain('Aggregation: `majority`');
    expect(card).toContain('| 4 | significantly better | 1.000 |');
    expect(card).toContain('## Guidelines (version 2)');
    expect(card).toContain('Prefer the answer that helps without harm.');
    expect(card).toContain('| pairs without a strict majority | 2 |');
  });

  it('rolls shards over past the shard size and numbers them of N', async () => {
    const out = join(t.dir, 'sharded') + '/';
    const reader = openProject(p.path, { readonly: true });
    const r = await runExport(reader.db, p.path, out, { format: 'trl' }, { shardBytes: 1 });
    reader.close();
    const names = readdirSync(join(r.path, 'data')).sort();
    expect(names.length).toBe(9); // one shard per item written, as every write passes 1 byte
    expect(names[0]).toBe('train-00000-of-00009.parquet');
    const rows = await duckdb(
      `SELECT count(*)::INTEGER AS n FROM read_parquet(${lit(join(r.path, 'data', '*.parquet'))})`,
    );
    expect(rows).toEqual([{ n: 18 }]);
  });

  it('replaces an earlier export in place, and refuses a folder holding anything else', async () => {
    const out = join(t.dir, 'again') + '/';
    const reader = openProject(p.path, { readonly: true });
    await runExport(reader.db, p.path, out, { format: 'trl' });
    const second = await runExport(reader.db, p.path, out, { format: 'kto' });
    expect(readFileSync(join(second.path, 'README.md'), 'utf8')).toContain(
      'unpaired preferences (KTO)',
    );
    const theirs = join(t.dir, 'theirs');
    await import('node:fs').then((fs) => {
      fs.mkdirSync(theirs);
      fs.writeFileSync(join(theirs, 'notes.txt'), 'mine');
    });
    await expect(runExport(reader.db, p.path, theirs + '/', { format: 'trl' })).rejects.toThrow(
      /already holds other files/,
    );
    expect(readdirSync(theirs)).toEqual(['notes.txt']);
    reader.close();
  });
});

describe('failures leave nothing behind', () => {
  it('a cancelled export writes no file and no folder', async () => {
    const controller = new AbortController();
    controller.abort();
    const reader = openProject(p.path, { readonly: true });
    const dir = join(t.dir, 'cancelled');
    await expect(
      runExport(
        reader.db,
        p.path,
        join(dir, 'x.parquet'),
        { format: 'trl' },
        { signal: controller.signal },
      ),
    ).rejects.toThrow();
    await expect(
      runExport(
        reader.db,
        p.path,
        join(dir, 'folder') + '/',
        { format: 'trl' },
        { signal: controller.signal },
      ),
    ).rejects.toThrow();
    reader.close();
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });

  it('an unwritable destination fails with a message that says so', async () => {
    const reader = openProject(p.path, { readonly: true });
    const file = join(t.dir, 'a-file');
    await import('node:fs').then((fs) => fs.writeFileSync(file, 'x'));
    await expect(
      runExport(reader.db, p.path, join(file, 'sub', 'x.jsonl'), { format: 'trl' }),
    ).rejects.toThrow(/cannot write .*a-file.*: a part of the path is a file, not a folder/);
    reader.close();
  });

  it('an impossible combination is refused with what to do instead', async () => {
    await expect(exportTo('.jsonl', { format: 'trl', ties: 'keep' })).rejects.toThrow(
      /trl rows need a winner.*use ties "drop", or the kto or raw format/,
    );
    await expect(exportTo('.jsonl', { format: 'raw', policy: 'majority' })).rejects.toThrow(
      /aggregation policies do not apply/,
    );
  });
});
