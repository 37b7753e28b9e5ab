import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseJsonRecord } from '../../shared/formats/json-text';
import type { Project } from '../open';
import { countRows, storedItems, TESTDATA } from '../test-support/project-rows';
import { item, newProject, tempDir, writeJsonl, failure } from '../test-support/temp-project';
import { importFile } from './import-file';

const EMBEDDED = join(TESTDATA, 'jsontestsuite-embedded');
const PARSING = join(TESTDATA, 'jsontestsuite', 'test_parsing');

describe('bad input', () => {
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
  const file = (name: string, content: string | Buffer) => {
    const p = join(t.dir, name);
    writeFileSync(p, content);
    return p;
  };

  describe('JSONTestSuite', () => {
    const cases = readdirSync(EMBEDDED).filter((f) => f.startsWith('n_'));

    it('has the 30 embedded n_ cases', () => expect(cases).toHaveLength(30));

    it.each(cases)('%s fails as a whole, naming line 3', async (name) => {
      const e = await failure(importFile(project.db, join(EMBEDDED, name)));
      expect(e.code).toBe('IMPORT_FAILED');
      expect(e.message.startsWith(`${name}:3: `)).toBe(true);
      expect(e.details).toMatchObject({ line: 3 });
      expect(countRows(project, 'items')).toBe(0);
    });

    it.each(cases)(
      '%s with skip-bad-lines imports the other 4 and reports line 3',
      async (name) => {
        const s = await importFile(project.db, join(EMBEDDED, name), { skipBadLines: true });
        expect(s.imported).toBe(4);
        expect(s.skipped.map((x) => x.line)).toEqual([3]);
      },
    );

    const accepted = readdirSync(PARSING).filter((f) => f.startsWith('y_'));
    it.each(accepted)('%s parses', (name) => {
      const text = readFileSync(join(PARSING, name), 'utf8');
      expect(() => parseJsonRecord(text)).not.toThrow();
    });

    it.each(readdirSync(PARSING).filter((f) => f.startsWith('n_')))(
      '%s is refused by the parser',
      (name) => {
        const bytes = readFileSync(join(PARSING, name));
        // Invalid UTF-8 is caught before parsing (see the encoding tests); the rest by the parser.
        if (!Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes)) return;
        expect(() => parseJsonRecord(bytes.toString('utf8'))).toThrow(/invalid JSON/);
      },
    );

    it('implementation-defined cases have a defined outcome', async () => {
      // A number that overflows a double would be stored as null: refused instead.
      const huge = readFileSync(join(PARSING, 'i_number_huge_exp.json'), 'utf8');
      let e = await failure(
        importFile(
          project.db,
          file('huge.jsonl', `{"prompt":"p","responses":["a","b"],"metadata":{"n":${huge}}}\n`),
        ),
      );
      expect(e.message).toMatch(/^huge\.jsonl:1: metadata\.n\[0\]: number is out of range/);
      // 500 nested arrays: deeper than anything stored, refused with the path.
      const nested = readFileSync(join(PARSING, 'i_structure_500_nested_arrays.json'), 'utf8');
      e = await failure(
        importFile(
          project.db,
          file(
            'deep.jsonl',
            `{"prompt":"p","responses":["a","b"],"metadata":{"n":${nested.trim()}}}\n`,
          ),
        ),
      );
      expect(e.message).toMatch(
        /^deep\.jsonl:1: metadata\.n(\[0\])+: nested deeper than 200 levels$/,
      );
      // A lone surrogate is valid JSON: kept exactly in metadata (stored as JSON text) …
      const lone = readFileSync(
        join(PARSING, 'i_string_lone_second_surrogate.json'),
        'utf8',
      ).trim();
      await importFile(
        project.db,
        file('lone-meta.jsonl', `{"prompt":"p","responses":["a","b"],"metadata":{"s":${lone}}}\n`),
      );
      expect(storedItems(project)[0]!.metadata).toEqual({ s: ['\uDFAA'] });
      // … refused in a text column, where SQLite's UTF-8 would turn it into U+FFFD.
      e = await failure(
        importFile(
          project.db,
          file('lone-text.jsonl', `{"prompt":"p","responses":["x\\uDFAAy","b"]}\n`),
        ),
      );
      expect(e.message).toBe(
        'lone-text.jsonl:1: responses[0].content: lone surrogate \\uDFAA at character 2 is not valid Unicode text and cannot be stored unchanged',
      );
    });
  });

  describe('encodings', () => {
    const lines = [item('a', 'café ☕'), item('b', 'naïve 𝄞')];
    const text = lines.map((r) => JSON.stringify(r)).join('\n') + '\n';

    it('UTF-8 with a BOM, CRLF and mixed line endings', async () => {
      const f = file(
        'bom.jsonl',
        '\uFEFF' + JSON.stringify(lines[0]) + '\r\n\r\n' + JSON.stringify(lines[1]) + '\n\n',
      );
      expect(await importFile(project.db, f)).toMatchObject({ imported: 2, encoding: 'utf-8' });
      expect(storedItems(project).map((i) => i.prompt)).toEqual(['café ☕', 'naïve 𝄞']);
    });

    it.each([
      ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
      [
        'utf-16be',
        Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]),
      ],
      ['utf-16le', Buffer.from(text, 'utf16le')],
    ] as const)(
      'converts %s (BOM or NUL-pattern), surrogate pairs included',
      async (encoding, bytes) => {
        const s = await importFile(project.db, file('u16.jsonl', bytes));
        expect(s).toMatchObject({ imported: 2, encoding });
        expect(storedItems(project).map((i) => i.prompt)).toEqual(['café ☕', 'naïve 𝄞']);
      },
    );

    it('refuses UTF-32 and Latin-1 clearly, naming the line and column of the first bad byte', async () => {
      let e = await failure(
        importFile(project.db, file('u32.jsonl', Buffer.from([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0]))),
      );
      expect(e.message).toBe(
        'u32.jsonl:1: the file is encoded as UTF-32 (little-endian); save it as UTF-8 and import it again',
      );
      const latin1 = Buffer.from(
        JSON.stringify(item('x')) + '\n' + JSON.stringify(item('y', 'déjà')) + '\n',
        'latin1',
      );
      e = await failure(importFile(project.db, file('latin1.jsonl', latin1)));
      expect(e.message).toMatch(
        /^latin1\.jsonl:2: invalid UTF-8 \(byte 0xE9\) at column 22: the file must be UTF-8/,
      );
      expect(countRows(project, 'items')).toBe(0);
    });

    describe('every container validates UTF-8 like JSONL: no U+FFFD where bytes were', () => {
      // "déjà" saved as Latin-1: é is the single byte 0xE9, à is 0xE0.
      const latin1 = (text: string) => Buffer.from(text, 'latin1');
      const refusedUnchanged = async (name: string, bytes: Buffer, expected: RegExp) => {
        const e = await failure(importFile(project.db, file(name, bytes)));
        expect(e.code).toBe('IMPORT_FAILED');
        expect(e.message).toMatch(expected);
        expect(countRows(project, 'items')).toBe(0);
        expect(countRows(project, 'imports')).toBe(0);
        return e;
      };

      it('CSV: names the physical line and column of the first bad byte', async () => {
        const csv = 'id,prompt,response_a,response_b\nr1,hello,x,y\nr2,"deux\nlignes déjà",x,y\n';
        const e = await refusedUnchanged(
          'latin1.csv',
          latin1(csv),
          /^latin1\.csv:4: invalid UTF-8 \(byte 0xE9\) at column 9: the file must be UTF-8/,
        );
        expect(e.details).toMatchObject({ line: 4 });
      });

      it('TSV: the same', async () => {
        await refusedUnchanged(
          'latin1.tsv',
          latin1('id\tprompt\tresponse_a\tresponse_b\nr1\tcafé\tx\ty\n'),
          /^latin1\.tsv:2: invalid UTF-8 \(byte 0xE9\) at column 7: /,
        );
      });

      it('CSV header: refused naming the header line', async () => {
        await refusedUnchanged(
          'header.csv',
          latin1('id,prompté,response_a,response_b\nr1,p,x,y\n'),
          /^header\.csv:1: invalid UTF-8 \(byte 0xE9\) at column 10: /,
        );
      });

      it('CSV with skip-bad-lines: the bad row is skipped and reported, the rest imported intact', async () => {
        const s = await importFile(
          project.db,
          file(
            'mixed.csv',
            latin1('id,prompt,response_a,response_b\nr1,ok,x,y\nr2,café,x,y\nr3,fine,x,y\n'),
          ),
          { skipBadLines: true },
        );
        expect(s.imported).toBe(2);
        expect(s.skipped.map((k) => k.line)).toEqual([3]);
        expect(s.skipped[0]!.reason).toMatch(/^invalid UTF-8 \(byte 0xE9\) at column 7/);
        expect(storedItems(project).map((i) => i.prompt)).toEqual(['ok', 'fine']);
      });

      it('JSON array: names the line and column inside the element', async () => {
        const json =
          '[\n' + JSON.stringify(item('x')) + ',\n  ' + JSON.stringify(item('y', 'déjà')) + '\n]\n';
        await refusedUnchanged(
          'latin1.json',
          latin1(json),
          /^latin1\.json:3: invalid UTF-8 \(byte 0xE9\) at column 24: the file must be UTF-8/,
        );
      });

      it('gzip-compressed CSV: the same check after decompression', async () => {
        await refusedUnchanged(
          'latin1.csv.gz',
          gzipSync(latin1('id,prompt,response_a,response_b\nr1,café,x,y\n')),
          /^latin1\.csv\.gz:2: invalid UTF-8 \(byte 0xE9\) at column 7: /,
        );
      });

      it('Parquet: a STRING column with bytes that are not UTF-8 names the row and column', async () => {
        const { parquetWriteBuffer } = await import('hyparquet-writer');
        const bytes = parquetWriteBuffer({
          columnData: [
            { name: 'id', data: ['r1', 'r2'], type: 'STRING' },
            {
              name: 'prompt',
              data: [new TextEncoder().encode('ok'), latin1('déjà')],
              type: 'STRING',
            },
            { name: 'chosen', data: ['a', 'a'], type: 'STRING' },
            { name: 'rejected', data: ['b', 'b'], type: 'STRING' },
          ],
        });
        await refusedUnchanged(
          'latin1.parquet',
          Buffer.from(bytes),
          /^latin1\.parquet:2: prompt: invalid UTF-8 \(byte 0xE9\) at column 2: /,
        );
      });
    });

    it('reads the JSONTestSuite UTF-16LE file (with BOM) as UTF-16', async () => {
      const bytes = readFileSync(join(PARSING, 'i_string_UTF-16LE_with_BOM.json'));
      const e = await failure(importFile(project.db, file('u16.json', bytes)));
      // Decoded correctly, it is a JSON array holding one string: a record of the wrong shape.
      expect(e.message).toBe(
        'u16.json: cannot tell what shape the records have: the records are not JSON objects',
      );
    });
  });

  describe('NUL and lone surrogates never corrupt what is stored', () => {
    it('keeps escaped NUL characters in every column', async () => {
      const f = writeJsonl(join(t.dir, 'nul.jsonl'), [
        {
          id: 'n\u0000ul',
          prompt: 'a\u0000b',
          responses: [{ model: 'm\u0000', text: 'x\u0000y' }, '\u0000'],
          metadata: { k: '\u0000' },
        },
      ]);
      await importFile(project.db, f);
      const [stored] = storedItems(project);
      expect(stored).toEqual({
        id: 'n\u0000ul',
        prompt: 'a\u0000b',
        metadata: { k: '\u0000' },
        responses: [
          { model: 'm\u0000', content: 'x\u0000y', metadata: null },
          { model: null, content: '\u0000', metadata: null },
        ],
      });
    });

    it('a raw NUL byte is invalid JSON, reported with its line and column', async () => {
      const f = file(
        'raw.jsonl',
        JSON.stringify(item('a')) + '\n{"prompt":"p\u0000","responses":["a","b"]}\n',
      );
      const e = await failure(importFile(project.db, f));
      expect(e.message).toBe(
        'raw.jsonl:2: invalid JSON: unescaped control character U+0000 in a string at column 13',
      );
    });
  });

  describe('size, breadth and depth', () => {
    it('imports a 40 MB line', async () => {
      const big = 'x'.repeat(40 * 2 ** 20);
      const f = writeJsonl(join(t.dir, 'big.jsonl'), [
        item('a'),
        { id: 'big', prompt: 'p', responses: [big, 'short'] },
      ]);
      expect(await importFile(project.db, f)).toMatchObject({ imported: 2 });
      const length = project.db
        .prepare("SELECT length(content) FROM responses WHERE idx = 0 AND content LIKE 'xxx%'")
        .pluck()
        .get();
      expect(length).toBe(big.length);
    });

    it('refuses a line over the record limit with a clear error, without reading it into memory', async () => {
      const f = writeJsonl(join(t.dir, 'huge.jsonl'), [
        item('a'),
        { prompt: 'p', responses: ['y'.repeat(3 * 2 ** 20), 'b'] },
      ]);
      const e = await failure(importFile(project.db, f, { maxRecordBytes: 2 ** 20 }));
      expect(e.message).toBe(
        'huge.jsonl:2: this line is longer than 1 MB, the most one record may take',
      );
    });

    it('imports an item with 5000 responses; refuses one with more than 10 000', async () => {
      const many = Array.from({ length: 5000 }, (_, i) => ({ model: `m${i}`, text: `r${i}` }));
      const f = writeJsonl(join(t.dir, 'many.jsonl'), [
        { id: 'many', prompt: 'p', responses: many },
      ]);
      expect(await importFile(project.db, f)).toMatchObject({ imported: 1, responses: 5000 });
      const tooMany = writeJsonl(join(t.dir, 'too.jsonl'), [
        { prompt: 'p', responses: Array.from({ length: 10_001 }, (_, i) => `${i}`) },
      ]);
      const e = await failure(importFile(project.db, tooMany));
      expect(e.message).toBe(
        'too.jsonl:1: responses: 10001 responses is more than the 10000 one item may hold',
      );
    });

    it('survives 100 000 levels of nesting (valid or not) without a crash or a hang', async () => {
      const deep = '['.repeat(100_000) + ']'.repeat(100_000);
      const f = file(
        'deep.jsonl',
        `{"prompt":"p","responses":["a","b"],"metadata":{"d":${deep}}}\n` +
          `{"prompt":"p","responses":["a","b"],"messages":${'['.repeat(100_000)}}\n` +
          `{"id":"t","prompt":"p","chosen":[{"role":"user","content":"q"},{"role":"assistant","content":"a","tool_calls":[${deep}]}],"rejected":[{"role":"user","content":"q"},{"role":"assistant","content":"b"}]}\n`,
      );
      const s = await importFile(project.db, f, { skipBadLines: true, format: 'generic' });
      expect(s.imported).toBe(0);
      expect(s.skipped.map((x) => x.line)).toEqual([1, 2, 3]);
      expect(s.skipped[0]!.reason).toMatch(/nested deeper than 200 levels/);
      expect(s.skipped[1]!.reason).toMatch(
        /^invalid JSON: unexpected "}" where a value was expected at column 100048$/,
      );
      const trl = file('deep-trl.jsonl', readFileSync(f, 'utf8').split('\n')[2]! + '\n');
      const e = await failure(importFile(project.db, trl, { format: 'trl' }));
      expect(e.message).toMatch(
        /^deep-trl\.jsonl:1: (the record is nested too deeply|.*nested deeper than 200 levels)/,
      );
    });
  });

  describe('__proto__ and friends', () => {
    it('are kept as plain data everywhere and pollute nothing', async () => {
      const f = file(
        'proto.jsonl',
        [
          '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}},"prompt":"p","responses":[{"text":"a","__proto__":{"polluted":3}},"b"],"metadata":{"__proto__":{"polluted":4}}}',
          '{"message_tree_id":"t","prompt":{"message_id":"r","role":"prompter","text":"q","__proto__":{"polluted":5},"replies":[{"message_id":"x","role":"assistant","text":"a","rank":0,"__proto__":{"polluted":6}},{"message_id":"y","role":"assistant","text":"b","rank":1}]}}',
        ].join('\n') + '\n',
      );
      await importFile(project.db, f, { skipBadLines: true, format: 'generic' });
      await importFile(
        project.db,
        file('tree.jsonl', readFileSync(f, 'utf8').split('\n')[1]! + '\n'),
      );
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
      const rows = project.db
        .prepare('SELECT metadata_json FROM items ORDER BY seq')
        .pluck()
        .all() as string[];
      expect(JSON.parse(rows[0]!)).toEqual(
        JSON.parse('{"__proto__":{"polluted":4},"constructor":{"prototype":{"polluted":2}}}'),
      );
      expect(rows[0]).toContain('"__proto__":{"polluted":4}');
      const responseMeta = project.db
        .prepare('SELECT metadata_json FROM responses WHERE metadata_json IS NOT NULL')
        .pluck()
        .all() as string[];
      expect(responseMeta.some((m) => m.includes('"__proto__":{"polluted":3}'))).toBe(true);
      expect(responseMeta.some((m) => m.includes('"__proto__":{"polluted":6}'))).toBe(true);
      expect(rows[1]).toContain('"__proto__":{"polluted":5}');
    });
  });

  describe('identity and duplicates', () => {
    it('refuses a record whose top-level id appears twice (JSON.parse would keep the last silently)', async () => {
      const f = file(
        'dupkey.jsonl',
        '{"id":"a","prompt":"p","responses":["x","y"],"metadata":{"id":"inner"},"id":"b"}\n',
      );
      const e = await failure(importFile(project.db, f));
      expect(e.message).toBe(
        "dupkey.jsonl:1: id: appears twice in the record, so the item's identity is ambiguous",
      );
      // An "id" nested deeper is fine.
      await importFile(
        project.db,
        file(
          'nested.jsonl',
          '{"id":"a","prompt":"p","responses":["x","y"],"metadata":{"id":"inner"}}\n',
        ),
      );
      expect(countRows(project, 'items')).toBe(1);
    });

    it('items with fewer than two responses: abort by default, skipped and reported on request', async () => {
      const f = writeJsonl(join(t.dir, 'few.jsonl'), [
        item('a'),
        { prompt: 'p', responses: ['only'] },
        { prompt: 'q', responses: [] },
        item('b'),
      ]);
      const e = await failure(importFile(project.db, f));
      expect(e.message).toBe('few.jsonl:2: responses: expected at least 2 responses, got 1');
      const s = await importFile(project.db, f, { skipBadLines: true });
      expect(s.imported).toBe(2);
      expect(s.skipped).toEqual([
        { line: 2, reason: 'responses: expected at least 2 responses, got 1' },
        { line: 3, reason: 'responses: expected at least 2 responses, got 0' },
      ]);
    });

    it('identical duplicates are counted, not added; a reused id with other content is a skipped line', async () => {
      const f = writeJsonl(join(t.dir, 'dups.jsonl'), [
        item('a'),
        item('a'),
        item('b'),
        item('a', 'other prompt'),
        { prompt: 'same', responses: ['x', 'y'] },
        { prompt: 'same', responses: ['x', 'y'] },
      ]);
      const s = await importFile(project.db, f, { skipBadLines: true });
      expect(s).toMatchObject({ imported: 3, duplicates: 2, skippedCount: 1 });
      expect(s.skipped).toEqual([
        { line: 4, reason: 'id: item "a" already appeared on line 1 with different content' },
      ]);
      const again = await importFile(project.db, f, { skipBadLines: true });
      expect(again).toMatchObject({ imported: 0, duplicates: 5, skippedCount: 1 });
      expect(again.skipped[0]!.reason).toBe(
        'id: item "a" already exists in the project with different content',
      );
    });
  });

  describe('containers', () => {
    it('JSON arrays: an invalid element is named by its physical line and column; skippable', async () => {
      const text =
        '[\n  {"id": "a", "prompt": "p", "responses": ["x", "y"]},\n  {"id": "b",\n   "prompt": tru,\n   "responses": ["x", "y"]},\n  {"id": "c", "prompt": "p", "responses": ["x", "y"]}\n]\n';
      const f = file('arr.json', text);
      const e = await failure(importFile(project.db, f));
      expect(e.message).toBe(
        'arr.json:4: invalid JSON: unexpected "t" where a value was expected at column 14',
      );
      const s = await importFile(project.db, f, { skipBadLines: true });
      expect(s).toMatchObject({ imported: 2, container: 'json' });
      expect(s.skipped.map((x) => x.line)).toEqual([4]);
    });

    it('JSON arrays: structural damage stops the import even when skipping, naming the line', async () => {
      const cases: Array<[string, string]> = [
        [
          '[{"prompt":"p","responses":["a","b"]}\n{"prompt":"q","responses":["a","b"]}]',
          "arr.json:2: unexpected '{'... ",
        ],
        [
          '[{"prompt":"p","responses":["a","b"]},\n{"prompt":"q","responses":["a","b"}]',
          "arr.json:2: unexpected '}': it does not close the '[' before it",
        ],
        [
          '[{"prompt":"p","responses":["a","b"]}]\n\nxyz',
          "arr.json:3: unexpected 'x' after the end of the JSON array",
        ],
        [
          '[{"prompt":"p","responses":["a","b"]},\n',
          "arr.json:2: unexpected end of file: the JSON array is not closed with ']'",
        ],
        [
          '[{"prompt":"p","responses":["a","b"]},]',
          "arr.json:1: unexpected ']' after ',': a value was expected (trailing comma)",
        ],
      ];
      for (const [text, message] of cases) {
        const e = await failure(
          importFile(project.db, file('arr.json', text), { skipBadLines: true }),
        );
        if (message.endsWith('... ')) expect(e.message.startsWith('arr.json:')).toBe(true);
        else expect(e.message).toBe(message);
      }
      expect(countRows(project, 'items')).toBe(0);
    });

    it('CSV: a column mapping from the header, quoted newlines, rows named by the line they start on', async () => {
      const csv =
        'qid,question,answer_a,answer_b,model_a,model_b,topic\r\n1,"Say ""hi""",hello,"hi\nthere",m1,m2,greet\n\n2,Bye?,bye,ciao,m1,m2\n3,Why?,because,why not,m1,m2,misc\n';
      const f = file('t.csv', csv);
      const e = await failure(importFile(project.db, f));
      expect(e.message).toBe('t.csv:5: this row has 6 fields; the header has 7');
      const s = await importFile(project.db, f, { skipBadLines: true });
      expect(s).toMatchObject({ format: 'columns', container: 'csv', imported: 2 });
      const items = storedItems(project);
      expect(items[0]).toMatchObject({
        id: '1',
        prompt: 'Say "hi"',
        metadata: { topic: 'greet' },
        responses: [
          { model: 'm1', content: 'hello' },
          { model: 'm2', content: 'hi\nthere' },
        ],
      });
      expect(items[1]!.id).toBe('3');
    });

    it('CSV: a quote that never closes stops the import', async () => {
      const e = await failure(
        importFile(project.db, file('q.csv', 'prompt,chosen,rejected\np,"a,b\nq,c,d\n'), {
          skipBadLines: true,
        }),
      );
      expect(e.message).toBe(
        'q.csv:2: invalid CSV: a quoted field that starts after line 1 never closes',
      );
    });

    it('gzip: compressed JSONL imports; a truncated stream is reported, not half-imported', async () => {
      const data =
        Array.from({ length: 2000 }, (_, i) => JSON.stringify(item(`g${i}`))).join('\n') + '\n';
      const gz = gzipSync(Buffer.from(data));
      expect(await importFile(project.db, file('d.jsonl.gz', gz))).toMatchObject({
        imported: 2000,
        compressed: 'gzip',
        container: 'jsonl',
      });
      const e = await failure(
        importFile(project.db, file('cut.jsonl.gz', gz.subarray(0, gz.length - 100))),
      );
      expect(e.message).toMatch(/^cut\.jsonl\.gz: the gzip data is damaged or truncated/);
      expect(countRows(project, 'items')).toBe(2000);
    });
  });
});
