import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ImportSummary } from '../../shared/api/contract';
import { describeDuplicate } from '../../shared/formats/duplicates';
import type { ColumnMapping } from '../../shared/formats/columns';
import { FORMAT_IDS, FORMAT_LABELS, type FormatId } from '../../shared/formats/shapes';
import { importFile, type ImportProgress } from '../../db/import/import-file';
import { openProject } from '../../db/open';
import { parse, UsageError } from '../args';
import type { Io } from '../io';

const FORMATS = ['auto', ...FORMAT_IDS.filter((f) => f !== 'columns'), 'csv'] as const;

export const usage = `rankwise import <file> --into <project.rankwise> [--format ${FORMATS.join('|')}] [--map prompt=COL,responses=COL+COL[,id=COL][,system=COL][,models=COL+COL]] [--skip-bad-lines] [--json]`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      into: { type: 'string' },
      format: { type: 'string' },
      map: { type: 'string' },
      'skip-bad-lines': { type: 'boolean' },
      json: { type: 'boolean' },
    },
    ['file'],
  );
  if (!values.into) throw new UsageError('missing --into <project.rankwise>');
  const choice = values.format ?? 'auto';
  if (!(FORMATS as readonly string[]).includes(choice) && choice !== 'columns')
    throw new UsageError(
      `--format must be one of ${FORMATS.join(', ')}; got ${JSON.stringify(choice)}`,
    );
  const mapping = values.map ? parseMapping(values.map) : null;
  // "csv" is a CSV file read through a column mapping (guessed from its header unless --map).
  const format: FormatId | 'auto' =
    choice === 'csv' || (mapping && choice === 'auto') ? 'columns' : (choice as FormatId | 'auto');
  const file = resolve(positionals[0]!);
  if (!existsSync(file)) throw new Error(`${positionals[0]}: no such file`);
  const projectPath = resolve(values.into);
  const created = !existsSync(projectPath);
  // Checked before importing (openProject's default for a writable open): a one-shot write
  // must not go into a damaged file, and an import takes longer than the check.
  const project = openProject(projectPath, { create: true });
  const started = Date.now();
  let summary: ImportSummary;
  try {
    summary = await importFile(project.db, file, {
      format,
      container: choice === 'csv' ? 'csv' : undefined,
      mapping,
      skipBadLines: values['skip-bad-lines'] ?? false,
      signal: io.signal,
      onProgress: values.json ? undefined : (p) => io.progress(progressLine(p, started)),
    });
  } catch (e) {
    project.close();
    // A project this command created holds nothing but the failed import: leave no trace.
    if (created)
      for (const suffix of ['', '-wal', '-shm']) rmSync(projectPath + suffix, { force: true });
    throw e;
  }
  project.close();
  if (values.json) {
    io.out(
      JSON.stringify({
        imported: summary.imported,
        duplicates: summary.duplicates,
        duplicateLines: summary.duplicateLines,
        skipped: summary.skipped,
        format: summary.format,
        container: summary.container,
        compressed: summary.compressed,
        encoding: summary.encoding,
        responses: summary.responses,
        records: summary.records,
        skippedCount: summary.skippedCount,
        notes: summary.notes,
      }),
    );
    return 0;
  }
  const shape = FORMAT_LABELS[summary.format as FormatId];
  const how = [
    summary.container,
    summary.compressed,
    summary.encoding !== 'utf-8' ? summary.encoding : null,
  ]
    .filter(Boolean)
    .join(', ');
  io.out(
    `imported ${summary.imported} items (${summary.responses} responses) from ${summary.file} (${how}) as ${shape} into ${projectPath}`,
  );
  if (summary.duplicates) {
    io.out(
      summary.duplicates === 1
        ? '1 record was a duplicate and was not added again:'
        : `${summary.duplicates} records were duplicates and were not added again:`,
    );
    for (const d of summary.duplicateLines.slice(0, SHOWN_DUPLICATES))
      io.out(`  ${describeDuplicate(d)}`);
    if (summary.duplicates > SHOWN_DUPLICATES)
      io.out(
        `  … and ${summary.duplicates - SHOWN_DUPLICATES} more (--json lists the first 10 000)`,
      );
  }
  for (const n of summary.notes) io.out(`note: ${n.count} × ${n.reason}`);
  for (const s of summary.skipped) io.out(`skipped line ${s.line}: ${s.reason}`);
  if (summary.skippedCount > summary.skipped.length)
    io.out(`… and ${summary.skippedCount - summary.skipped.length} more skipped lines`);
  return 0;
}

/** Re-importing a big file makes every line a duplicate: list the first few, count the rest. */
const SHOWN_DUPLICATES = 20;

function progressLine(p: ImportProgress, started: number): string {
  if (p.phase === 'saving') return `saving ${p.items} items to the project…`;
  const fraction = p.totalBytes > 0 ? p.bytes / p.totalBytes : 0;
  const seconds = (Date.now() - started) / 1000;
  const left = fraction > 0.02 ? Math.round((seconds / fraction) * (1 - fraction)) : null;
  return `importing: ${p.items} items, ${Math.round(100 * fraction)}%${left !== null ? `, about ${left} s left` : ''}${p.skipped ? `, ${p.skipped} skipped` : ''}`;
}

/** `prompt=question,responses=a+b,id=qid,system=sys,models=ma+mb` → a column mapping. */
export function parseMapping(text: string): ColumnMapping {
  const fields = new Map<string, string>();
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new UsageError(`--map: expected key=value, got ${JSON.stringify(part)}`);
    const key = part.slice(0, eq).trim();
    if (!['prompt', 'responses', 'id', 'system', 'models'].includes(key))
      throw new UsageError(
        `--map: unknown key ${JSON.stringify(key)} (use prompt, responses, id, system, models)`,
      );
    fields.set(key, part.slice(eq + 1).trim());
  }
  const prompt = fields.get('prompt');
  const responses =
    fields
      .get('responses')
      ?.split('+')
      .map((c) => c.trim())
      .filter(Boolean) ?? [];
  if (!prompt) throw new UsageError('--map: needs prompt=COLUMN');
  if (responses.length < 2)
    throw new UsageError('--map: needs responses=COLUMN+COLUMN (two or more)');
  const models =
    fields
      .get('models')
      ?.split('+')
      .map((c) => c.trim()) ?? [];
  if (models.length > 0 && models.length !== responses.length)
    throw new UsageError('--map: models= must name one column per response column');
  return {
    prompt,
    id: fields.get('id') || null,
    system: fields.get('system') || null,
    responses: responses.map((column, i) => ({ column, modelColumn: models[i] || null })),
  };
}
