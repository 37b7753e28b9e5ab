import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO, serveProject, type Served } from './support/rankwise';

/**
 * Chromium on a machine with a POSIX locale (no LANG, or LANG=C.UTF-8 in a container) reports
 * navigator.language as "en-US@posix", which Intl refuses: uPlot's module, which builds an
 * Intl.NumberFormat from it when it loads, left a blank page. Playwright Test pins every page
 * to "en-US", so the browser runs in a process of its own (e2e/support/posix-browser.mjs).
 */
let served: Served;
test.beforeEach(async () => {
  served = await serveProject(join(REPO, 'demo', 'demo-dataset.jsonl'), { name: 'Posix' });
});
test.afterEach(async () => served.stop());

test('the app works in a browser that reports a POSIX locale', () => {
  const r = spawnSync(
    process.execPath,
    [join(REPO, 'e2e', 'support', 'posix-browser.mjs'), served.url],
    {
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  expect(r.status, r.stderr).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual({
    language: 'en-US@posix',
    errors: [],
    progress: '1 / 28',
    review: true,
  });
});
