import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { importFile } from '../../db/import/import-file';
import { openProject } from '../../db/open';
import { parse, UsageError } from '../args';
import type { Io } from '../io';

export const usage = 'rankwise import <file> --into <project.rankwise> [--skip-bad-lines] [--json]';

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { into: { type: 'string' }, 'skip-bad-lines': { type: 'boolean' }, json: { type: 'boolean' } },
    ['file'],
  );
  if (!values.into) throw new UsageError('missing --into <project.rankwise>');
  const file = resolve(positionals[0]!);
  if (!existsSync(file)) throw new Error(`${positionals[0]}: no such file`);
  const projectPath = resolve(values.into);
  const created = !existsSync(projectPath);
  const project = openProject(projectPath, { create: true });
  let summary;
  try {
    summary = await importFile(project.db, file, {
      skipBadLines: values['skip-bad-lines'] ?? false,
      signal: io.signal,
      onProgress: values.json
        ? undefined
        : (p) =>
            io.progress(
              `importing: ${p.items} items, ${Math.round((100 * p.bytes) / Math.max(1, p.totalBytes))}%`,
            ),
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
        skipped: summary.skipped,
        format: summary.format,
      }),
    );
  } else {
    io.out(
      `imported ${summary.imported} items from ${summary.file} (${summary.format}) into ${projectPath}`,
    );
    if (summary.duplicates)
      io.out(
        `${summary.duplicates} duplicate records were already in the project and were not added again`,
      );
    for (const s of summary.skipped) io.out(`skipped line ${s.line}: ${s.reason}`);
  }
  return 0;
}
