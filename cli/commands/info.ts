import { resolve } from 'node:path';
import { createBackend } from '../../db/backend';
import { memoryIdentityStore } from '../../db/identity-file';
import { openProject } from '../../db/open';
import { parse } from '../args';
import type { Io } from '../io';

export const usage = 'rankwise info <project.rankwise> [--json]';

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } }, ['project']);
  // Not checked: a few counts and settings, the first look at a file whatever its state.
  const project = openProject(resolve(positionals[0]!), { readonly: true });
  const backend = createBackend({ project, host: 'in-process', identity: memoryIdentityStore() });
  try {
    const info = await backend.handlers['project.info']({});
    if (values.json) io.out(JSON.stringify(info));
    else {
      io.out(`${info.name} (${info.path})`);
      io.out(`schema v${info.schemaVersion}`);
      const c = info.counts;
      io.out(
        `${c.items} items, ${c.responses} responses, ${c.judgments} judgments, ${c.labellers} labellers`,
      );
    }
  } finally {
    await backend.close();
  }
  return 0;
}
