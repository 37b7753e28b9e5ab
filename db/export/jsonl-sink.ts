import type { Column } from '../../shared/export/columns';
import type { Row } from '../../shared/export/rows';
import { AtomicFileWriter } from '../files/atomic-write';
import type { RowSink } from './row-sink';

/** Rows are written in chunks of about this many characters: few syscalls, flat memory. */
const CHUNK = 1 << 20;

/**
 * JSON Lines, optionally gzip'd: one row per line, keys in column order, UTF-8.
 *
 * A float column is written with a decimal point even when the value is whole (`0.0`, not
 * `0`): JSON loaders (pyarrow, and so Hugging Face datasets) infer a column's type per block,
 * and a block of whole margins read as int64 fails to combine with one read as double.
 */
export class JsonlSink implements RowSink {
  private readonly out: AtomicFileWriter;
  private readonly line: (r: Row) => string;
  private buffer = '';
  rows = 0;

  constructor(
    readonly path: string,
    gzip: boolean,
    columns: readonly Column[],
  ) {
    this.out = new AtomicFileWriter(path, { gzip });
    const floats = new Set(columns.filter((c) => c.type.kind === 'float64').map((c) => c.name));
    const names = columns.map((c) => c.name);
    this.line = floats.size
      ? (r) =>
          '{' +
          names
            .map(
              (n) => `${JSON.stringify(n)}:${floats.has(n) ? float(r[n]) : JSON.stringify(r[n])}`,
            )
            .join(',') +
          '}'
      : (r) => JSON.stringify(r);
  }

  get bytes(): number {
    return this.out.bytesIn + this.buffer.length;
  }

  async write(rows: readonly Row[]): Promise<void> {
    for (const r of rows) this.buffer += this.line(r) + '\n';
    this.rows += rows.length;
    if (this.buffer.length >= CHUNK) await this.flush();
  }

  private async flush(): Promise<void> {
    const text = this.buffer;
    this.buffer = '';
    await this.out.write(text);
  }

  /** JSONL has nowhere to put metadata; the job's result and the card carry it. */
  async commit(): Promise<void> {
    await this.flush();
    await this.out.commit();
  }

  abort(): void {
    this.out.abort();
  }
}

function float(v: unknown): string {
  return typeof v === 'number' && Number.isInteger(v) ? v.toFixed(1) : JSON.stringify(v);
}
