import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { OpenProblem, RecoveryStatus } from '../../shared/api/contract';
import { CHOICE_LABELS } from '../../shared/domain/open-problem';
import { setEscapePolicy } from '../../db/fault-boundary';
import { fileIdentityStore } from '../../db/identity-file';
import { ProjectHost } from '../../db/project-host';
import { TeamGate } from '../../db/team-host/gate';
import { ensureLeadMember } from '../../db/team-host/people';
import { Presence } from '../../db/team-host/presence';
import { isLoopback, startHttpHost } from '../serve/http-host';
import { parse, UsageError } from '../args';
import type { Io } from '../io';

export const usage =
  'rankwise serve <project.rankwise> [--port N] [--host H] [--allow-remote] [--read-only] [--labeller NAME] [--labeller-id UUID] [--max-upload-mb N] [--team [--lease-minutes M]] [--tls-cert FILE --tls-key FILE]';

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
      team: { type: 'boolean' },
      'lease-minutes': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
    },
    ['project'],
  );
  const team = values.team ?? false;
  if (team && values['read-only'])
    throw new UsageError('--team hands items out and records judgments: it cannot be --read-only');
  if (values['lease-minutes'] !== undefined && !team)
    throw new UsageError('--lease-minutes goes with --team');
  const leaseMinutes = values['lease-minutes'] === undefined ? 10 : Number(values['lease-minutes']);
  if (!Number.isFinite(leaseMinutes) || leaseMinutes <= 0)
    throw new UsageError(
      `--lease-minutes must be a positive number, got ${values['lease-minutes']}`,
    );
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key']))
    throw new UsageError('--tls-cert and --tls-key go together');
  const tls = values['tls-cert'] ? readTls(values['tls-cert'], values['tls-key']!) : undefined;
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
  const identity = fileIdentityStore();
  // On a team host the URL printed is the lead's: named by --labeller, else this installation's
  // labeller, else "Lead".
  const lead = values.labeller
    ? { name: values.labeller, id: values['labeller-id'] }
    : (identity.get() ?? { name: 'Lead' });
  const presence = new Presence();
  const project = new ProjectHost({
    path,
    host: 'browser',
    identity,
    labeller: team
      ? lead
      : values.labeller
        ? { name: values.labeller, id: values['labeller-id'] }
        : undefined,
    team: team
      ? {
          presence,
          leaseMs: Math.round(leaseMinutes * 60_000),
          checkpointWorker: io.checkpointWorker ?? null,
          log: (line: string) => io.err(line),
        }
      : undefined,
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
  const clearText = !isLoopback(bind) && !tls;
  const warnings = clearText
    ? [
        `This host listens on ${bind} without TLS: links, judgments and the data travel unencrypted over the network. Restart it with --tls-cert and --tls-key.`,
      ]
    : [];
  const sessionLabeller = () => {
    try {
      return (
        project.handlers['session.get']({}) as { labeller: { id: string; name: string } | null }
      ).labeller;
    } catch {
      return null;
    }
  };
  const leadToken = randomBytes(32).toString('base64url');
  let gate: TeamGate | null = null;
  if (team) {
    const backend = project.backend;
    const leadLabeller = sessionLabeller();
    if (backend && leadLabeller) ensureLeadMember(backend.project.db, leadLabeller);
    gate = new TeamGate(project, {
      lead: { token: leadToken, labeller: sessionLabeller, name: lead.name },
      warnings,
      presence,
    });
  }
  let host;
  try {
    host = await startHttpHost({
      backend: project,
      rendererDir: io.rendererDir,
      bindAddress: bind,
      port,
      allowRemote: values['allow-remote'] ?? false,
      maxUploadBytes: Math.round(maxUploadMb * 2 ** 20),
      ...(gate ? { team: { gate }, token: leadToken } : {}),
      tls,
    });
  } catch (e) {
    gate?.close();
    await project.close();
    throw e;
  }
  // From here on, an error that escapes a request or a job fails that request or job and is
  // logged; the host stays up for everyone else (db/fault-boundary.ts).
  setEscapePolicy({ kind: 'stay-up', log: (line) => io.err(line) });
  io.out(host.openUrl);
  if (!isLoopback(bind))
    io.err(
      team
        ? `warning: listening on ${bind}, not just this machine: anyone who can reach it and holds a link can work in the project as its role allows.`
        : `warning: listening on ${bind}, not just this machine: anyone who can reach it and learns the token can read and change the project.`,
    );
  if (clearText && team) io.err(`warning: ${warnings[0]}`);
  if (team)
    io.err(
      `team host: the URL above is the lead's (${lead.name}). Invite people with \`rankwise invite ${positionals[0]} --name NAME --role labeller|reviewer|lead\` (or on the Team screen); add each link's /?token=… to ${host.url}.`,
    );
  io.err(`serving ${path}; press Ctrl+C to stop`);
  // A Ctrl+C may already have come while starting up.
  await new Promise<void>((done) =>
    io.signal.aborted ? done() : io.signal.addEventListener('abort', () => done(), { once: true }),
  );
  gate?.close();
  await host.close();
  await project.close();
  return 0;
}

function readTls(certPath: string, keyPath: string): { cert: Buffer; key: Buffer } {
  const read = (file: string, what: string) => {
    try {
      return readFileSync(resolve(file));
    } catch (e) {
      throw new UsageError(`cannot read the TLS ${what} ${file}: ${(e as Error).message}`);
    }
  };
  return { cert: read(certPath, 'certificate'), key: read(keyPath, 'key') };
}
