import { chromium, type Browser } from '@playwright/test';
import { dirname, join } from 'node:path';
import { chromiumLaunchOptions } from '../../e2e/support/chromium';
import { serveFile } from '../../e2e/support/serve-file';

/**
 * Debian's Chromium through Playwright, as the e2e suite runs it: the UI benchmarks measure
 * the real page, painting, on the real backend.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions);
}

/** `rankwise serve` (the built CLI) on a project, as a labeller; resolves to its URL. */
export function serve(project: string, labeller: string) {
  return serveFile(project, labeller, join(dirname(project), 'config'));
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
