import { resolve } from 'node:path';
import { allAudit } from '../../db/team-host/audit';
import { openProject } from '../../db/open';
import { parse } from '../args';
import type { Io } from '../io';

export const usage = 'rankwise audit <project.rankwise> [--json]';

/**
 * The project's audit log, oldest first: invitations, revocations, imports, exports, merges,
 * packages, settings changes; who, through what, when. `--json` prints `{"entries": [...]}`.
 */
export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } }, ['project']);
  await Promise.resolve();
  // A read: opened read-only, and (like `info`) without reading the whole file first.
  const project = openProject(resolve(positionals[0]!), { readonly: true });
  try {
    const entries = [...allAudit(project.db)];
    if (values.json) {
      io.out(JSON.stringify({ entries }));
      return 0;
    }
    if (!entries.length) io.out('the audit log is empty');
    for (const e of entries)
      io.out(
        [
          new Date(e.at).toISOString(),
          `${e.actor.name} (${e.via})`,
          e.action,
          e.target ?? '-',
          JSON.stringify(e.detail),
        ].join('  '),
      );
    return 0;
  } finally {
    project.close();
  }
}
