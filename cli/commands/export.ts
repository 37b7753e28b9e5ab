import { resolve } from 'node:path';
import { exportTrl } from '../../db/export/export-trl';
import { openProject } from '../../db/open';
import { parse, UsageError } from '../args';
import type { Io } from '../io';

export const usage = 'rankwise export <project.rankwise> --format trl --out <file.jsonl> [--json]';

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { format: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } },
    ['project'],
  );
  if (!values.out) throw new UsageError('missing --out <file.jsonl>');
  if ((values.format ?? 'trl') !== 'trl')
    throw new UsageError(`unknown --format ${values.format}; expected trl`);
  const project = openProject(resolve(positionals[0]!), { readonly: true });
  try {
    const result = await exportTrl(project.db, resolve(values.out), {
      signal: io.signal,
      onProgress: values.json
        ? undefined
        : (p) => io.progress(`exporting: ${p.rows}/${p.total} judgments`),
    });
    if (values.json) io.out(JSON.stringify(result));
    else {
      io.out(`wrote ${result.rows} rows to ${result.path}`);
      io.out(`excluded: ${result.excluded.ties} ties, ${result.excluded.bothBad} both-bad`);
    }
  } finally {
    project.close();
  }
  return 0;
}
