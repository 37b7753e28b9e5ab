import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { judgesFromSource } from '../../db/judges/from-source';
import { importJudgeVerdicts } from '../../db/judges/import-verdicts';
import { listJudges } from '../../db/judges/store';
import { openProject } from '../../db/open';
import { parse, UsageError } from '../args';
import type { Io } from '../io';

const SUBCOMMANDS = [
  'rankwise judges import <project.rankwise> <verdicts.jsonl> [--json]',
  'rankwise judges from-source <project.rankwise> [--json]',
  'rankwise judges list <project.rankwise> [--json]',
];

export const usage = SUBCOMMANDS.join('\n  ');

/** `rankwise judges …`: the project's judges (sources of verdicts that are not people). */
export async function run(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'import':
      return importCmd(rest, io);
    case 'from-source':
      return fromSourceCmd(rest, io);
    case 'list':
      return listCmd(rest, io);
    default:
      throw new UsageError(
        sub === undefined
          ? 'missing what to do: import, from-source or list'
          : `unknown judges command ${JSON.stringify(sub)}; expected import, from-source or list`,
      );
  }
}

async function importCmd(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } }, ['project', 'file']);
  const file = resolve(positionals[1]!);
  if (!existsSync(file)) throw new Error(`${positionals[1]}: no such file`);
  await Promise.resolve();
  // Checked before writing (the writable default): nothing goes into a damaged file.
  const project = openProject(resolve(positionals[0]!));
  try {
    const r = await importJudgeVerdicts(project.db, file, {
      signal: io.signal,
      onProgress: values.json
        ? undefined
        : (p) =>
            io.progress(
              `reading ${positionals[1]}: line ${p.lines}, ${Math.round((100 * p.bytes) / Math.max(1, p.totalBytes))}%`,
            ),
    });
    if (values.json) io.out(JSON.stringify(r));
    else {
      io.out(
        `${r.file}: added ${r.added} verdicts (${r.alreadyPresent} already in the project, ${r.duplicates} repeated lines)`,
      );
      for (const j of r.judges)
        io.out(`  ${j.name} (${j.kind}${j.created ? ', new' : ''}): ${j.added} added`);
    }
    return 0;
  } finally {
    project.close();
  }
}

async function fromSourceCmd(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } }, ['project']);
  await Promise.resolve();
  const project = openProject(resolve(positionals[0]!));
  try {
    const r = judgesFromSource(project.db);
    if (values.json) io.out(JSON.stringify(r));
    else {
      io.out(
        r.judges.length
          ? `${r.items} items carry the dataset's own verdicts:`
          : 'No item carries the dataset’s own verdicts (metadata.source_verdicts): nothing to do.',
      );
      for (const j of r.judges)
        io.out(
          `  ${j.name}${j.created ? ' (new)' : ''}: ${j.added} verdicts added, ${j.alreadyPresent} already there`,
        );
      if (r.undecided)
        io.out(`  ${r.undecided} pairs had no majority among one source's verdicts: left out`);
    }
    return 0;
  } finally {
    project.close();
  }
}

async function listCmd(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } }, ['project']);
  const project = openProject(resolve(positionals[0]!), { readonly: true });
  try {
    const judges = listJudges(project.db);
    if (values.json) io.out(JSON.stringify({ judges }));
    else if (!judges.length)
      io.out('No judges yet (rankwise judges import, judges from-source, judge).');
    else
      for (const j of judges)
        io.out(
          `${j.name}: ${j.kind}${j.model ? `, model ${j.model}` : ''}${j.templateVersion !== null ? `, template v${j.templateVersion}` : ''}; ` +
            `${j.verdicts} verdicts on ${j.items} items${j.noVerdict ? `, ${j.noVerdict} replies without a verdict` : ''}` +
            `${j.promptTokens + j.completionTokens ? `; ${j.promptTokens + j.completionTokens} tokens` : ''}; since ${new Date(j.createdAt).toISOString()}`,
        );
    return 0;
  } finally {
    project.close();
  }
}
