import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { displayOrder } from '../shared/domain/display-order';
import { ExportDialog, LabellingPage } from './pages/labelling-page';
import { REPO, serveProject, type Served } from './support/rankwise';

const FIXTURE = join(REPO, 'e2e', 'fixtures', 'six-items.jsonl');
// A fixed labeller id whose seeded order shows e1 and e2 differently, so the test covers
// chosen/rejected mapping for both display orders (asserted below, not assumed).
const LABELLER_ID = '0190a000-0000-7000-8000-000000000003';

let served: Served;
test.beforeEach(async () => {
  served = await serveProject(FIXTURE, { name: 'Ada', id: LABELLER_ID });
});
test.afterEach(async () => served.stop());

test('judge by keyboard, undo, and export TRL JSONL mapped through the display order', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const orders = ['e1', 'e2', 'e3'].map((id) => displayOrder(LABELLER_ID, id, 2).join(','));
  expect(
    new Set(orders.slice(0, 2)).size,
    'fixture precondition: e1 and e2 are shown in different orders',
  ).toBe(2);
  expect(orders[0], 'fixture precondition: e1 is shown swapped').toBe('1,0');

  const labelling = new LabellingPage(page);
  await labelling.open(served.url);
  await labelling.expectProgress(0, 6);
  // The token has left the address bar.
  expect(page.url()).not.toContain('token=');
  // Model names are hidden.
  await expect(page.getByText('alpha', { exact: true })).toHaveCount(0);

  const expected: Array<{ prompt: string; chosen: string; rejected: string }> = [];

  // e1: A is better, with "1".
  await labelling.expectItem('e1');
  let a = await labelling.responseText('A');
  let b = await labelling.responseText('B');
  expected.push({ prompt: await labelling.promptText(), chosen: a, rejected: b });
  await labelling.pressAndAdvance('1');
  await labelling.expectProgress(1, 6);

  // e2: B is better, with the right arrow.
  await labelling.expectItem('e2');
  a = await labelling.responseText('A');
  b = await labelling.responseText('B');
  expected.push({ prompt: await labelling.promptText(), chosen: b, rejected: a });
  await labelling.pressAndAdvance('ArrowRight');
  await labelling.expectProgress(2, 6);

  // e3: tie with "t", then undo with "u": e3 comes back unjudged.
  await labelling.expectItem('e3');
  await labelling.pressAndAdvance('t');
  await labelling.expectProgress(3, 6);
  await labelling.pressAndAdvance('u');
  await labelling.expectItem('e3');
  await labelling.expectProgress(2, 6);

  // e3 again: A is better with the left arrow.
  a = await labelling.responseText('A');
  b = await labelling.responseText('B');
  expected.push({ prompt: await labelling.promptText(), chosen: a, rejected: b });
  await labelling.pressAndAdvance('ArrowLeft');

  // e4: both bad with "b", then undone with Ctrl+Z; judged "2" instead.
  await labelling.expectItem('e4');
  await labelling.pressAndAdvance('b');
  await labelling.pressAndAdvance('Control+z');
  await labelling.expectItem('e4');
  a = await labelling.responseText('A');
  b = await labelling.responseText('B');
  expected.push({ prompt: await labelling.promptText(), chosen: b, rejected: a });
  await labelling.pressAndAdvance('2');
  await labelling.expectProgress(4, 6);

  // e5: tie, which TRL export leaves out.
  await labelling.expectItem('e5');
  await labelling.pressAndAdvance('t');
  await labelling.expectProgress(5, 6);

  const dialog = new ExportDialog(page);
  await dialog.openWithKey();
  expect(await dialog.run()).toMatch(/^Wrote 4 rows \(1 ties and 0 both-bad left out\)/);
  const text = await dialog.download();
  expect(text).toBe(expected.map((r) => JSON.stringify(r) + '\n').join(''));
  // And by content, not only by what the page showed: each chosen answer is the one we picked.
  expect(text).toContain('"chosen":"' + expected[0]!.chosen);
  expect(errors).toEqual([]);
});

test('the help overlay lists the shortcuts from the action table', async ({ page }) => {
  const labelling = new LabellingPage(page);
  await labelling.open(served.url);
  await page.keyboard.press('?');
  const overlay = page.getByTestId('help-overlay');
  await expect(overlay).toBeVisible();
  await expect(overlay).toContainText('A is better');
  await expect(overlay).toContainText('Undo last judgment');
  // While the overlay is open, judgment keys do nothing.
  await page.keyboard.press('1');
  await labelling.expectProgress(0, 6);
  await page.keyboard.press('Escape');
  await expect(overlay).toBeHidden();
});
