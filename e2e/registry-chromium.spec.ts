import { chromium, expect, test } from '@playwright/test';
import { join } from 'node:path';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-chromium.mjs';
import { LabellingPage } from './pages/labelling-page';
import { currentJudgments } from './support/project-db';
import { REPO, serveProject, type Served } from './support/rankwise';

/**
 * The browser finder's last resort, proven on every run: a newcomer's machine has no Chromium,
 * and `npm install` brings the one inside @sparticuz/chromium from the npm registry. This spec
 * holds the finder to that source even where a system Chromium exists, and labels in it.
 */
let served: Served;
test.beforeEach(async () => {
  served = await serveProject(join(REPO, 'demo', 'demo-dataset.jsonl'), { name: 'Newcomer' });
});
test.afterEach(async () => served.stop());

test('the Chromium from the npm registry runs the app: label, and the judgment is on disk', async () => {
  const found = findChromium({ only: 'registry' });
  expect(found.source).toBe('registry');
  expect(found.path).toContain(join('node_modules', '.cache', 'rankwise-chromium'));
  const browser = await chromium.launch({ executablePath: found.path, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const labelling = new LabellingPage(page);
    await labelling.open(served.url);
    const first = await labelling.itemId();
    await labelling.expectProgress(0, 28);
    await labelling.pressAndAdvance('1');
    await labelling.expectProgress(1, 28);
    expect(currentJudgments(served.project).get(first)?.verdict).toMatchObject({
      kind: 'pairwise',
    });
  } finally {
    await browser.close();
  }
});
