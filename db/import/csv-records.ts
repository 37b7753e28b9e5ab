import { Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import { setOwn } from '../../shared/formats/json-value';
import { RecordError } from '../../shared/formats/record-error';
import { ImportFileError } from './errors';
import type { SourceRecord } from './records';

interface CsvRow {
  record: string[];
  info: { lines: number; empty_lines: number; bytes: number };
}

/**
 * CSV (or TSV) with a header row, streaming. Each row becomes `{column: text}`; the line
 * reported is where the row starts (a quoted field may span several lines). A row with the
 * wrong number of fields is a bad record; a quote that never closes stops the import.
 */
export async function* readCsvRecords(
  chunks: AsyncIterable<Buffer>,
  file: string,
  delimiter: string,
  maxRecordBytes: number,
  consumed: { bytes: number },
): AsyncGenerator<SourceRecord> {
  const parser = Readable.from(chunks, { objectMode: false }).pipe(
    parse({
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n'],
      max_record_size: maxRecordBytes,
    }),
  );
  let header: string[] | null = null;
  let previousEnd = 0;
  let previousEmpty = 0;
  try {
    for await (const row of parser as AsyncIterable<CsvRow>) {
      const start = previousEnd + 1 + (row.info.empty_lines - previousEmpty);
      previousEnd = row.info.lines;
      previousEmpty = row.info.empty_lines;
      consumed.bytes = row.info.bytes;
      if (header === null) {
        header = checkHeader(row.record, file, start);
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
      header.forEach((name, i) => setOwn(value, name, row.record[i]));
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
