import fs, { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const REPO = resolve(import.meta.dirname, '..', '..');

export interface Finding {
  id: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  sample: string;
}

export const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'] as const;

/**
 * Run Electronegativity over `input` and return its findings, read from the CSV report it
 * writes (its exit code says nothing: it is 0 even with HIGH findings).
 *
 * Its programmatic runner is used (the CLI reads its option names from translations it
 * downloads, and offline it parses no options at all). Two things are kept from reaching the network: it fetches translations and Electron's
 * release list at start (stubbed; it then uses its bundled English strings), and it guesses
 * the Electron version from a package.json it cannot find under electron/ — without which
 * it assumes v0.1 and applies that version's defaults — so the installed version is passed.
 */
export async function electronegativity(input: string): Promise<Finding[]> {
  const dir = mkdtempSync(join(tmpdir(), 'rankwise-eng-'));
  const csv = join(dir, 'report.csv');
  type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
  const mod = Module as unknown as { _load: Loader };
  const original = mod._load;
  mod._load = function (request, parent, isMain) {
    if (request === 'got') {
      const offline = () => Promise.reject(new Error('offline: not fetched'));
      return Object.assign(offline, { head: offline, get: offline });
    }
    return original.call(this, request, parent, isMain);
  };
  // It writes the CSV's header and rows with two racing async fs.writeFile calls (the rows
  // can land first and be truncated by the header): made synchronous for the run, in order.
  const asyncWriteFile = fs.writeFile;
  (fs as { writeFile: unknown }).writeFile = (
    file: string,
    data: string,
    options: fs.WriteFileOptions | ((e: Error | null) => void),
    callback?: (e: Error | null) => void,
  ) => {
    const cb = typeof options === 'function' ? options : callback;
    try {
      fs.writeFileSync(file, data, typeof options === 'function' ? undefined : options);
      cb?.(null);
    } catch (e) {
      cb?.(e as Error);
    }
  };
  const lang = process.env['LANG'];
  process.env['LANG'] = 'en-US';
  try {
    const run = require('@doyensec/electronegativity/dist/runner.js') as (
      o: object,
    ) => Promise<unknown>;
    const electronVersion = (
      require(join(REPO, 'node_modules', 'electron', 'package.json')) as { version: string }
    ).version;
    await run({
      input: resolve(input),
      output: csv,
      isSarif: false,
      customScan: [],
      excludeFromScan: [],
      isRelative: true,
      isVerbose: false,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    });
    return parseCsv(readFileSync(csv, 'utf8'));
  } finally {
    (fs as { writeFile: unknown }).writeFile = asyncWriteFile;
    mod._load = original;
    if (lang === undefined) delete process.env['LANG'];
    else process.env['LANG'] = lang;
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Its CSV: a header line, then `issue, "severity", "confidence", "file", "line:col", "sample", …`. */
export function parseCsv(text: string): Finding[] {
  const rows = text.trim().split('\n').slice(1).filter(Boolean);
  return rows.map((line) => {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (quoted && ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = !quoted;
      } else if (ch === ',' && !quoted) {
        cells.push(cell);
        cell = '';
      } else {
        cell += ch;
      }
    }
    cells.push(cell);
    const [id = '', severity = '', confidence = '', file = '', location = '', sample = ''] = cells;
    return { id, severity, confidence, file, location, sample };
  });
}
