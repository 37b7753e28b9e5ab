import { expect, test } from '@playwright/test';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImportPage } from './pages/import-page';
import { LabellingPage } from './pages/labelling-page';
import { REPO, serveEmptyProject, type Served } from './support/rankwise';

const HH = join(
  REPO,
  'db',
  'test-fixtures',
  'samples',
  'hh-rlhf-harmless-base',
  'test.first300.jsonl',
);

let served: Served;
test.beforeEach(async () => {
  served = await serveEmptyProject({ name: 'Lead' });
});
test.afterEach(async () => served.stop());

test('upload a real HH-RLHF sample, check the preview, import it, then label its first item', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(served.url);
  await expect(page.getByTestId('queue-empty')).toBeVisible();

  const wizard = new ImportPage(page);
  await wizard.open();
  await wizard.choose(HH);
  await expect(page.getByTestId('import-file-name')).toHaveText('test.first300.jsonl');
  await expect(wizard.detected).toHaveAttribute('data-format', 'hh');
  await expect(wizard.detected).toHaveAttribute('data-confidence', 'certain');
  // The first items as labellers will see them: the conversation up to the last Human turn,
  // and the two final Assistant turns as responses.
  await expect(wizard.previewItems).toHaveCount(5);
  const first = wizard.previewItems.first();
  await expect(first.getByTestId('prompt')).toContainText(
    'what are some pranks with a pen i can do?',
  );
  await expect(first.getByTestId('prompt')).toContainText(
    'okay some of these do not have anything to do with pens',
  );
  await expect(first.getByTestId('import-preview-response').first()).toContainText(
    'No, sorry! All of these involve a pen',
  );
  const shot = test.info().outputPath('import-preview.png');
  await page.screenshot({ path: shot, fullPage: false });
  if (process.env['UPDATE_SCREENSHOTS'])
    copyFileSync(shot, join(REPO, 'docs', 'screenshots', 'import-preview.png'));

  expect(await wizard.run()).toBe('succeeded');
  expect(await wizard.importedHeading()).toBe('Imported 300 items (600 responses)');
  await expect(page.getByTestId('progress-text')).toHaveText('0 / 300');

  await wizard.startLabelling();
  const labelling = new LabellingPage(page);
  // Earlier turns are folded on the labelling screen; the last Human turn is always shown.
  await expect(page.getByTestId('prompt')).toContainText(
    'okay some of these do not have anything to do with pens',
  );
  await page.keyboard.press('h');
  await expect(page.getByTestId('earlier-turns')).toContainText(
    'what are some pranks with a pen i can do?',
  );
  const shown = [await labelling.responseText('A'), await labelling.responseText('B')];
  expect(shown.some((t) => t.startsWith('No, sorry!'))).toBe(true);
  await labelling.pressAndAdvance('1');
  await labelling.expectProgress(1, 300);
  expect(errors).toEqual([]);
});

test('a bad line aborts with file, line and reason; skipping imports the rest and lists it', async ({
  page,
}) => {
  await page.goto(served.url);
  const wizard = new ImportPage(page);
  await wizard.open();
  const good = (id: string) => JSON.stringify({ id, prompt: `p ${id}`, responses: ['a', 'b'] });
  await wizard.drop(
    'data.jsonl',
    [good('1'), '{"id": "2", "prompt": }', good('3')].join('\n') + '\n',
  );
  await expect(wizard.detected).toHaveAttribute('data-format', 'generic');
  await expect(page.getByTestId('import-problems')).toContainText('line 2');

  expect(await wizard.run()).toBe('failed');
  await expect(page.getByTestId('import-error')).toHaveText(
    'data.jsonl:2: invalid JSON: unexpected "}" where a value was expected at column 23',
  );
  await expect(page.getByTestId('progress-text')).toHaveText('0 / 0');

  await page.getByTestId('import-retry-skipping').click();
  await expect(wizard.summary).toHaveAttribute('data-status', 'succeeded');
  expect(await wizard.importedHeading()).toBe('Imported 2 items (4 responses)');
  await expect(wizard.skippedLines()).toHaveText([
    'line 2 invalid JSON: unexpected "}" where a value was expected at column 23',
  ]);
});

test('a wrong file is explained in words, the host stays up, and another file can be chosen', async ({
  page,
}) => {
  await page.goto(served.url);
  const wizard = new ImportPage(page);
  await wizard.open();
  for (const [file, why] of [
    [join(REPO, 'README.md'), 'README.md: this is not a dataset: it is a Markdown document.'],
    [join(REPO, 'build', 'icon.png'), 'icon.png: this is not a dataset: it is a PNG image.'],
  ] as const) {
    const card = await wizard.chooseWrong(file);
    await expect(card.getByTestId('import-error')).toContainText(why);
    await card.getByTestId('import-choose-another').click();
    await expect(page.getByTestId('import-drop-zone')).toBeVisible();
  }
  await wizard.choose(HH);
  expect(await wizard.run()).toBe('succeeded');
  await page.getByTestId('tab-label').click();
  await new LabellingPage(page).pressAndAdvance('1');
});

test('the judgment keys do nothing while the import screen is shown', async ({ page }) => {
  await page.goto(served.url);
  const wizard = new ImportPage(page);
  await wizard.open();
  await wizard.choose(HH);
  expect(await wizard.run()).toBe('succeeded');
  // The queue has loaded its first item behind the summary: a key that reached it would judge it.
  await expect(page.getByTestId('progress-text')).toHaveText('0 / 300');
  await page.keyboard.press('1');
  await page.keyboard.press('t');
  await page.getByTestId('tab-label').click();
  const labelling = new LabellingPage(page);
  await labelling.expectProgress(0, 300);
});
