import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiError } from '../shared/api/errors';
import { setEscapePolicy } from '../db/fault-boundary';
import { storageError } from '../db/storage-errors';
import { UsageError } from './args';
import type { Io } from './io';
import * as exportCmd from './commands/export';
import * as importCmd from './commands/import';
import * as infoCmd from './commands/info';
import * as serveCmd from './commands/serve';
import * as backupsCmd from './commands/backups';
import * as agreementCmd from './commands/agreement';
import * as leaderboardCmd from './commands/leaderboard';
import * as mergeCmd from './commands/merge';
import * as inviteCmd from './commands/invite';
import * as auditCmd from './commands/audit';
import * as judgesCmd from './commands/judges';
import { judgeCmd } from './commands/judges';
import { annotationsCmd, assignCmd, goldCmd, packageCmd } from './commands/team';

const commands: Record<string, { usage: string; run(argv: string[], io: Io): Promise<number> }> = {
  import: importCmd,
  export: exportCmd,
  info: infoCmd,
  serve: serveCmd,
  backups: backupsCmd,
  merge: mergeCmd,
  agreement: agreementCmd,
  leaderboard: leaderboardCmd,
  assign: assignCmd,
  gold: goldCmd,
  package: packageCmd,
  annotations: annotationsCmd,
  invite: inviteCmd,
  audit: auditCmd,
  judges: judgesCmd,
  judge: judgeCmd,
};

function help(): string {
  return ['usage:', ...Object.values(commands).map((c) => `  ${c.usage}`)].join('\n');
}

/** Runs one command; returns the exit code. Errors go to stderr, one line, naming what failed. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    io.err(`rankwise: unknown command ${JSON.stringify(name)}\n${help()}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`rankwise ${name}: ${e.message}\nusage: ${command.usage}`);
      return 2;
    }
    // A full disk or a permission problem is named as such, not as a raw errno.
    const err = storageError(e) ?? e;
    io.err(
      `rankwise ${name}: ${err instanceof ApiError || err instanceof Error ? err.message : String(err)}`,
    );
    return 1;
  }
}

/** The process entry: real stdio, signals, and the renderer beside this bundle. */
export function runFromProcess(): void {
  const controller = new AbortController();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => controller.abort());
  const here = dirname(fileURLToPath(import.meta.url));
  const rendererDir =
    [join(here, '../renderer'), join(here, '../dist/renderer')].find((d) => existsSync(d)) ?? null;
  let progressShown = false;
  const io: Io = {
    out: (l) => process.stdout.write(l + '\n'),
    err: (l) => {
      if (progressShown) process.stderr.write('\r\x1b[K');
      progressShown = false;
      process.stderr.write(l + '\n');
    },
    progress: (l) => {
      if (!process.stderr.isTTY) return;
      process.stderr.write(`\r\x1b[K${l}`);
      progressShown = true;
    },
    signal: controller.signal,
    rendererDir,
    analysisWorker: join(here, 'analysis-worker.mjs'),
    importWorker: join(here, 'import-worker.mjs'),
    checkWorker: join(here, 'check-worker.mjs'),
    checkpointWorker: join(here, 'checkpoint-worker.mjs'),
  };
  // An error no code path caught (a stream's 'error' nobody listened to) still ends a command
  // with one line and a non-zero exit, never a stack trace; `serve` switches to staying up.
  setEscapePolicy({
    kind: 'exit',
    report: (m) => io.err(`rankwise ${process.argv[2] ?? ''}: ${m}`),
  });
  main(process.argv.slice(2), io).then(
    (code) => {
      if (progressShown) process.stderr.write('\r\x1b[K');
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`rankwise: ${String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
