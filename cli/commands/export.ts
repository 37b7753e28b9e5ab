import { resolve } from 'node:path';
import type { ExportResult } from '../../shared/api/contract';
import {
  ExportFormatSchema,
  PolicySchema,
  RankPairsSchema,
  TiesSchema,
  dayBound,
  type ExportOptionsInput,
} from '../../shared/export/options';
import { findLabeller, findLabellerByName, listLabellers } from '../../db/labellers';
import { openProject, type Db } from '../../db/open';
import { containerFor, runExport } from '../../db/export/run-export';
import { parse, UsageError } from '../args';
import type { Io } from '../io';

export const usage = [
  `rankwise export <project.rankwise> --format ${ExportFormatSchema.options.join('|')}`,
  '    [--policy each|majority|unanimous|adjudicated|mean] [--min-votes N] [--ties drop|keep]',
  '    [--rank-pairs all|best-vs-each|best-vs-worst|adjacent] [--criterion NAME] [--chat]',
  '    [--split test=0.1 --seed N] [--labeller NAME|ID]... [--from DATE] [--to DATE]',
  '    [--exclude-flag FLAG|any]... [--min-agreement 0..1] [--exclude-gold]',
  '    [--judge NAME --judge-min-agreement 0..1 [--judge-min-items N] [--judge-slice FIELD]]',
  '    --out <file.jsonl|file.jsonl.gz|file.parquet|folder/> [--json]',
].join('\n');

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      format: { type: 'string' },
      policy: { type: 'string' },
      'min-votes': { type: 'string' },
      ties: { type: 'string' },
      'rank-pairs': { type: 'string' },
      criterion: { type: 'string' },
      chat: { type: 'boolean' },
      split: { type: 'string' },
      seed: { type: 'string' },
      labeller: { type: 'string', multiple: true },
      from: { type: 'string' },
      to: { type: 'string' },
      'exclude-flag': { type: 'string', multiple: true },
      'min-agreement': { type: 'string' },
      'exclude-gold': { type: 'boolean' },
      judge: { type: 'string' },
      'judge-min-agreement': { type: 'string' },
      'judge-min-items': { type: 'string' },
      'judge-slice': { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
    },
    ['project'],
  );
  if (!values.out)
    throw new UsageError('missing --out <file.jsonl|file.jsonl.gz|file.parquet|folder/>');
  const format = oneOf('--format', values.format ?? 'trl', ExportFormatSchema.options);
  if (values.seed !== undefined && values.split === undefined)
    throw new UsageError('--seed goes with --split test=<ratio>');
  if (values.judge === undefined) {
    for (const flag of ['judge-min-agreement', 'judge-min-items', 'judge-slice'] as const)
      if (values[flag] !== undefined) throw new UsageError(`--${flag} goes with --judge NAME`);
  } else if (values['judge-min-agreement'] === undefined)
    throw new UsageError(
      '--judge needs --judge-min-agreement 0..1: the agreement with people the judge must have measured to fill items',
    );
  const judgeFill =
    values.judge === undefined
      ? null
      : {
          judge: values.judge,
          minAgreement: ratio('--judge-min-agreement', values['judge-min-agreement']!),
          minItems:
            values['judge-min-items'] === undefined
              ? 20
              : integer('--judge-min-items', values['judge-min-items'], 1),
          sliceBy: values['judge-slice'] ?? null,
        };
  const out = resolve(values.out) + (/[/\\]$/.test(values.out) ? '/' : '');
  const container = containerFor(out, undefined);

  // Checked first (quick_check, synchronous): an export reads the whole file anyway, and a
  // dataset must not come silently from a damaged one; the refusal names the damage.
  const project = openProject(resolve(positionals[0]!), { readonly: true, quickCheck: true });
  try {
    const options: ExportOptionsInput = {
      format,
      conversational: values.chat ?? false,
      policy: oneOf('--policy', values.policy ?? 'each', PolicySchema.options),
      minVotes:
        values['min-votes'] === undefined ? 1 : integer('--min-votes', values['min-votes'], 1),
      ties:
        values.ties === undefined ? undefined : oneOf('--ties', values.ties, TiesSchema.options),
      rankPairs: oneOf('--rank-pairs', values['rank-pairs'] ?? 'all', RankPairsSchema.options),
      criterion: values.criterion ?? null,
      split:
        values.split === undefined
          ? null
          : { test: splitRatio(values.split), seed: integer('--seed', values.seed ?? '0', 0) },
      filters: {
        labellers: (values.labeller ?? []).map((l) => labellerId(project.db, l)),
        from: values.from === undefined ? null : date('--from', values.from, false),
        to: values.to === undefined ? null : date('--to', values.to, true),
        excludeFlags: (values['exclude-flag'] ?? []).map((f) => (f === 'any' ? '*' : f)),
        minAgreement:
          values['min-agreement'] === undefined
            ? null
            : ratio('--min-agreement', values['min-agreement']),
        excludeGold: values['exclude-gold'] ?? false,
      },
      container,
      judgeFill,
    };
    const result = await runExport(project.db, project.path, out, options, {
      signal: io.signal,
      onProgress: values.json
        ? undefined
        : (p) => io.progress(`exporting: ${p.done}/${p.total} judgments`),
    });
    if (values.json) io.out(JSON.stringify(result));
    else for (const line of summary(result)) io.out(line);
  } finally {
    project.close();
  }
  return 0;
}

/** The counts after writing, for people: what was written, what was left out and why. */
export function summary(r: ExportResult): string[] {
  const lines = [`wrote ${r.rows} rows to ${r.path}`];
  if (r.files.length > 1 || r.options.split)
    for (const f of r.files) lines.push(`  ${f.split}: ${f.rows} rows in ${f.path}`);
  const e = r.excluded;
  const more: Array<[number, string]> = [
    [e.noMajority, 'without a majority'],
    [e.notUnanimous, 'not unanimous'],
    [e.tooFewVotes, 'with too few votes'],
    [e.lowAgreement, 'items below the minimum agreement'],
    [e.flagged, 'flagged items'],
    [e.gold, 'gold items'],
    [e.discarded, 'discarded items'],
    [e.silent, 'judgments with nothing for this export'],
    [e.skipped, 'skips'],
    [e.neutral, 'neutral ratings'],
    [e.conflicting, 'conflicting labels'],
    [e.judgeFlipped, 'pairs the judge flipped on'],
    [e.judgeNotTrusted, 'items in slices the judge may not fill'],
  ];
  lines.push(
    `excluded: ${[`${e.ties} ties`, `${e.bothBad} both-bad`, ...more.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`)].join(', ')}`,
  );
  const a = r.agreement;
  if (a.units > 0)
    lines.push(
      `agreement: ${a.percent === null ? 'n/a' : `${(a.percent * 100).toFixed(1)}%`}, Krippendorff's alpha ${a.alphaNominal === null ? 'n/a' : a.alphaNominal.toFixed(3)} over ${a.units} pairs judged by two or more labellers`,
    );
  const j = r.judgeFill;
  if (j)
    lines.push(
      `judge ${j.judge} filled ${j.filledItems} items without a human verdict (${j.rows} rows); its agreement with the human majority: ${j.agreement === null ? 'n/a' : `${(j.agreement * 100).toFixed(1)}%`} on ${j.items} items`,
    );
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  return lines;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`unknown ${flag} ${value}; expected ${allowed.join(', ')}`);
}

function integer(flag: string, value: string, min: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min)
    throw new UsageError(`${flag} expects a whole number ≥ ${min}, got ${JSON.stringify(value)}`);
  return n;
}

function ratio(flag: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
    throw new UsageError(`${flag} expects a number from 0 to 1, got ${JSON.stringify(value)}`);
  return n;
}

function splitRatio(value: string): number {
  const m = /^test=(.+)$/.exec(value);
  const n = m ? Number(m[1]) : NaN;
  if (!m || !Number.isFinite(n) || n <= 0 || n >= 1)
    throw new UsageError(
      `--split expects test=<ratio> with 0 < ratio < 1, got ${JSON.stringify(value)}`,
    );
  return n;
}

/**
 * ISO 8601 dates or times. A bare date is a whole day in UTC: `--from 2025-03-01` starts at
 * its midnight and `--to 2025-03-31` includes the 31st.
 */
function date(flag: string, value: string, end: boolean): number {
  const day = dayBound(value, end);
  if (day !== null) return day;
  const t = Date.parse(value);
  if (Number.isNaN(t))
    throw new UsageError(
      `${flag} expects a date (2025-03-31) or time (2025-03-31T12:00:00Z), got ${JSON.stringify(value)}`,
    );
  return t;
}

function labellerId(db: Db, nameOrId: string): string {
  const found = findLabeller(db, nameOrId) ?? findLabellerByName(db, nameOrId);
  if (found) return found.id;
  const known = listLabellers(db).map((l) => l.name);
  throw new UsageError(
    `no labeller ${JSON.stringify(nameOrId)} in this project${known.length ? `; labellers: ${known.join(', ')}` : ''}`,
  );
}
