import { chromium, type Browser } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const REPO = resolve(import.meta.dirname ?? '.', '..', '..');

/**
 * Debian's Chromium through Playwright, as the e2e suite runs it: the UI benchmarks measure
 * the real page, painting, on the real backend.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** `rankwise serve` (the built CLI) on a project, as a labeller; resolves to its URL. */
export async function serve(
  project: string,
  labeller: string,
): Promise<{ url: string; stop(): Promise<void> }> {
  const bin = join(findRepo(), 'bin', 'rankwise.mjs');
  const child = spawn(process.execPath, [bin, 'serve', project, '--labeller', labeller], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, RANKWISE_CONFIG_DIR: join(project, '..', 'config') },
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((ok, fail) => {
    createInterface({ input: child.stdout }).once('line', ok);
    child.once('exit', (code) => fail(new Error(`rankwise serve exited with ${code}: ${stderr}`)));
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The repository root: the bench bundle runs from dist/bench, the sources from bench/. */
function findRepo(): string {
  for (const candidate of [process.cwd(), REPO, resolve(REPO, '..')])
    if (existsSync(join(candidate, 'bin', 'rankwise.mjs'))) return candidate;
  throw new Error('cannot find bin/rankwise.mjs: run npm run bench from the repository root');
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}
