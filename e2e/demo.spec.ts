import { expect, test } from '@playwright/test';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { LabellingPage } from './pages/labelling-page';
import { REPO, serveProject, type Served } from './support/rankwise';

let served: Served;
test.beforeEach(async () => {
  served = await serveProject(
    join(REPO, 'demo', 'demo-dataset.jsonl'),
    { name: 'Newcomer' },
    'demo',
  );
});
test.afterEach(async () => served.stop());

/** What a newcomer sees first: the shipped demo, rendered as markdown, with the README's screenshot. */
test('the demo project opens with code, lists and tables rendered as markdown', async ({
  page,
}) => {
  const labelling = new LabellingPage(page);
  await labelling.open(served.url);
  await labelling.expectProgress(0, 28);
  await expect(page.locator('[data-testid="labelling"] pre code').first()).toContainText('def fib');
  await labelling.pressAndAdvance('1');
  await expect(
    page.locator('[data-testid="labelling"] ol li, [data-testid="labelling"] ul li').first(),
  ).toBeVisible();
  await labelling.pressAndAdvance('2');
  await expect(page.locator('[data-testid="labelling"] table td').first()).toBeVisible();
  const shot = test.info().outputPath('demo.png');
  await page.screenshot({ path: shot });
  if (process.env['UPDATE_SCREENSHOTS'])
    copyFileSync(shot, join(REPO, 'docs', 'screenshots', 'labelling.png'));
});
