import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO } from './rankwise';

/**
 * `rankwise serve` on a project file the test prepared itself (damaged, say), as
 * `labeller`. Resolves with the URL once the server printed it.
 */
export async function serveFile(
  project: string,
  labeller: string,
  configDir: string,
): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    [join(REPO, 'bin', 'rankwise.mjs'), 'serve', project, '--labeller', labeller],
    { env: { ...process.env, RANKWISE_CONFIG_DIR: configDir }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((ok, fail) => {
    createInterface({ input: child.stdout }).once('line', ok);
    child.once('exit', (code) => fail(new Error(`rankwise serve exited with ${code}: ${stderr}`)));
  });
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
