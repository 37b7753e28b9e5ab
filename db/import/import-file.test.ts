import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openProject, type Project } from '../open';
import { item, newProject, tempDir, writeJsonl, failure } from '../test-support/temp-project';
import { importFile } from './import-file';

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const count = (p: Project, table: string) =>
  p.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('importFile (generic JSONL)', () => {
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

  it('imports items and responses in source order', async () => {
    const file = writeJsonl(join(t.dir, 'a.jsonl'), [
      {
        id: 'x1',
        prompt: 'Hi',
        responses: [{ model: 'm1', text: 'one' }, { model: 'm2', content: 'two' }, 'three'],
      },
      item('x2'),
    ]);
    const summary = await importFile(project.db, file);
    expect(summary).toMatchObject({
      file: 'a.jsonl',
      format: 'generic',
      container: 'jsonl',
      compressed: null,
      encoding: 'utf-8',
      imported: 2,
      responses: 5,
      duplicates: 0,
      skipped: [],
      skippedCount: 0,
      records: 2,
    });
    const rows = project.db
      .prepare(
        'SELECT i.id, r.idx, r.model, r.content FROM items i JOIN responses r ON r.item_seq = i.seq ORDER BY i.seq, r.idx',
      )
      .all();
    expect(rows).toEqual([
      { id: 'x1', idx: 0, model: 'm1', content: 'one' },
      { id: 'x1', idx: 1, model: 'm2', content: 'two' },
      { id: 'x1', idx: 2, model: null, content: 'three' },
      { id: 'x2', idx: 0, model: null, content: 'first x2' },
      { id: 'x2', idx: 1, model: null, content: 'second x2' },
    ]);
  });

  it('aborts on a bad line 57, naming file, line and reason, and leaves the project byte-for-byte unchanged', async () => {
    await importFile(project.db, writeJsonl(join(t.dir, 'first.jsonl'), [item('keep')]));
    project.close();
    const path = project.path;
    const before = sha(path);
    project = openProject(path);

    const records: unknown[] = Array.from({ length: 80 }, (_, i) => item(`r${i}`));
    records[56] = '{"id": "r56", "prompt": "p", "responses": [}';
    const e = await failure(importFile(project.db, writeJsonl(join(t.dir, 'data.jsonl'), records)));
    expect(e.code).toBe('IMPORT_FAILED');
    expect(e.message).toBe(
      'data.jsonl:57: invalid JSON: unexpected "}" where a value was expected at column 44',
    );
    expect(e.details).toMatchObject({ file: 'data.jsonl', line: 57 });
    expect(count(project, 'items')).toBe(1);
    project.close();
    expect(sha(path)).toBe(before);
    project = openProject(path);
  });

  it('names the field of a structurally bad record', async () => {
    const file = writeJsonl(join(t.dir, 'b.jsonl'), [
      item('a'),
      { id: 'b', prompt: 'p', responses: ['only'] },
    ]);
    const e = await failure(importFile(project.db, file));
    expect(e.message).toBe('b.jsonl:2: responses: expected at least 2 responses, got 1');
    expect(count(project, 'items')).toBe(0);
  });

  it('with skipBadLines imports the rest and reports every skipped line', async () => {
    const file = writeJsonl(join(t.dir, 'c.jsonl'), [
      item('a'),
      'not json',
      item('b'),
      { prompt: 'p', responses: [] },
      item('c'),
    ]);
    const summary = await importFile(project.db, file, { skipBadLines: true });
    expect(summary.imported).toBe(3);
    expect(summary.skipped).toEqual([
      { line: 2, reason: 'invalid JSON: unexpected "n" where a value was expected at column 1' },
      { line: 4, reason: 'responses: expected at least 2 responses, got 0' },
    ]);
  });

  it('is idempotent, and an overlapping file adds only the new items', async () => {
    const a = writeJsonl(join(t.dir, 'a.jsonl'), [item('1'), item('2')]);
    await importFile(project.db, a);
    const again = await importFile(project.db, a);
    expect(again).toMatchObject({ imported: 0, duplicates: 2 });
    const b = writeJsonl(join(t.dir, 'b.jsonl'), [item('2'), item('3')]);
    expect(await importFile(project.db, b)).toMatchObject({ imported: 1, duplicates: 1 });
    expect(count(project, 'items')).toBe(3);
  });

  it('reports each duplicate with what it repeats: an earlier line, or an item already in the project', async () => {
    const first = writeJsonl(join(t.dir, 'first.jsonl'), [item('1'), item('2')]);
    await importFile(project.db, first);
    const records: unknown[] = Array.from({ length: 40 }, (_, i) => item(`n${i}`));
    records[39] = records[9]; // line 40 repeats line 10
    records[6] = item('2'); // line 7 is already in the project
    const s = await importFile(project.db, writeJsonl(join(t.dir, 'second.jsonl'), records));
    expect(s.imported).toBe(38);
    expect(s.duplicates).toBe(2);
    expect(s.duplicateLines).toEqual([
      { line: 7, of: 'project', importedFrom: 'first.jsonl' },
      { line: 40, of: 10 },
    ]);
  });

  it('treats an identical record without id as a duplicate, and a reused id with other content as an error', async () => {
    const noId = { prompt: 'same', responses: ['a', 'b'] };
    const file = writeJsonl(join(t.dir, 'd.jsonl'), [noId, noId]);
    expect(await importFile(project.db, file)).toMatchObject({ imported: 1, duplicates: 1 });
    const clash = writeJsonl(join(t.dir, 'e.jsonl'), [item('k', 'one'), item('k', 'two')]);
    const e = await failure(importFile(project.db, clash));
    expect(e.message).toBe(
      'e.jsonl:2: id: item "k" already appeared on line 1 with different content',
    );
    await importFile(project.db, writeJsonl(join(t.dir, 'f.jsonl'), [item('k', 'one')]));
    const again = await failure(
      importFile(project.db, writeJsonl(join(t.dir, 'g.jsonl'), [item('k', 'two')])),
    );
    expect(again.message).toBe(
      'g.jsonl:1: id: item "k" already exists in the project with different content',
    );
  });

  it('accepts a BOM, CRLF and blank lines; refuses invalid UTF-8 with its line', async () => {
    const text =
      '\uFEFF' + JSON.stringify(item('a')) + '\r\n\r\n' + JSON.stringify(item('b')) + '\n';
    const f = join(t.dir, 'bom.jsonl');
    writeFileSync(f, text);
    expect(await importFile(project.db, f)).toMatchObject({ imported: 2 });

    const bad = join(t.dir, 'latin1.jsonl');
    writeFileSync(
      bad,
      Buffer.concat([
        Buffer.from(JSON.stringify(item('c')) + '\n'),
        Buffer.from('{"prompt":"caf'),
        Buffer.from([0xe9]),
        Buffer.from('","responses":["a","b"]}\n'),
      ]),
    );
    const e = await failure(importFile(project.db, bad));
    expect(e.message).toBe(
      'latin1.jsonl:2: invalid UTF-8 (byte 0xE9) at column 15: the file must be UTF-8 (if it was saved as Latin-1 or Windows-1252, convert it, e.g. with iconv)',
    );
  });

  it('imports a last line without a newline', async () => {
    const f = join(t.dir, 'nolf.jsonl');
    writeFileSync(f, JSON.stringify(item('a')) + '\n' + JSON.stringify(item('b')));
    expect(await importFile(project.db, f)).toMatchObject({ imported: 2 });
  });

  it('a cancelled import leaves the project unchanged', async () => {
    const f = writeJsonl(
      join(t.dir, 'big.jsonl'),
      Array.from({ length: 3000 }, (_, i) => item(`i${i}`)),
    );
    const controller = new AbortController();
    const e = await failure(
      importFile(project.db, f, {
        signal: controller.signal,
        onProgress: (p) => p.items >= 1000 && controller.abort(),
      }),
    );
    expect(e.code).toBe('CANCELLED');
    expect(count(project, 'items')).toBe(0);
    expect(count(project, 'imports')).toBe(0);
  });

  it('a cancel at the last moment (before the commit) leaves the file byte-for-byte as it was', async () => {
    await importFile(project.db, writeJsonl(join(t.dir, 'first.jsonl'), [item('keep')]));
    project.close();
    const path = project.path;
    const before = sha(path);
    project = openProject(path);
    const f = writeJsonl(
      join(t.dir, 'more.jsonl'),
      Array.from({ length: 500 }, (_, i) => item(`m${i}`)),
    );
    // The saving phase has begun (everything is staged) when the cancel arrives.
    let saving = false;
    const e = await failure(
      importFile(project.db, f, {
        onProgress: (p) => (saving ||= p.phase === 'saving'),
        shouldCancel: () => saving,
      }),
    );
    expect(e.code).toBe('CANCELLED');
    project.close();
    expect(sha(path)).toBe(before);
    project = openProject(path);
    expect(count(project, 'items')).toBe(1);
  });
});
