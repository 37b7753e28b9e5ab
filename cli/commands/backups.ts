import { resolve } from 'node:path';
import type {
  BackupInfo,
  BackupList,
  RestoreResult,
  SalvageResult,
} from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { dispatch } from '../../db/dispatch';
import { memoryIdentityStore } from '../../db/identity-file';
import { ProjectHost } from '../../db/project-host';
import { parse, UsageError } from '../args';
import type { Io } from '../io';

export const usage =
  'rankwise backups <project.rankwise> [list | create | restore <name> | salvage] [--json]';

/**
 * The Backups screen for scripts and headless machines. It goes through the same host as the
 * UI, so `restore` works on a damaged project too (moving the damaged file aside, never
 * deleting it) and `salvage` writes what is readable of one into a new project.
 */
export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    argv.length > 1 ? argv : [...argv, 'list'],
    { json: { type: 'boolean' } },
    argv[1] === 'restore' ? ['project', 'action', 'name'] : ['project', 'action'],
  );
  const [path, action, name] = positionals as [string, string, string | undefined];
  if (!['list', 'create', 'restore', 'salvage'].includes(action))
    throw new UsageError(`unknown action ${JSON.stringify(action)}`);
  // Checked before anything is done (check: 'before-open', the default): `restore` must know
  // whether the file is damaged (then it is moved aside, not backed up), and `create` must not
  // copy a damaged file into the backups.
  const host = new ProjectHost({
    path: resolve(path),
    host: 'in-process',
    identity: memoryIdentityStore(),
    check: 'before-open',
  });
  const call = async <T>(method: string, input: unknown = {}): Promise<T> => {
    const r = await dispatch(host.handlers, method, input);
    if (!r.ok) throw new ApiError(r.error.code, r.error.message, r.error.details);
    return r.value as T;
  };
  const print = (human: string, json: unknown) =>
    io.out(values.json ? JSON.stringify(json) : human);
  try {
    if (action === 'list') {
      const list = await call<BackupList>('backups.list');
      print(
        list.backups.length
          ? list.backups.map(line).join('\n')
          : `no backups yet (they go in ${list.dir})`,
        list,
      );
    } else if (action === 'create') {
      const b = await call<BackupInfo>('backups.create');
      print(`backed up to ${b.name}`, b);
    } else if (action === 'restore') {
      const r = await call<RestoreResult>('backups.restore', { name });
      const kept = r.safetyBackup
        ? `the project as it was is kept as ${r.safetyBackup.name}`
        : `the damaged file was moved, unchanged, to ${r.preservedAs}`;
      print(`restored ${r.restored.name}; ${kept}`, r);
    } else {
      const r = await call<SalvageResult>('recovery.salvage');
      const lost = r.tables.filter((t) => t.lost > 0);
      print(
        [
          `wrote every readable row to ${r.path}`,
          ...lost.map(
            (t) => `  ${t.name}: ${t.copied} rows kept, ${t.lost} unreadable or unplaceable`,
          ),
          ...(r.orphansPath ? [`rows whose parent was lost: ${r.orphansPath}`] : []),
        ].join('\n'),
        r,
      );
    }
  } finally {
    await host.close();
  }
  return 0;
}

function line(b: BackupInfo): string {
  const counts = b.judgments === null ? 'unreadable' : `${b.items} items, ${b.judgments} judgments`;
  return `${b.name}  ${new Date(b.createdAt).toISOString()}  ${b.reason}  ${counts}`;
}
