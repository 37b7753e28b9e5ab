import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createBackend } from '../../db/backend';
import { fileIdentityStore } from '../../db/identity-file';
import { openProject } from '../../db/open';
import { startHttpHost } from '../serve/http-host';
import { parse, UsageError } from '../args';
import type { Io } from '../io';

export const usage =
  'rankwise serve <project.rankwise> [--port N] [--host H] [--allow-remote] [--labeller NAME] [--labeller-id UUID]';

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      port: { type: 'string' },
      host: { type: 'string' },
      'allow-remote': { type: 'boolean' },
      labeller: { type: 'string' },
      'labeller-id': { type: 'string' },
    },
    ['project'],
  );
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0..65535, got ${values.port}`);
  if (values['labeller-id'] && !values.labeller)
    throw new UsageError('--labeller-id needs --labeller NAME');
  if (!io.rendererDir || !existsSync(resolve(io.rendererDir, 'index.html'))) {
    throw new Error('the UI is not built: run `npm run build` first');
  }
  const project = openProject(resolve(positionals[0]!));
  const backend = createBackend({
    project,
    host: 'browser',
    identity: fileIdentityStore(),
    labeller: values.labeller ? { name: values.labeller, id: values['labeller-id'] } : undefined,
  });
  const host = await startHttpHost({
    backend,
    rendererDir: io.rendererDir,
    host: values.host ?? '127.0.0.1',
    port,
    allowRemote: values['allow-remote'] ?? false,
  });
  io.out(host.openUrl);
  io.err(`serving ${project.path}; press Ctrl+C to stop`);
  await new Promise<void>((done) =>
    io.signal.addEventListener('abort', () => done(), { once: true }),
  );
  await host.close();
  await backend.close();
  return 0;
}
