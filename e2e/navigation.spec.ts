import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserPage, LabellingPage } from './pages/labelling-page';
import { configureTask, currentJudgments } from './support/project-db';
import { REPO, serveProject, type Served } from './support/rankwise';

const SIX = join(REPO, 'e2e', 'fixtures', 'six-items.jsonl');

let served: Served | undefined;
test.afterEach(async () => served?.stop());

test('skip, back and next walk the session; undo and go-to work from the keyboard', async ({
  page,
}) => {
  served = await serveProject(SIX, { name: 'Walker' });
  const labelling = new LabellingPage(page);
  await labelling.open(served.url);

  await labelling.expectItem('e1');
  await labelling.pressAndAdvance('s'); // skip e1
  await labelling.expectItem('e2');
  await labelling.expectProgress(0, 6); // a skip is not a judgment
  await labelling.pressAndAdvance('1'); // A on e2
  await labelling.expectItem('e3');

  await labelling.pressAndAdvance('['); // back to e2: judged, shown as judged
  await labelling.expectItem('e2');
  await expect(page.getByTestId('revisit-badge')).toHaveText('Judged: submitting replaces it');
  await labelling.expectPressed('A is better');
  await labelling.pressAndAdvance('p'); // back again: e1, skipped
  await labelling.expectItem('e1');
  await expect(page.getByTestId('revisit-badge')).toHaveText('Skipped before');
  await expect(page.getByTestId('action-back')).toBeDisabled();
  await labelling.pressAndAdvance(']'); // forward through history
  await labelling.expectItem('e2');
  // Changing the answer on a revisit writes a new revision and moves on.
  await labelling.pressAndAdvance('2');
  await labelling.expectItem('e3');
  await expect(page.getByTestId('action-next')).toBeDisabled();

  // Undo takes back the latest judgment (the revision on e2) and shows it to adjust.
  await labelling.pressAndAdvance('u');
  await labelling.expectItem('e2');
  await labelling.expectPressed('B is better');
  await labelling.expectProgress(0, 6);

  // Go to any item by id.
  await page.keyboard.press('o');
  await page.getByTestId('jump-id').fill('e5');
  await page.keyboard.press('Enter');
  await labelling.expectItem('e5');
  await expect(page.getByTestId('jump-dialog')).toBeHidden();

  const stored = currentJudgments(served.project);
  expect(stored.get('e1')!.kind).toBe('skip');
  expect(stored.get('e2')!.kind).toBe('retract');
  expect(stored.get('e2')!.revision).toBe(3);
});

test('a half-made judgment survives a reload', async ({ page }) => {
  served = await serveProject(SIX, { name: 'Drafter' }, 'drafts', (p) =>
    configureTask(p, (t) => ({ ...t, pairwise: { ...t.pairwise, strengthLevels: 4 } })),
  );
  const labelling = new LabellingPage(page);
  await labelling.open(served.url);
  await labelling.expectItem('e1');
  await page.keyboard.press('ArrowLeft'); // A, but how much better is still open
  await page.keyboard.press('Shift+Digit2'); // flag: pii
  await page.keyboard.press('r');
  await page.keyboard.type('A names the colour; B hedges');
  await page.keyboard.press('Escape');
  await labelling.expectDraftKept();

  await page.reload();
  await expect(labelling.screen).toBeVisible();
  await labelling.expectItem('e1');
  await labelling.expectPressed('A is better');
  await expect(page.getByTestId('flag-pii')).toBeChecked();
  await expect(labelling.rationale).toHaveValue('A names the colour; B hedges');
  await expect(page.getByTestId('form-status')).toHaveText('To do: choose how much better');
  // Finishing it submits the whole judgment, and the draft is gone.
  await labelling.pressAndAdvance('v');
  const e1 = currentJudgments(served.project).get('e1')!;
  expect(e1).toMatchObject({ strength: 4, rationale: 'A names the colour; B hedges' });
  expect(e1.time_ms).toBeGreaterThan(0);
});

test('the item browser filters, searches and opens items, rendering only what is in view', async ({
  page,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'rankwise-browse-'));
  const file = join(dir, 'many.jsonl');
  const lines = Array.from({ length: 3000 }, (_, i) =>
    JSON.stringify({
      id: `q${i + 1}`,
      prompt: i === 2021 ? 'Explain the quixotic zebra problem' : `Question number ${i + 1}`,
      responses: [
        `answer ${i + 1} one`,
        i === 77 ? 'a priority queue answer' : `answer ${i + 1} two`,
      ],
    }),
  );
  writeFileSync(file, lines.join('\n') + '\n');
  try {
    served = await serveProject(file, { name: 'Browser' }, 'many');
    const labelling = new LabellingPage(page);
    await labelling.open(served.url);
    await labelling.pressAndAdvance('1'); // judge q1
    await labelling.pressAndAdvance('s'); // skip q2

    const browser = new BrowserPage(page);
    await browser.openWithKey();
    await browser.expectCount(3000);
    // Virtualised: a few dozen rows exist, not three thousand.
    expect(await page.locator('[data-testid^="browser-row"]').count()).toBeLessThan(80);
    await browser.list.focus();
    await page.keyboard.press('End');
    await expect(page.locator('[data-item-id="q3000"]')).toBeVisible();

    await browser.filter('mine');
    await browser.expectCount(1);
    await browser.filter('skipped');
    await browser.expectCount(1);
    await expect(browser.rows().first()).toHaveAttribute('data-item-id', 'q2');
    await browser.filter('unlabelled');
    await browser.expectCount(2998);

    await browser.filter('all');
    await browser.search('quixotic zeb');
    await browser.expectCount(1);
    await browser.search('priority queue'); // found in a response
    await browser.expectCount(1);
    await expect(browser.rows().first()).toHaveAttribute('data-item-id', 'q78');
    await page.keyboard.press('Enter'); // from the search box to the list
    await page.keyboard.press('Enter'); // open the active row
    await labelling.expectItem('q78');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('view toggles: word diff, stacked layout, scrolling together, earlier turns', async ({
  page,
}) => {
  served = await serveProject(join(REPO, 'demo', 'demo-dataset.jsonl'), { name: 'Viewer' });
  const labelling = new LabellingPage(page);
  await labelling.open(served.url);
  await labelling.expectFormatted();

  await page.keyboard.press('d');
  await expect(page.getByTestId('action-toggle-diff')).toHaveAttribute('aria-pressed', 'true');
  const diffs = page.getByTestId('diff-text');
  await expect(diffs).toHaveCount(2);
  await expect(diffs.first().locator('del, ins').first()).toBeVisible();
  await page.keyboard.press('d');
  await expect(diffs).toHaveCount(0);

  await page.keyboard.press('l');
  await expect(labelling.screen).toHaveClass(/layout-stacked/);
  await page.keyboard.press('l');
  await expect(labelling.screen).toHaveClass(/layout-side/);

  // Scrolling one response scrolls the other to the same place.
  await page.keyboard.press('y');
  const a = page.getByTestId('response-A-text');
  const b = page.getByTestId('response-B-text');
  await page.setViewportSize({ width: 1280, height: 560 });
  await a.evaluate((el: { scrollTop: number; scrollHeight: number }) => {
    el.scrollTop = el.scrollHeight;
  });
  await expect
    .poll(async () => b.evaluate((el: { scrollTop: number }) => el.scrollTop))
    .toBeGreaterThan(0);

  // A conversation: earlier turns folded, the last user turn shown.
  await page.keyboard.press('o');
  await page.getByTestId('jump-id').fill('demo-10');
  await page.keyboard.press('Enter');
  await labelling.expectItem('demo-10');
  const earlier = page.getByTestId('earlier-turns');
  await expect(earlier).toHaveAttribute('data-open', 'false');
  await expect(
    page.getByTestId('prompt').getByText('Quick, please. Under ten minutes.'),
  ).toBeVisible();
  await page.keyboard.press('h');
  await expect(earlier).toHaveAttribute('data-open', 'true');
  await expect(earlier.getByTestId('turn')).not.toHaveCount(0);
});
