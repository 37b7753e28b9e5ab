import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, relative } from 'node:path';
import { ApiError } from '../../shared/api/errors';
import { CARD_MARK } from '../../shared/export/card';
import type { Column } from '../../shared/export/columns';
import type { Container } from '../../shared/export/options';
import type { Row } from '../../shared/export/rows';
import type { SplitName } from '../../shared/export/split';
import { fileError } from '../files/file-error';
import { JsonlSink } from './jsonl-sink';
import { ParquetSink } from './parquet-sink';
import type { RowSink } from './row-sink';

/**
 * Where an export's rows land: one file, a file per split (`x-train.jsonl`, `x-test.jsonl`),
 * or a Hugging Face dataset folder (`data/train-00000-of-00002.parquet` …, plus README.md).
 * Nothing appears at the destination until everything is written: files go through temp
 * names, and a folder is built beside its target and renamed into place.
 */

export interface WrittenFile {
  path: string;
  split: SplitName;
  rows: number;
  bytes: number;
}

export interface Destination {
  /** The file or folder the export produces. */
  readonly path: string;
  write(split: SplitName, rows: readonly Row[]): Promise<void>;
  /** Finish every file; a folder also gets its card, made from the files' final names and counts. */
  commit(card: ((files: WrittenFile[]) => string) | null): Promise<WrittenFile[]>;
  abort(): void;
}

/** The container a path asks for: a trailing slash (or an existing folder) means a dataset folder. */
export function containerOf(path: string): Container | null {
  if (path.endsWith('/') || path.endsWith('\\')) return 'folder';
  if (existsSync(path) && statSync(path).isDirectory()) return 'folder';
  const lower = path.toLowerCase();
  if (lower.endsWith('.parquet')) return 'parquet';
  if (lower.endsWith('.jsonl.gz') || lower.endsWith('.json.gz')) return 'jsonl.gz';
  if (lower.endsWith('.jsonl') || lower.endsWith('.json')) return 'jsonl';
  return null;
}

export const EXTENSION: Record<Exclude<Container, 'folder'>, string> = {
  jsonl: '.jsonl',
  'jsonl.gz': '.jsonl.gz',
  parquet: '.parquet',
};

export interface DestinationOptions {
  container: Container;
  columns: readonly Column[];
  /** Write a file per split (or a split's shards) instead of one file. */
  split: boolean;
  /** Goes into every Parquet file's key-value metadata. */
  metadata: Record<string, string>;
  /** Folder shards roll over past this many bytes (Hugging Face suggests a few hundred MB). */
  shardBytes?: number;
}

export function openDestination(out: string, o: DestinationOptions): Destination {
  return o.container === 'folder' ? new FolderDestination(out, o) : new FileDestination(out, o);
}

function newSink(path: string, o: DestinationOptions): RowSink {
  return o.container === 'parquet' || o.container === 'folder'
    ? new ParquetSink(path, o.columns)
    : new JsonlSink(path, o.container === 'jsonl.gz', o.columns);
}

/** `x.jsonl` → `x-train.jsonl`: the split name where Hugging Face's loaders look for it. */
export function splitPath(path: string, container: Exclude<Container, 'folder'>, split: SplitName) {
  const ext = EXTENSION[container];
  const stem = path.toLowerCase().endsWith(ext) ? path.slice(0, -ext.length) : path;
  return `${stem}-${split}${ext}`;
}

class FileDestination implements Destination {
  private readonly sinks: Partial<Record<SplitName, RowSink>> = {};

  constructor(
    readonly path: string,
    private readonly o: DestinationOptions,
  ) {
    const container = o.container as Exclude<Container, 'folder'>;
    const names: SplitName[] = o.split ? ['train', 'test'] : ['train'];
    for (const s of names)
      this.sinks[s] = newSink(o.split ? splitPath(path, container, s) : path, o);
  }

  async write(split: SplitName, rows: readonly Row[]): Promise<void> {
    await this.sinks[split]!.write(rows);
  }

  async commit(): Promise<WrittenFile[]> {
    const files: WrittenFile[] = [];
    for (const [split, sink] of Object.entries(this.sinks) as Array<[SplitName, RowSink]>) {
      await sink.commit(this.o.metadata);
      files.push({ path: sink.path, split, rows: sink.rows, bytes: statSync(sink.path).size });
    }
    return files;
  }

  abort(): void {
    for (const s of Object.values(this.sinks)) s.abort();
  }
}

const SHARD_BYTES = 500 << 20;

class FolderDestination implements Destination {
  private readonly tmp: string;
  private readonly shards: Record<SplitName, RowSink[]> = { train: [], test: [] };

  constructor(
    readonly path: string,
    private readonly o: DestinationOptions,
  ) {
    this.path = path.replace(/[/\\]+$/, '');
    checkReplaceable(this.path);
    this.tmp = join(
      dirname(this.path),
      `.${basename(this.path)}.${randomBytes(4).toString('hex')}.partial`,
    );
    try {
      mkdirSync(join(this.tmp, 'data'), { recursive: true });
    } catch (e) {
      throw fileError(e, this.path);
    }
  }

  private current(split: SplitName): RowSink {
    const list = this.shards[split];
    const last = list[list.length - 1];
    if (last && last.bytes < (this.o.shardBytes ?? SHARD_BYTES)) return last;
    const sink = newSink(join(this.tmp, 'data', `${split}-shard-${list.length}.parquet`), this.o);
    list.push(sink);
    return sink;
  }

  async write(split: SplitName, rows: readonly Row[]): Promise<void> {
    if (rows.length) await this.current(split).write(rows);
  }

  async commit(card: ((files: WrittenFile[]) => string) | null): Promise<WrittenFile[]> {
    // An empty train split still gets a file, so the dataset loads (with no rows) and shows its schema.
    if (!this.shards.train.length) this.current('train');
    const files: WrittenFile[] = [];
    for (const split of ['train', 'test'] as const) {
      const list = this.shards[split];
      for (let i = 0; i < list.length; i++) {
        const sink = list[i]!;
        await sink.commit(this.o.metadata);
        const name = `${split}-${pad5(i)}-of-${pad5(list.length)}.parquet`;
        const final = join(this.tmp, 'data', name);
        renameSync(sink.path, final);
        files.push({
          path: join(this.path, 'data', name),
          split,
          rows: sink.rows,
          bytes: statSync(final).size,
        });
      }
    }
    try {
      if (card)
        writeFileSync(
          join(this.tmp, 'README.md'),
          card(files.map((f) => ({ ...f, path: relative(this.path, f.path) }))),
        );
      this.moveIntoPlace();
    } catch (e) {
      this.abort();
      throw fileError(e, this.path);
    }
    return files;
  }

  /** Rename the finished folder into place, replacing an earlier export there. */
  private moveIntoPlace(): void {
    if (!existsSync(this.path)) return renameSync(this.tmp, this.path);
    const old = `${this.tmp}.old`;
    renameSync(this.path, old);
    renameSync(this.tmp, this.path);
    rmSync(old, { recursive: true, force: true });
  }

  abort(): void {
    for (const s of [...this.shards.train, ...this.shards.test]) s.abort();
    rmSync(this.tmp, { recursive: true, force: true });
  }
}

function pad5(n: number): string {
  return String(n).padStart(5, '0');
}

/**
 * A dataset folder may go where nothing is, into an empty folder, or over an earlier Rankwise
 * export (its card says so); anything else is someone's files, and the export refuses before
 * writing a byte.
 */
function checkReplaceable(path: string): void {
  if (!existsSync(path)) return;
  if (!statSync(path).isDirectory())
    throw new ApiError(
      'INVALID_INPUT',
      `${path} is a file; a dataset folder needs a folder (or a new name)`,
    );
  const entries = readdirSync(path);
  if (!entries.length) return;
  const ours =
    entries.every((e) => e === 'README.md' || e === 'data') &&
    entries.includes('README.md') &&
    readFileSync(join(path, 'README.md'), 'utf8').includes(CARD_MARK);
  if (!ours)
    throw new ApiError(
      'INVALID_INPUT',
      `${path} already holds other files; export the dataset folder to a new or empty folder`,
    );
}
