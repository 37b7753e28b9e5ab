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

/** ms from navigation start until the first item is on screen and its keys work. */
export const FIRST_INTERACTIVE = `
  const check = () => {
    if (window.__firstInteractive) return;
    const item = document.querySelector('[data-testid="labelling"][data-item-id]');
    const key = document.querySelector('[data-testid="action-choose-a"]');
    if (item && key && !key.disabled) window.__firstInteractive = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
`;

export async function firstInteractive(
  browser: Browser,
  url: string,
  runs: number,
): Promise<number[]> {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript({ content: FIRST_INTERACTIVE });
    await page.goto(url);
    await page.waitForFunction(
      () =>
        ((globalThis as unknown as { __firstInteractive?: number }).__firstInteractive ?? 0) > 0,
      undefined,
      { timeout: 60_000 },
    );
    times.push(await page.evaluate<number>('window.__firstInteractive'));
    await context.close();
  }
  return times;
}
