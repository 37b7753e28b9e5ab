import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLES } from '../../db/test-support/project-rows';
import { tempDir } from '../../db/test-support/temp-project';
import type { Io } from '../io';
import { main } from '../main';
import { parseMapping } from './import';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const value: Io = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    progress: () => undefined,
    signal: new AbortController().signal,
    rendererDir: null,
  };
  return { io: value, out, err };
}

describe('rankwise import', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.cleanup());
  const project = () => join(t.dir, 'p.rankwise');

  it('detects the shape, and says what it left out and skipped', async () => {
    const run = io();
    const file = join(SAMPLES, 'oasst-message-trees', 'en_100_tree.jsonl');
    expect(await main(['import', file, '--into', project()], run.io)).toBe(0);
    expect(run.out).toEqual([
      `imported 214 items (647 responses) from en_100_tree.jsonl (jsonl) as OpenAssistant message trees into ${project()}`,
      'note: 46 × groups of sibling prompter messages (alternative user turns, not responses) left out',
    ]);
  });

  it('--format forces a shape; a wrong one fails naming the first line and field', async () => {
    const run = io();
    const file = join(SAMPLES, 'hh-rlhf-harmless-base', 'test.first300.jsonl');
    expect(await main(['import', file, '--into', project(), '--format', 'sharegpt'], run.io)).toBe(
      1,
    );
    expect(run.err).toEqual([
      'rankwise import: test.first300.jsonl:1: conversations: expected a list of messages, got nothing',
    ]);
    const ok = io();
    expect(
      await main(['import', file, '--into', project(), '--format', 'hh', '--json'], ok.io),
    ).toBe(0);
    expect(JSON.parse(ok.out[0]!)).toMatchObject({
      imported: 300,
      format: 'hh',
      skipped: [],
      duplicates: 0,
    });
  });

  it('--format csv reads a table through the header, or through --map', async () => {
    const csv = join(t.dir, 'pairs.txt');
    writeFileSync(csv, 'q,left,right,m1,m2\nWhy?,because,why not,x,y\n');
    const guessed = io();
    expect(await main(['import', csv, '--into', project(), '--format', 'csv'], guessed.io)).toBe(1);
    expect(guessed.err[0]).toMatch(/no column mapping/);
    const mapped = io();
    expect(
      await main(
        [
          'import',
          csv,
          '--into',
          project(),
          '--format',
          'csv',
          '--map',
          'prompt=q,responses=left+right,models=m1+m2',
          '--json',
        ],
        mapped.io,
      ),
    ).toBe(0);
    expect(JSON.parse(mapped.out[0]!)).toMatchObject({
      imported: 1,
      format: 'columns',
      container: 'csv',
    });
  });

  it('refuses an unknown --format and a malformed --map as usage errors', async () => {
    const run = io();
    expect(await main(['import', 'x.jsonl', '--into', project(), '--format', 'yaml'], run.io)).toBe(
      2,
    );
    expect(run.err[0]).toMatch(
      /--format must be one of auto, generic, trl, hh, sharegpt, oasst, ultrafeedback, arena, labelstudio, csv/,
    );
    expect(() => parseMapping('prompt=q,responses=a')).toThrow(/two or more/);
    expect(() => parseMapping('question=q')).toThrow(/unknown key "question"/);
    expect(parseMapping('prompt=q,responses=a+b,id=k')).toEqual({
      prompt: 'q',
      id: 'k',
      system: null,
      responses: [
        { column: 'a', modelColumn: null },
        { column: 'b', modelColumn: null },
      ],
    });
  });
});
