import { isUtf8 } from 'node:buffer';
import { pipeline, Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import { describeInvalidUtf8, firstInvalidUtf8 } from '../../shared/formats/encoding';
import { setOwn } from '../../shared/formats/json-value';
import { RecordError } from '../../shared/formats/record-error';
import { ImportFileError } from './errors';
import type { SourceRecord } from './records';

/**
 * A row as the parser gives it reading Latin-1: one character per byte, so the fields and the
 * row hold exactly the file's bytes (`Buffer.from(text, 'latin1')` gives them back).
 */
interface CsvRow {
  record: string[];
  raw: string;
  info: { lines: number; empty_lines: number; bytes: number };
}

/**
 * CSV (or TSV) with a header row, streaming. Each row becomes `{column: text}`; the line
 * reported is where the row starts (a quoted field may span several lines). A row with the
 * wrong number of fields is a bad record; a quote that never closes stops the import.
 *
 * The parser reads the bytes as Latin-1, which maps every byte to one character and back, so
 * nothing is decoded behind our back: left to decode UTF-8 itself, it would turn bytes that are
 * not UTF-8 (a Latin-1 "é") into U+FFFD without a word. Quotes, delimiters and line ends are
 * ASCII, so the parse is the same. Each field's bytes are then checked as JSONL lines are, and
 * a row with a bad byte is a bad record naming the physical line and column of that byte.
 */
export async function* readCsvRecords(
  chunks: AsyncIterable<Buffer>,
  file: string,
  delimiter: string,
  maxRecordBytes: number,
  consumed: { bytes: number },
): AsyncGenerator<SourceRecord> {
  const parser = parse({
    delimiter,
    info: true,
    raw: true,
    encoding: 'latin1',
    relax_column_count: true,
    skip_empty_lines: true,
    record_delimiter: ['\r\n', '\n'],
    max_record_size: maxRecordBytes,
  });
  // pipeline, not .pipe(): an error on either side reaches the other and both are torn down
  // when reading stops early (a bad header, a cancel), so no stream is left behind to emit an
  // error nobody listens to. Errors surface through the parser's iterator below.
  pipeline(Readable.from(chunks, { objectMode: false }), parser, () => undefined);
  let header: string[] | null = null;
  let previousEnd = 0;
  let previousEmpty = 0;
  try {
    for await (const row of parser as AsyncIterable<CsvRow>) {
      const start = previousEnd + 1 + (row.info.empty_lines - previousEmpty);
      previousEnd = row.info.lines;
      previousEmpty = row.info.empty_lines;
      consumed.bytes = row.info.bytes;
      const bad = invalidUtf8(row, start);
      if (header === null) {
        if (bad) throw new ImportFileError(file, bad.line, bad.error.reason);
        header = checkHeader(row.record.map(text), file, start);
        continue;
      }
      if (bad) {
        yield bad;
        continue;
      }
      if (row.record.length !== header.length) {
        yield {
          line: start,
          error: new RecordError(
            '',
            `this row has ${row.record.length} fields; the header has ${header.length}`,
          ),
        };
        continue;
      }
      const value: Record<string, string> = {};
      header.forEach((name, i) => setOwn(value, name, text(row.record[i]!)));
      yield { line: start, value };
    }
  } catch (e) {
    if (e instanceof CsvError) {
      const reason =
        e.code === 'CSV_QUOTE_NOT_CLOSED'
          ? `a quoted field that starts after line ${previousEnd} never closes`
          : e.message.replace(/ at line \d+.*$/, '');
      throw new ImportFileError(
        file,
        e.code === 'CSV_QUOTE_NOT_CLOSED' ? previousEnd + 1 : previousEnd + 1,
        `invalid CSV: ${reason}`,
      );
    }
    throw e;
  }
  if (header === null)
    throw new ImportFileError(file, null, 'the file is empty: expected a header row');
}

const NON_ASCII = /[\u0080-\u00ff]/;

/** A field read as Latin-1, as the UTF-8 text its bytes are (checked by `invalidUtf8` first). */
function text(latin1: string): string {
  // Pure ASCII reads the same either way: the common case costs nothing.
  return NON_ASCII.test(latin1) ? Buffer.from(latin1, 'latin1').toString('utf8') : latin1;
}

/** The row's first byte that is not UTF-8, as a bad record on its physical line; or null. */
function invalidUtf8(row: CsvRow, start: number): { line: number; error: RecordError } | null {
  if (row.record.every((field) => !NON_ASCII.test(field) || isUtf8(Buffer.from(field, 'latin1'))))
    return null;
  // Quotes and delimiters are ASCII, so the first bad byte of the row is in a field.
  const raw = Buffer.from(row.raw, 'latin1');
  const at = firstInvalidUtf8(raw);
  let lineStart = 0;
  let line = start;
  for (let i = raw.indexOf(0x0a); i >= 0 && i < at; i = raw.indexOf(0x0a, i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const d = describeInvalidUtf8(raw.subarray(lineStart), at - lineStart);
  return { line, error: new RecordError('', d.reason, d.column) };
}

function checkHeader(names: string[], file: string, line: number): string[] {
  const seen = new Set<string>();
  names.forEach((raw, i) => {
    const name = raw.trim();
    if (name === '')
      throw new ImportFileError(file, line, `column ${i + 1} of the header has no name`);
    if (seen.has(name))
      throw new ImportFileError(file, line, `the header names column "${name}" twice`);
    seen.add(name);
  });
  return names.map((n) => n.trim());
}
