import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import type { Column } from '../../shared/export/columns';
import type { Row } from '../../shared/export/rows';
import { AtomicFileWriter } from '../files/atomic-write';
import { parquetSchema } from './parquet-schema';
import type { RowSink } from './row-sink';

/**
 * Rows are gathered into a row group until about this many bytes of text (or this many
 * rows), then encoded and written: memory stays bounded by one row group, and the event loop
 * is held for one group's encoding at most.
 */
const GROUP_BYTES = 24 << 20;
const GROUP_ROWS = 50_000;

/**
 * A hyparquet ByteWriter that hands each finished row group to the file instead of growing
 * one buffer for the whole file. ParquetWriter calls flush() after every row group (and
 * waits on its promise), and finish() after the footer.
 */
class StreamingByteWriter extends ByteWriter {
  constructor(private readonly out: AtomicFileWriter) {
    super(1 << 20);
  }

  // ParquetWriter awaits the promise flush returns (its Writer type allows one); ByteWriter's own has none.

  flush(): Promise<void> {
    // Hand the filled buffer over as it is (no copy) and start a fresh one.
    const chunk = new Uint8Array(this.buffer, 0, this.index);
    this.buffer = new ArrayBuffer(Math.max(1 << 20, this.index));
    this.view = new DataView(this.buffer);
    this.index = 0;
    return this.out.write(chunk);
  }

  // ByteWriter's finish returns nothing; ParquetWriter awaits a promise from it when given one.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  override finish(): Promise<void> {
    return this.flush();
  }
}

/** One Parquet file with the format's schema, SNAPPY-compressed, key-value metadata in the footer. */
export class ParquetSink implements RowSink {
  private readonly out: AtomicFileWriter;
  private readonly writer: ParquetWriter;
  private readonly int64: string[];
  private group: Row[] = [];
  private groupBytes = 0;
  rows = 0;

  constructor(
    readonly path: string,
    private readonly columns: readonly Column[],
  ) {
    this.out = new AtomicFileWriter(path);
    this.writer = new ParquetWriter({
      writer: new StreamingByteWriter(this.out),
      schema: parquetSchema(columns),
      codec: 'SNAPPY',
      // Min/max of long texts tell a reader nothing and cost time.
      statistics: false,
      createdBy: 'Rankwise',
    });
    this.int64 = columns.filter((c) => c.type.kind === 'int64').map((c) => c.name);
  }

  /** Bytes written, plus the text waiting in the current row group (compression makes it less). */
  get bytes(): number {
    return this.out.bytesIn + this.groupBytes;
  }

  async write(rows: readonly Row[]): Promise<void> {
    for (const r of rows) {
      for (const name of this.int64) if (typeof r[name] === 'number') r[name] = BigInt(r[name]);
      this.group.push(r);
      this.groupBytes += textBytes(r);
    }
    this.rows += rows.length;
    if (this.groupBytes >= GROUP_BYTES || this.group.length >= GROUP_ROWS) await this.flushGroup();
  }

  private async flushGroup(): Promise<void> {
    if (!this.group.length) return;
    const rows = this.group;
    this.group = [];
    this.groupBytes = 0;
    const columnData = this.columns.map((c) => ({
      name: c.name,
      data: rows.map((r) => r[c.name]),
    }));
    await this.writer.write({ columnData, rowGroupSize: rows.length });
  }

  async commit(metadata: Record<string, string>): Promise<void> {
    await this.flushGroup();
    this.writer.kvMetadata = Object.entries(metadata).map(([key, value]) => ({ key, value }));
    await this.writer.finish();
    await this.out.commit();
  }

  abort(): void {
    this.out.abort();
  }
}

/** About how much text a row holds: enough to size row groups, far cheaper than encoding. */
function textBytes(v: unknown): number {
  if (typeof v === 'string') return v.length;
  if (Array.isArray(v)) {
    let n = 0;
    for (const x of v) n += textBytes(x);
    return n;
  }
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
    let n = 0;
    for (const x of Object.values(v)) n += textBytes(x);
    return n;
  }
  return 8;
}
