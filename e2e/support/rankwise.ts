import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const REPO = resolve(import.meta.dirname, '..', '..');
const BIN = join(REPO, 'bin', 'rankwise.mjs');

/** Run the real `rankwise` command (the built CLI) and return its exit code and output. */
export function rankwise(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * `rankwise` without blocking this process: for a command that calls a server the test itself
 * runs (a chat-completions test server), which a blocked event loop could never answer.
 */
export function rankwiseAsync(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => ok({ code, stdout, stderr }));
  });
}

export interface Served {
  url: string;
  dir: string;
  project: string;
  stop(): Promise<void>;
}

/**
 * A temp project with `file` imported through the CLI, served by `rankwise serve` as
 * `labeller` (null: no one yet, so the page asks who is labelling). The first stdout line is
 * the URL with its token.
 */
export async function serveProject(
  file: string,
  labeller: { name: string; id?: string } | null,
  projectName = 'e2e',
  /** Runs on the imported project before it is served (task settings, guidelines…). */
  prepare?: (project: string) => void,
): Promise<Served> {
  const dir = mkdtempSync(join(tmpdir(), 'rankwise-e2e-'));
  const project = join(dir, `${projectName}.rankwise`);
  const imported = rankwise(['import', file, '--into', project, '--json']);
  if (imported.code !== 0) throw new Error(`import failed: ${imported.stderr}`);
  prepare?.(project);
  return serveExisting(dir, project, labeller);
}

/** `rankwise serve` on a project file in `dir` (removed when stopped). */
async function serveExisting(
  dir: string,
  project: string,
  labeller: { name: string; id?: string } | null,
): Promise<Served> {
  const args = [BIN, 'serve', project];
  if (labeller) args.push('--labeller', labeller.name);
  if (labeller?.id) args.push('--labeller-id', labeller.id);
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { ...process.env, RANKWISE_CONFIG_DIR: join(dir, 'config') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((ok, fail) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', ok);
    child.once('exit', (code) => fail(new Error(`rankwise serve exited with ${code}: ${stderr}`)));
  });
  return {
    url,
    dir,
    project,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A new, empty project served by `rankwise serve` as `labeller` (for flows that import
 * through the UI). The project file is created the way the app creates one.
 */
export async function serveEmptyProject(
  labeller: { name: string; id?: string },
  projectName = 'e2e',
): Promise<Served> {
  const { openProject } = await import('../../db/open');
  const dir = mkdtempSync(join(tmpdir(), 'rankwise-e2e-'));
  const project = join(dir, `${projectName}.rankwise`);
  openProject(project, { create: true }).close();
  return serveExisting(dir, project, labeller);
}
