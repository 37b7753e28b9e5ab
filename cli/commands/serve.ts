import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { OpenProblem, RecoveryStatus } from '../../shared/api/contract';
import { CHOICE_LABELS } from '../../shared/domain/open-problem';
import { setEscapePolicy } from '../../db/fault-boundary';
import { fileIdentityStore } from '../../db/identity-file';
import { ProjectHost } from '../../db/project-host';
import { isLoopback, startHttpHost } from '../serve/http-host';
import { parse, UsageError } from '../args';
import type { Io } from '../io';

export const usage =
  'rankwise serve <project.rankwise> [--port N] [--host H] [--allow-remote] [--read-only] [--labeller NAME] [--labeller-id UUID] [--max-upload-mb N]';

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      port: { type: 'string' },
      host: { type: 'string' },
      'allow-remote': { type: 'boolean' },
      'read-only': { type: 'boolean' },
      labeller: { type: 'string' },
      'labeller-id': { type: 'string' },
      'max-upload-mb': { type: 'string' },
    },
    ['project'],
  );
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0..65535, got ${values.port}`);
  const maxUploadMb =
    values['max-upload-mb'] === undefined ? 2048 : Number(values['max-upload-mb']);
  if (!Number.isFinite(maxUploadMb) || maxUploadMb <= 0)
    throw new UsageError(
      `--max-upload-mb must be a positive number, got ${values['max-upload-mb']}`,
    );
  if (values['labeller-id'] && !values.labeller)
    throw new UsageError('--labeller-id needs --labeller NAME');
  if (!io.rendererDir || !existsSync(resolve(io.rendererDir, 'index.html'))) {
    throw new Error('the UI is not built: run `npm run build` first');
  }
  const path = resolve(positionals[0]!);
  const project = new ProjectHost({
    path,
    host: 'browser',
    identity: fileIdentityStore(),
    labeller: values.labeller ? { name: values.labeller, id: values['labeller-id'] } : undefined,
    readOnly: values['read-only'] ?? false,
    scheduleBackups: true,
    analysisWorker: io.analysisWorker,
    importWorker: io.importWorker ?? null,
    // The URL is printed as soon as the file opens; SQLite's quick_check, which reads the
    // whole file, runs meanwhile in a worker, and damage found switches the page to the
    // recovery choices (ProjectHost). Read-only serving does not check (as before).
    check: 'background',
    checkWorker: io.checkWorker ?? null,
  });
  const explain = (problem: OpenProblem) =>
    io.err(
      `${problem.message}\nThe page offers: ${problem.choices.map((c) => CHOICE_LABELS[c]).join(', ')}.`,
    );
  const status = project.status();
  if (status.state === 'failed') {
    // Nothing the page could offer (missing, not a project, newer version): fail here.
    if (status.problem.choices.length === 0) throw new Error(status.problem.message);
    explain(status.problem);
  }
  // Damage the background check finds later is said here too, the moment it is found.
  project.events.subscribe((name, payload) => {
    const changed = payload as RecoveryStatus;
    if (name === 'recovery.changed' && changed.state === 'failed') explain(changed.problem);
  });
  const bind = values.host ?? '127.0.0.1';
  let host;
  try {
    host = await startHttpHost({
      backend: project,
      rendererDir: io.rendererDir,
      host: bind,
      port,
      allowRemote: values['allow-remote'] ?? false,
      maxUploadBytes: Math.round(maxUploadMb * 2 ** 20),
    });
  } catch (e) {
    await project.close();
    throw e;
  }
  // From here on, an error that escapes a request or a job fails that request or job and is
  // logged; the host stays up for everyone else (db/fault-boundary.ts).
  setEscapePolicy({ kind: 'stay-up', log: (line) => io.err(line) });
  io.out(host.openUrl);
  if (!isLoopback(bind))
    io.err(
      `warning: listening on ${bind}, not just this machine: anyone who can reach it and learns the token can read and change the project.`,
    );
  io.err(`serving ${path}; press Ctrl+C to stop`);
  // A Ctrl+C may already have come while starting up.
  await new Promise<void>((done) =>
    io.signal.aborted ? done() : io.signal.addEventListener('abort', () => done(), { once: true }),
  );
  await host.close();
  await project.close();
  return 0;
}
