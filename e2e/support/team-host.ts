import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO } from './rankwise';

export interface TeamServed {
  /** The host's origin. */
  base: string;
  /** The lead's own link (the first line `serve --team` prints). */
  leadUrl: string;
  stop(): Promise<void>;
}

/** The real `rankwise serve --team` on a project file, as a lead starts it (as `lead`). */
export async function serveTeam(
  path: string,
  configDir: string,
  lead = 'Lea',
): Promise<TeamServed> {
  const child = spawn(
    process.execPath,
    [join(REPO, 'bin', 'rankwise.mjs'), 'serve', path, '--team', '--labeller', lead],
    {
      env: { ...process.env, RANKWISE_CONFIG_DIR: configDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const leadUrl = await new Promise<string>((ok, fail) => {
    createInterface({ input: child.stdout }).once('line', ok);
    child.once('exit', (code) => fail(new Error(`rankwise serve --team exited with ${code}`)));
  });
  return {
    base: new URL(leadUrl).origin,
    leadUrl,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
