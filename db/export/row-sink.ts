import type { Row } from '../../shared/export/rows';

/** Where rows go: one file (JSONL or Parquet), written atomically. */
export interface RowSink {
  /** The final path (nothing is there until commit). */
  readonly path: string;
  readonly rows: number;
  /** Bytes on disk so far (compressed), roughly: what shard rotation looks at. */
  readonly bytes: number;
  write(rows: readonly Row[]): Promise<void>;
  /** Finish the file and move it into place. `metadata` goes where the format can hold it. */
  commit(metadata: Record<string, string>): Promise<void>;
  abort(): void;
}
