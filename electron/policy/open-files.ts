import { extname, isAbsolute, resolve } from 'node:path';

export const PROJECT_EXTENSION = '.rankwise';
/** Files an import can read (see db/import/: JSON Lines, JSON, CSV/TSV, Parquet, gzipped). */
export const DATA_EXTENSIONS = ['.jsonl', '.ndjson', '.json', '.csv', '.tsv', '.parquet', '.gz'];

/**
 * The project a command line asks for: the last argument naming a .rankwise file. The OS
 * passes an opened file this way (file association, `second-instance`), and Chromium's own
 * switches never end in .rankwise, so there is nothing to confuse it with.
 */
export function projectFromArgv(argv: readonly string[], cwd: string): string | null {
  for (let i = argv.length - 1; i >= 1; i--) {
    const arg = argv[i]!;
    if (!arg.startsWith('-') && extname(arg).toLowerCase() === PROJECT_EXTENSION)
      return isAbsolute(arg) ? arg : resolve(cwd, arg);
  }
  return null;
}

export type DroppedFile =
  { kind: 'project' | 'data'; path: string } | { kind: 'other'; path: string };

/** What a file dropped on the window is: a project to open, data to import, or neither. */
export function classifyDropped(path: string): DroppedFile {
  const ext = extname(path).toLowerCase();
  if (ext === PROJECT_EXTENSION) return { kind: 'project', path };
  if (DATA_EXTENSIONS.includes(ext)) return { kind: 'data', path };
  return { kind: 'other', path };
}
