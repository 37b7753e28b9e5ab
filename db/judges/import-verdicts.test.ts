import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors';
import { importFile } from '../import/import-file';
import type { Project } from '../open';
import { item, newProject, tempDir, writeJsonl } from '../test-support/temp-project';
import { judgesFromSource } from './from-source';
import { importJudgeVerdicts } from './import-verdicts';
import { listJudges } from './store';

describe('rankwise judges import', () => {
  let t: ReturnType<typeof tempDir>;
  let p: Project;
  beforeEach(async () => {
    t = tempDir();
    p = newProject(t.dir);
    const items = [item('q1'), item('q2'), item('q3', 'p3', ['a', 'b', 'c'])];
    await importFile(p.db, writeJsonl(join(t.dir, 'items.jsonl'), items), { format: 'generic' });
  });
  afterEach(() => {
    p.close();
    t.cleanup();
  });

  const file = (name: string, lines: unknown[]) => writeJsonl(join(t.dir, name), lines);
  const dump = () => ({
    judges: p.db.prepare('SELECT * FROM judges ORDER BY id').all(),
    verdicts: p.db
      .prepare(
        'SELECT * FROM judge_verdicts ORDER BY judge_id, item_seq, pair_lo, pair_hi, shown_first',
      )
      .all(),
  });
  const refused = async (path: string): Promise<ApiError> => {
    const before = dump();
    try {
      await importJudgeVerdicts(p.db, path);
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError);
      // Nothing was written: not a verdict, not a judge.
      expect(dump()).toEqual(before);
      return e as ApiError;
    }
    throw new Error('expected the import to be refused');
  };

  it('stores every line form, with order, rationale, scores and time, and a re-import changes nothing', async () => {
    const path = file('verdicts.jsonl', [
      {
        itemId: 'q1',
        judge: 'gpt-judge',
        chosen: 1,
        rejected: 0,
        order: [1, 0],
        rationale: 'B is kinder',
      },
      { itemId: 'q2', judge: 'gpt-judge', outcome: 'tie' },
      {
        itemId: 'q3',
        judge: 'gpt-judge',
        outcome: 'both_bad',
        chosen: 2,
        rejected: 0,
        createdAt: '2025-03-31T12:00:00Z',
      },
      {
        itemId: 'q1',
        judge: 'rm-v3',
        kind: 'reward-model',
        model: 'rm-3b',
        chosen: 0,
        rejected: 1,
        score: [1.5, -0.25],
      },
      '',
    ]);
    const r = await importJudgeVerdicts(p.db, path, { now: 1000 });
    expect(r).toEqual({
      file: 'verdicts.jsonl',
      added: 4,
      alreadyPresent: 0,
      duplicates: 0,
      judges: [
        { name: 'gpt-judge', kind: 'llm', created: true, added: 3 },
        { name: 'rm-v3', kind: 'reward-model', created: true, added: 1 },
      ],
    });
    const rows = p.db
      .prepare(
        `SELECT j.name, i.id AS item, v.pair_lo, v.pair_hi, v.shown_first, v.outcome, v.winner, v.scores_json,
                v.margin, v.rationale, v.created_at
           FROM judge_verdicts v JOIN judges j ON j.id = v.judge_id JOIN items i ON i.seq = v.item_seq
          ORDER BY j.name, i.seq`,
      )
      .all();
    expect(rows).toEqual([
      {
        name: 'gpt-judge',
        item: 'q1',
        pair_lo: 0,
        pair_hi: 1,
        shown_first: 1,
        outcome: 'preferred',
        winner: 1,
        scores_json: null,
        margin: null,
        rationale: 'B is kinder',
        created_at: 1000,
      },
      {
        name: 'gpt-judge',
        item: 'q2',
        pair_lo: 0,
        pair_hi: 1,
        shown_first: -1,
        outcome: 'tie',
        winner: null,
        scores_json: null,
        margin: null,
        rationale: null,
        created_at: 1000,
      },
      {
        name: 'gpt-judge',
        item: 'q3',
        pair_lo: 0,
        pair_hi: 2,
        shown_first: -1,
        outcome: 'both_bad',
        winner: null,
        scores_json: null,
        margin: null,
        rationale: null,
        created_at: Date.parse('2025-03-31T12:00:00Z'),
      },
      {
        name: 'rm-v3',
        item: 'q1',
        pair_lo: 0,
        pair_hi: 1,
        shown_first: -1,
        outcome: 'preferred',
        winner: 0,
        scores_json: '[1.5,-0.25]',
        margin: 1.75,
        rationale: null,
        created_at: 1000,
      },
    ]);
    expect(listJudges(p.db).map((j) => [j.name, j.kind, j.model, j.verdicts, j.items])).toEqual([
      ['gpt-judge', 'llm', null, 3, 3],
      ['rm-v3', 'reward-model', 'rm-3b', 1, 1],
    ]);

    const before = dump();
    const again = await importJudgeVerdicts(p.db, path, { now: 2000 });
    expect(again).toMatchObject({ added: 0, alreadyPresent: 4, duplicates: 0 });
    expect(again.judges.every((j) => !j.created && j.added === 0)).toBe(true);
    expect(dump()).toEqual(before);
  });

  it('reads gzip and a BOM, counts a repeated line once, and adds only what is new', async () => {
    const line = { itemId: 'q1', judge: 'j', chosen: 0, rejected: 1 };
    const path = join(t.dir, 'v.jsonl.gz');
    writeFileSync(
      path,
      gzipSync(
        Buffer.from(
          '\ufeff' +
            [line, line, { ...line, itemId: 'q2' }].map((l) => JSON.stringify(l)).join('\n'),
        ),
      ),
    );
    expect(await importJudgeVerdicts(p.db, path)).toMatchObject({ added: 2, duplicates: 1 });
    const more = file('more.jsonl', [line, { ...line, itemId: 'q3' }]);
    expect(await importJudgeVerdicts(p.db, more)).toMatchObject({ added: 1, alreadyPresent: 1 });
  });

  it.each<[string, unknown[] | string, RegExp]>([
    [
      'invalid JSON',
      ['{"itemId": "q1", "judge": "j", "chosen": 0, "rejected": 1}', '{"itemId": "q2", "judge": }'],
      /^bad\.jsonl:2: invalid JSON: .* at column 27$/,
    ],
    [
      'an unknown item',
      [{ itemId: 'nope', judge: 'j', chosen: 0, rejected: 1 }],
      /^bad\.jsonl:1: itemId: no item "nope" in this project$/,
    ],
    [
      'a response the item does not have',
      [{ itemId: 'q1', judge: 'j', chosen: 2, rejected: 0 }],
      /^bad\.jsonl:1: chosen: item "q1" has 2 responses \(indices 0\.\.1\); there is no response 2$/,
    ],
    [
      'an order naming a response the item does not have',
      [{ itemId: 'q1', judge: 'j', chosen: 1, rejected: 0, order: [1, 0, 5] }],
      /^bad\.jsonl:1: order: item "q1" has 2 responses/,
    ],
    [
      'scores for the wrong number of responses',
      [{ itemId: 'q3', judge: 'j', chosen: 1, rejected: 0, score: [1, 2] }],
      /^bad\.jsonl:1: score: item "q3" has 3 responses; give one score \(or null\) per response, 2 given$/,
    ],
    [
      'a response compared with itself',
      [{ itemId: 'q1', judge: 'j', chosen: 1, rejected: 1 }],
      /^bad\.jsonl:1: rejected: compares response 1 with itself$/,
    ],
    [
      'no verdict',
      [{ itemId: 'q1', judge: 'j' }],
      /^bad\.jsonl:1: chosen: expected the preferred response's index/,
    ],
    [
      'an unknown outcome',
      [{ itemId: 'q1', judge: 'j', outcome: 'draw' }],
      /^bad\.jsonl:1: outcome: expected "tie" or "both_bad"/,
    ],
    [
      'a misspelt field',
      [{ itemId: 'q1', judge: 'j', chosen: 1, rejected: 0, rationle: 'x' }],
      /^bad\.jsonl:1: rationle: unknown field/,
    ],
    [
      'a judge without a name',
      [{ itemId: 'q1', chosen: 1, rejected: 0 }],
      /^bad\.jsonl:1: judge: expected the judge's name/,
    ],
    [
      'an unknown judge kind',
      [{ itemId: 'q1', judge: 'j', kind: 'oracle', chosen: 1, rejected: 0 }],
      /^bad\.jsonl:1: kind: expected "llm", "reward-model", "dataset"/,
    ],
    [
      'a bad time',
      [{ itemId: 'q1', judge: 'j', chosen: 1, rejected: 0, createdAt: 'yesterday' }],
      /^bad\.jsonl:1: createdAt: expected a time/,
    ],
    [
      'two verdicts on one pair and order',
      [
        { itemId: 'q1', judge: 'j', chosen: 1, rejected: 0 },
        { itemId: 'q2', judge: 'j', outcome: 'tie' },
        { itemId: 'q1', judge: 'j', chosen: 0, rejected: 1 },
      ],
      /^bad\.jsonl:3: line 1 gives judge "j" another verdict on responses 1 and 2 of item "q1"; a judge gives one verdict per pair and order$/,
    ],
    [
      'a judge named with two kinds',
      [
        { itemId: 'q1', judge: 'j', kind: 'llm', chosen: 1, rejected: 0 },
        { itemId: 'q2', judge: 'j', kind: 'reward-model', chosen: 1, rejected: 0 },
      ],
      /^bad\.jsonl:2: kind: judge "j" is named earlier in this file as kind llm, not reward-model$/,
    ],
    [
      'a line that is not an object',
      ['[1, 2]'],
      /^bad\.jsonl:1: expected a JSON object per line, got an array$/,
    ],
  ])(
    'refuses %s, naming file, line and reason, and writes nothing',
    async (_what, lines, message) => {
      const e = await refused(file('bad.jsonl', typeof lines === 'string' ? [lines] : lines));
      expect(e.code).toBe('IMPORT_FAILED');
      expect(e.message).toMatch(message);
      expect((e.details as { file: string }).file).toBe('bad.jsonl');
    },
  );

  it('refuses bytes that are not UTF-8, naming the line and column, never storing U+FFFD', async () => {
    const path = join(t.dir, 'latin1.jsonl');
    writeFileSync(
      path,
      Buffer.concat([
        Buffer.from(
          '{"itemId": "q1", "judge": "j", "chosen": 1, "rejected": 0}\n{"itemId": "q2", "judge": "j", "chosen": 1, "rejected": 0, "rationale": "caf',
        ),
        Buffer.from([0xe9]),
        Buffer.from('"}\n'),
      ]),
    );
    const e = await refused(path);
    expect(e.message).toMatch(
      /^latin1\.jsonl:2: invalid UTF-8 \(byte 0xE9\) at column 77: the file must be UTF-8/,
    );
  });

  it('refuses a verdict that contradicts one the project holds, and the first bad line is the one named', async () => {
    await importJudgeVerdicts(
      p.db,
      file('a.jsonl', [{ itemId: 'q1', judge: 'j', chosen: 1, rejected: 0, order: [0, 1] }]),
    );
    const e = await refused(
      file('b.jsonl', [
        { itemId: 'q2', judge: 'j', chosen: 1, rejected: 0 },
        { itemId: 'q1', judge: 'j', chosen: 0, rejected: 1, order: [0, 1] },
        '{not json',
      ]),
    );
    expect(e.message).toBe(
      'b.jsonl:2: judge "j" already has another verdict on responses 1 and 2 of item "q1", response 1 shown first in this project (response 2 better); a judge gives one verdict per pair and order',
    );
    // The same pair in the other order is another verdict, not a conflict.
    await expect(
      importJudgeVerdicts(
        p.db,
        file('c.jsonl', [{ itemId: 'q1', judge: 'j', chosen: 0, rejected: 1, order: [1, 0] }]),
      ),
    ).resolves.toMatchObject({ added: 1 });
  });

  it('stops when cancelled, leaving the project as it was', async () => {
    const lines = Array.from({ length: 9000 }, (_, i) => ({
      itemId: `q${(i % 3) + 1}`,
      judge: `j${i}`,
      chosen: 0,
      rejected: 1,
    }));
    const c = new AbortController();
    const before = dump();
    const run = importJudgeVerdicts(p.db, file('many.jsonl', lines), {
      signal: c.signal,
      onProgress: () => c.abort(),
    });
    await expect(run).rejects.toThrow();
    expect(dump()).toEqual(before);
  });
});

describe('rankwise judges from-source', () => {
  let t: ReturnType<typeof tempDir>;
  let p: Project;
  beforeEach(() => {
    t = tempDir();
    p = newProject(t.dir);
  });
  afterEach(() => {
    p.close();
    t.cleanup();
  });

  it('makes a dataset judge per source from TRL and arena verdicts, and a second run adds nothing', async () => {
    await importFile(
      p.db,
      writeJsonl(join(t.dir, 'trl.jsonl'), [
        { prompt: 'a', chosen: 'yes', rejected: 'no' },
        { prompt: 'b', chosen: 'fine', rejected: 'bad' },
      ]),
      { format: 'trl' },
    );
    const r = judgesFromSource(p.db, 5);
    expect(r).toEqual({
      items: 2,
      undecided: 0,
      judges: [{ name: 'source:chosen/rejected', created: true, added: 2, alreadyPresent: 0 }],
    });
    expect(listJudges(p.db)).toMatchObject([
      { name: 'source:chosen/rejected', kind: 'dataset', verdicts: 2 },
    ]);
    const rows = p.db.prepare('SELECT outcome, winner, shown_first FROM judge_verdicts').all();
    expect(rows).toEqual([
      { outcome: 'preferred', winner: 0, shown_first: -1 },
      { outcome: 'preferred', winner: 0, shown_first: -1 },
    ]);
    expect(judgesFromSource(p.db, 6).judges).toEqual([
      { name: 'source:chosen/rejected', created: false, added: 0, alreadyPresent: 2 },
    ]);
  });
});
