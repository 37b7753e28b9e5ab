import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { mergeFiles } from '../../db/merge/merge-files';
import { openProject } from '../../db/open';
import { appendAudit, commandLineActor } from '../../db/team-host/audit';
import { jobOutcome } from '../../db/team-host/audit-calls';
import { UsageError } from '../args';
import type { Io } from '../io';

export const usage = 'rankwise merge <project.rankwise> <file>... [--allow-other-project] [--json]';

/**
 * Merge labellers' annotation files or project files into a project. Each file is merged
 * whole or not at all; the exit code is 0 only if every file merged. Per file it says what it
 * did: revisions added, older ones that only went into history, items judged twice in one
 * file, a missing end line, or every problem that refused the file.
 */
export async function run(argv: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { json: { type: 'boolean' }, 'allow-other-project': { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const [projectArg, ...files] = parsed.positionals;
  if (!projectArg) throw new UsageError('missing <project.rankwise>');
  if (files.length === 0)
    throw new UsageError('missing <file>: name at least one annotation or project file');
  // Checked before merging (the writable default): judgments must not go into a damaged file.
  const project = openProject(resolve(projectArg));
  try {
    const paths = files.map((f) => resolve(f));
    const outcomes = await mergeFiles(project.db, paths, {
      allowOtherProject: parsed.values['allow-other-project'] ?? false,
      signal: io.signal,
      displayName: (p) => files[paths.indexOf(p)] ?? p,
      onFile: (i, total, file) => io.progress(`merging ${i + 1}/${total}: ${file}`),
    });
    // Work that came back from outside (a package, the desktop app) shows on the team's
    // dashboard and in the audit log, as a merge through a team host does.
    if (outcomes.some((o) => o.status === 'merged' && (o.added > 0 || o.repeatAnswersAdded > 0)))
      appendAudit(project.db, commandLineActor(), 'merge', files.join(', '), {
        status: 'succeeded',
        ...jobOutcome('merge', { files: outcomes }),
      });
    if (parsed.values.json) io.out(JSON.stringify({ files: outcomes }));
    for (const o of outcomes) {
      if (o.status === 'merged') {
        if (!parsed.values.json)
          io.out(
            `${o.file}: merged ${o.added} new judgment revisions${o.repeatAnswersAdded ? ` and ${o.repeatAnswersAdded} repeat answers` : ''} (${o.alreadyPresent} already here) from ${o.labellers.map((l) => l.name).join(', ') || 'nobody'}`,
          );
        for (const warning of o.warnings) io.err(`${o.file}: warning: ${warning}`);
        for (const note of o.notes) io.err(`${o.file}: note: ${note}`);
      } else {
        // Every problem, up to 100, `file:line: reason` each, then what was not merged.
        io.err(o.message);
      }
    }
    return outcomes.every((o) => o.status === 'merged') ? 0 : 1;
  } finally {
    project.close();
  }
}
