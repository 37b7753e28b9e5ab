import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pairwiseProject } from '../db/test-support/export-project';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { item, tempDir, writeJsonl } from '../db/test-support/temp-project';
import { testIo } from './test-io';
import { main } from './main';

const io = testIo;

describe('rankwise CLI', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.cleanup());

  it('import creates the project and prints a JSON summary; info reports counts', async () => {
    const file = writeJsonl(join(t.dir, 'in.jsonl'), [item('a'), item('b'), item('a')]);
    const project = join(t.dir, 'p.rankwise');
    const run = io();
    expect(await main(['import', file, '--into', project, '--json'], run.io)).toBe(0);
    expect(JSON.parse(run.out[0]!)).toMatchObject({
      imported: 2,
      duplicates: 1,
      duplicateLines: [{ line: 3, of: 1 }],
      skipped: [],
      format: 'generic',
      container: 'jsonl',
      responses: 4,
    });

    const info = io();
    expect(await main(['info', project, '--json'], info.io)).toBe(0);
    expect(JSON.parse(info.out[0]!)).toMatchObject({
      schemaVersion: LATEST_SCHEMA_VERSION,
      counts: { items: 2, responses: 4, judgments: 0, labellers: 0 },
    });
  });

  it('import names each duplicate and what it repeats, in plain words', async () => {
    const project = join(t.dir, 'p.rankwise');
    await main(
      ['import', writeJsonl(join(t.dir, 'a.jsonl'), [item('x')]), '--into', project],
      io().io,
    );
    const run = io();
    const file = writeJsonl(join(t.dir, 'b.jsonl'), [item('y'), item('x'), item('z'), item('y')]);
    expect(await main(['import', file, '--into', project], run.io)).toBe(0);
    expect(run.out.slice(1)).toEqual([
      '2 records were duplicates and were not added again:',
      '  line 2 is already in the project (imported from a.jsonl)',
      '  line 4 repeats line 1',
    ]);
    const one = io();
    expect(await main(['import', file, '--into', project], one.io)).toBe(0);
    expect(one.out[1]).toBe('4 records were duplicates and were not added again:');
    const single = io();
    const lone = writeJsonl(join(t.dir, 'c.jsonl'), [item('q'), item('q')]);
    expect(await main(['import', lone, '--into', project], single.io)).toBe(0);
    expect(single.out.slice(1)).toEqual([
      '1 record was a duplicate and was not added again:',
      '  line 2 repeats line 1',
    ]);
  });

  it('an invalid line 57 exits non-zero naming line 57, and the project is unchanged', async () => {
    const project = join(t.dir, 'p.rankwise');
    await main(
      ['import', writeJsonl(join(t.dir, 'ok.jsonl'), [item('x')]), '--into', project],
      io().io,
    );
    const before = io();
    await main(['info', project, '--json'], before.io);

    const records: unknown[] = Array.from({ length: 60 }, (_, i) => item(`r${i}`));
    records[56] = '{"id": "r56", "prompt": "p", "responses": ["a", "b"],}';
    const run = io();
    expect(
      await main(
        ['import', writeJsonl(join(t.dir, 'data.jsonl'), records), '--into', project],
        run.io,
      ),
    ).toBe(1);
    expect(run.err).toEqual([
      `rankwise import: data.jsonl:57: invalid JSON: unexpected "}" where a property name in double quotes was expected at column 54`,
    ]);
    expect(run.out).toEqual([]);

    const after = io();
    await main(['info', project, '--json'], after.io);
    expect(after.out).toEqual(before.out);
  });

  it('a failed import into a new project leaves no project file behind', async () => {
    const project = join(t.dir, 'new.rankwise');
    const run = io();
    expect(
      await main(
        ['import', writeJsonl(join(t.dir, 'bad.jsonl'), ['nope']), '--into', project],
        run.io,
      ),
    ).toBe(1);
    expect(existsSync(project)).toBe(false);
  });

  it('skip-bad-lines reports every skipped line in JSON', async () => {
    const run = io();
    const file = writeJsonl(join(t.dir, 'in.jsonl'), [item('a'), '[1,', item('b')]);
    expect(
      await main(
        ['import', file, '--into', join(t.dir, 'p.rankwise'), '--skip-bad-lines', '--json'],
        run.io,
      ),
    ).toBe(0);
    expect(JSON.parse(run.out[0]!)).toMatchObject({
      imported: 2,
      skipped: [{ line: 2, reason: expect.stringMatching(/^invalid JSON: /) as unknown }],
    });
  });

  it('export writes TRL JSONL (empty without judgments) and reports counts', async () => {
    const project = join(t.dir, 'p.rankwise');
    await main(
      ['import', writeJsonl(join(t.dir, 'in.jsonl'), [item('a')]), '--into', project],
      io().io,
    );
    const run = io();
    const out = join(t.dir, 'out.jsonl');
    expect(await main(['export', project, '--format', 'trl', '--out', out, '--json'], run.io)).toBe(
      0,
    );
    // The keys scripts used before the export policies came stay as they were.
    expect(JSON.parse(run.out[0]!)).toMatchObject({
      path: out,
      format: 'trl',
      rows: 0,
      excluded: { ties: 0, bothBad: 0 },
    });
    expect(readFileSync(out, 'utf8')).toBe('');
  });

  it('export takes the policy options, names labellers by name, and prints the counts', async () => {
    const p = await pairwiseProject(t.dir);
    await p.backend.close();
    const out = join(t.dir, 'ds') + '/';
    const run = io();
    const args = [
      'export',
      p.path,
      '--format',
      'reward',
      '--policy',
      'majority',
      '--min-votes',
      '2',
    ];
    args.push('--split', 'test=0.3', '--seed', '5', '--labeller', 'Ada', '--labeller', 'Ben');
    args.push('--exclude-flag', 'unsafe', '--out', out);
    expect(await main(args, run.io)).toBe(0);
    expect(run.out[0]).toBe(`wrote 4 rows to ${join(t.dir, 'ds')}`);
    expect(run.out).toContain(
      'excluded: 0 ties, 1 both-bad, 2 without a majority, 1 with too few votes, 1 flagged items',
    );
    expect(existsSync(join(t.dir, 'ds', 'README.md'))).toBe(true);

    const json = io();
    const file = join(t.dir, 'kto.parquet');
    expect(
      await main(
        ['export', p.path, '--format', 'kto', '--chat', '--ties', 'keep', '--out', file, '--json'],
        json.io,
      ),
    ).toBe(0);
    expect(JSON.parse(json.out[0]!)).toMatchObject({
      container: 'parquet',
      rows: 42,
      options: { conversational: true },
    });
  });

  it('export refuses unknown values and labellers with the list of what exists', async () => {
    const p = await pairwiseProject(t.dir);
    await p.backend.close();
    const bad = async (...extra: string[]) => {
      const run = io();
      const code = await main(
        ['export', p.path, '--out', join(t.dir, 'x.jsonl'), ...extra],
        run.io,
      );
      return { code, err: run.err.join('\n') };
    };
    expect(await bad('--policy', 'plurality')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/unknown --policy plurality; expected each, majority/) as unknown,
    });
    expect(await bad('--labeller', 'Zoe')).toMatchObject({
      code: 2,
      err: expect.stringMatching(
        /no labeller "Zoe" in this project; labellers: Ada, Ben, Cy/,
      ) as unknown,
    });
    expect(await bad('--split', '0.1')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--split expects test=<ratio>/) as unknown,
    });
    expect(await bad('--format', 'trl', '--ties', 'keep')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/trl rows need a winner/) as unknown,
    });
    const run = io();
    expect(await main(['export', p.path, '--out', join(t.dir, 'x.csv')], run.io)).toBe(1);
    expect(run.err[0]).toMatch(/cannot tell the container from .*x\.csv/);
  });

  it('usage errors exit 2 with the usage line; unknown commands too', async () => {
    const a = io();
    expect(await main(['import', 'x.jsonl'], a.io)).toBe(2);
    expect(a.err[0]).toMatch(/missing --into[\s\S]*usage: rankwise import/);
    const b = io();
    expect(await main(['frobnicate'], b.io)).toBe(2);
    const c = io();
    expect(await main(['export', 'p.rankwise', '--format', 'csv', '--out', 'x'], c.io)).toBe(2);
    const d = io();
    expect(await main(['info', join(t.dir, 'missing.rankwise')], d.io)).toBe(1);
    expect(d.err[0]).toMatch(/no such project file/);
  });
});
