import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createBackend } from '../db/backend';
import { memoryIdentityStore } from '../db/identity-file';
import { createInProcessTransport } from '../db/in-process-transport';
import { openProject } from '../db/open';
import { createClient } from '../shared/api/client';
import { BackupsPage } from './pages/backups-page';
import { ExportDialog } from './pages/export-dialog';
import { BrowserPage, LabellingPage } from './pages/labelling-page';
import { openView } from './pages/nav';
import { ReviewPage, TeamPage } from './pages/review-page';
import { ScreenCheck } from './pages/screen-check';
import { REPO, serveEmptyProject, serveProject, type Served } from './support/rankwise';

/**
 * What a first-time user met on the screens around labelling: the export dialog, review with
 * one labeller and with two, the adjudication loop, screens with nothing on them yet, and
 * counts that must say what they count. Measured in the page (boxes, text), at the two window
 * sizes people use most, in both themes.
 */

const SIX = join(REPO, 'e2e', 'fixtures', 'six-items.jsonl');
const SMALL = { width: 1024, height: 700 };
const LARGE = { width: 1440, height: 900 };

/** What a labeller did on one item: the order they saw and the letter they picked. */
interface Judged {
  order: number[];
  choice: 'A' | 'B';
}

/**
 * A labeller judging every item of the served project at their own desk (the project file,
 * opened beside the server as another app would): `pick` gives the letter per item, from the
 * order they were shown (shuffled per labeller and item).
 */
async function judgeAs(
  served: Served,
  name: string,
  pick: (itemId: string, order: number[]) => 'A' | 'B',
): Promise<Map<string, Judged>> {
  const backend = createBackend({
    project: openProject(served.project),
    host: 'in-process',
    identity: memoryIdentityStore(),
    labeller: { name },
  });
  const client = createClient(createInProcessTransport(backend));
  const { labeller } = await client.call('session.get', {});
  const judged = new Map<string, Judged>();
  try {
    for (let next = await client.call('items.next', { labellerId: labeller!.id }); next;) {
      const choice = pick(next.id, next.displayedOrder);
      await client.call('judgments.submit', {
        labellerId: labeller!.id,
        itemId: next.id,
        displayedOrder: next.displayedOrder,
        verdict: { kind: 'pairwise', choice },
        timeMs: 3000,
      });
      judged.set(next.id, { order: next.displayedOrder, choice });
      next = await client.call('items.next', { labellerId: labeller!.id });
    }
  } finally {
    await backend.close();
  }
  return judged;
}

/** The letter under which a labeller saw response `idx` (source order). */
const letterFor = (order: number[], idx: number): 'A' | 'B' =>
  order.indexOf(idx) === 0 ? 'A' : 'B';

let served: Served;
test.afterEach(async () => served?.stop());

test('Export keeps its action in view, reads cleanly, and the file downloads by itself', async ({
  page,
}) => {
  served = await serveProject(SIX, { name: 'Ada' });
  const labelling = new LabellingPage(page);
  await labelling.open(served.url);
  for (const key of ['1', '2', 't', 'b']) await labelling.pressAndAdvance(key);
  const check = new ScreenCheck(page);
  const dialog = new ExportDialog(page);

  for (const size of [SMALL, LARGE]) {
    await page.setViewportSize(size);
    await dialog.openWithKey();
    await dialog.select('export-format', 'trl');
    await dialog.expectPreview(/^2 rows from 4 judgments/);
    await check.expectInView(dialog.start);
    // The options column is as tall as its options, not stretched to the preview's height:
    // the format's description sits right under the format.
    const format = (await page.getByTestId('export-format').boundingBox())!;
    const hint = (await page.getByText('prompt, chosen, rejected as text').boundingBox())!;
    expect(hint.y - (format.y + format.height)).toBeLessThan(24);

    // Raw judgments, the longest preview, with the filters open: the action stays in view.
    await dialog.select('export-format', 'raw');
    await dialog.expectPreview(/^4 rows/);
    await page.getByText('Filters and split').click();
    await check.expectInView(dialog.start);

    // A flag's checkbox sits before its label, on the same line.
    const label = page.locator('label.export-check', { has: page.getByTestId('export-flag-any') });
    const box = (await page.getByTestId('export-flag-any').boundingBox())!;
    const line = (await label.boundingBox())!;
    expect(box.x - line.x).toBeLessThan(4);
    expect(line.width).toBeGreaterThan(box.width + 20);
    expect(line.height).toBeLessThan(2 * box.height + 8);

    // In a raw row, each column name ends before its value starts (none_acceptable too).
    const sample = page.getByTestId('export-preview-rows').locator('dl').first();
    const names = sample.locator('dt');
    expect(await names.count()).toBeGreaterThan(10);
    for (const dt of await names.all()) {
      const key = (await dt.boundingBox())!;
      const value = (await dt.locator('xpath=following-sibling::dd[1]').boundingBox())!;
      expect(key.x + key.width, await dt.innerText()).toBeLessThanOrEqual(value.x);
    }
    await check.expectNoRawText();
    await page.keyboard.press('Escape');
  }

  // Exporting starts the download without anything else to press.
  await page.setViewportSize(SMALL);
  await dialog.openWithKey();
  await dialog.select('export-format', 'trl');
  await dialog.expectPreview(/^2 rows/);
  const download = page.waitForEvent('download');
  await dialog.start.click();
  const file = readFileSync(await (await download).path(), 'utf8')
    .trimEnd()
    .split('\n');
  expect(file).toHaveLength(2);
  await expect(page.getByTestId('export-downloading')).toContainText('downloading');
  await check.expectInView(page.getByTestId('export-close'));
});

test('Review with one labeller shows a dash and the reason, never "undefined"', async ({
  page,
}) => {
  served = await serveProject(SIX, { name: 'Ada' });
  const labelling = new LabellingPage(page);
  await page.setViewportSize(SMALL);
  await labelling.open(served.url);
  for (const key of ['1', '2', 'b']) await labelling.pressAndAdvance(key);
  const review = new ReviewPage(page);
  const check = new ScreenCheck(page);
  await review.open();
  await review.expectFresh();
  for (const theme of ['light', 'dark']) {
    if (theme === 'dark') await check.chooseDarkTheme();
    const values = page.getByTestId('figures-pairwise').locator('tbody tr td:nth-child(2)');
    expect(await values.count()).toBeGreaterThan(3);
    for (const v of await values.all()) await expect(v).toHaveText('—');
    await expect(page.getByTestId('figures-pairwise').locator('thead')).toContainText('Based on');
    await expect(page.getByTestId('figures-missing')).toContainText(
      'needs two labellers on the same items',
    );
    const ada = page.getByTestId('labeller-stats').locator('[data-labeller="Ada"]');
    await expect(ada.getByTestId('kappa-vs-others')).toHaveText('—');
    await expect(page.getByTestId('labeller-stats-note')).toContainText(
      'needs two labellers on the same items',
    );
    await check.expectNoRawText();
    await check.expectNoSidewaysOverflow(page.getByTestId('review-screen'));
    // The queue explains why it is empty.
    await review.openQueue();
    await expect(page.getByTestId('disagreements-empty')).toContainText(
      'No item is judged by two labellers yet',
    );
    await check.expectNoRawText();
    await page.getByTestId('review-pane-agreement').click();
  }
});

/** The open item's verdicts read as each labeller saw them: their letter, and its response. */
async function expectVerdictsAsSeen(
  review: ReviewPage,
  itemId: string,
  who: Array<[string, Map<string, Judged>]>,
): Promise<void> {
  for (const [name, judged] of who) {
    const { order, choice } = judged.get(itemId)!;
    const response = order[choice === 'A' ? 0 : 1]! + 1;
    const v = review.verdict(name);
    await expect(v.said).toHaveText(`${choice} better — Response ${response} better`);
    await expect(v.saw).toHaveText(
      `saw ${order.map((idx, i) => `Response ${idx + 1} as ${'AB'[i]}`).join(', ')}`,
    );
  }
}

async function openReviewQueue(page: Page): Promise<ReviewPage> {
  const review = new ReviewPage(page);
  await review.open();
  await review.expectFresh();
  await review.openQueue();
  return review;
}

test('adjudication is a loop: the queue beside the item, a key to decide, Enter to move on', async ({
  page,
}) => {
  served = await serveProject(SIX, { name: 'Lead' });
  // Ada prefers response 1 everywhere, Bo response 2 on e4–e6: three disagreements, each
  // labeller answering in the letters of their own shuffled order.
  const ada = await judgeAs(served, 'Ada', (_, order) => letterFor(order, 0));
  const bo = await judgeAs(served, 'Bo', (id, order) =>
    letterFor(order, ['e4', 'e5', 'e6'].includes(id) ? 1 : 0),
  );
  await page.setViewportSize(SMALL);
  await page.goto(served.url);
  const review = await openReviewQueue(page);
  const check = new ScreenCheck(page);
  await expect(review.queueRows).toHaveCount(3);

  const first = (await review.queueRows.nth(0).getAttribute('data-item-id'))!;
  await review.queueRows.nth(0).click();
  await expect(review.item).toHaveAttribute('data-item-id', first);
  await expectVerdictsAsSeen(review, first, [
    ['Ada', ada],
    ['Bo', bo],
  ]);
  // The queue stays beside the item, and the decision is in view without scrolling.
  await check.expectBeside(page.getByTestId('disagreement-queue'), review.item);
  await check.expectInView(review.save);
  await check.expectInView(page.getByTestId('decide-lo'));
  await check.expectNoRawText();
  await check.expectNoSidewaysOverflow(page.getByTestId('queue-pane'));

  // 1 picks Response 1; Enter saves and opens the next disagreement.
  await page.keyboard.press('1');
  await expect(page.getByTestId('decide-lo')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Enter');
  await expect(review.queueRow(first).getByTestId('queue-decision')).toHaveText(
    'Response 1 better',
  );
  const second = (await review.queueRows.nth(1).getAttribute('data-item-id'))!;
  await expect(review.item).toHaveAttribute('data-item-id', second);
  await expect(review.queueRow(second)).toHaveAttribute('aria-current', 'true');
  await expectVerdictsAsSeen(review, second, [
    ['Ada', ada],
    ['Bo', bo],
  ]);
  await check.expectInView(review.queueRow(second));
  await check.expectInView(review.save);

  // k goes back to the decided item, j forward again.
  await page.keyboard.press('k');
  await expect(review.item).toHaveAttribute('data-item-id', first);
  await expect(page.getByTestId('current-decision')).toContainText('Response 1 better');
  await page.keyboard.press('j');
  await expect(review.item).toHaveAttribute('data-item-id', second);

  // The same in the dark theme and at the larger size.
  await check.chooseDarkTheme();
  await page.setViewportSize(LARGE);
  await check.expectInView(review.save);
  await check.expectBeside(page.getByTestId('disagreement-queue'), review.item);
  await check.expectNoRawText();
});

test('screens with nothing on them yet say what to do next, in plain words', async ({ page }) => {
  // A project with items nobody has judged, opened before anyone said who they are.
  served = await serveProject(SIX, null);
  await page.setViewportSize(SMALL);
  await page.goto(served.url);
  await expect(page.getByTestId('identify-name')).toBeVisible();
  const dialog = new ExportDialog(page);
  await page.getByTestId('action-export').click();
  await expect(dialog.dialog).toBeVisible();
  await expect(page.getByTestId('export-empty')).toContainText('Nothing to export yet');
  await expect(page.getByTestId('export-empty')).toContainText('Label some items');
  await expect(dialog.dialog.getByRole('alert')).toHaveCount(0);
  await expect(dialog.dialog.locator('.error, .warning')).toHaveCount(0);
  await expect(dialog.start).toBeDisabled();
  await page.keyboard.press('Escape');

  await page.getByTestId('identify-name').fill('Lead');
  await page.getByTestId('identify-submit').click();
  await expect(new LabellingPage(page).screen).toBeVisible();
  const check = new ScreenCheck(page);
  const review = new ReviewPage(page);
  await review.open();
  await expect(page.getByTestId('review-empty')).toContainText('Nothing to review yet');
  await expect(page.getByTestId('review-empty')).toContainText('Label tab');
  await check.expectNoRawText();
  await openView(page, 'leaderboard');
  await expect(page.getByTestId('leaderboard-empty')).toContainText('Nothing judged yet');
  await expect(page.getByTestId('leaderboard-empty')).toContainText('name 2 models');
  await check.expectNoRawText();
  await new TeamPage(page).open();
  await expect(page.getByTestId('team-only-you')).toContainText('add labellers below');
  await check.expectNoRawText();

  // A project with no items at all.
  await served.stop();
  served = await serveEmptyProject({ name: 'Lead' });
  await page.goto(served.url);
  await openView(page, 'items');
  await expect(page.getByTestId('browser-empty')).toContainText('no items yet');
  await expect(page.getByTestId('browser-empty').getByRole('button')).toHaveText('Go to Import');
  await dialog.openWithKey();
  await expect(page.getByTestId('export-empty')).toContainText('no items yet');
  await expect(dialog.start).toBeDisabled();
  await page.keyboard.press('Escape');
  const backups = new BackupsPage(page);
  await backups.open();
  await expect(page.getByTestId('backups-empty')).toContainText('Back up now');
  await check.expectNoRawText();
});

test('tags and counts say what they mean, and the backup schedule says what it deletes', async ({
  page,
}) => {
  served = await serveProject(SIX, { name: 'Lead' });
  await judgeAs(served, 'Ada', () => 'A');
  const labelling = new LabellingPage(page);
  await page.setViewportSize(SMALL);
  await labelling.open(served.url);
  await labelling.pressAndAdvance('1'); // judged
  await labelling.pressAndAdvance('s'); // skipped
  await labelling.pressAndAdvance('2'); // judged…
  await labelling.pressAndAdvance('u'); // …and undone: a revision, but no current verdict
  const check = new ScreenCheck(page);

  const browser = new BrowserPage(page);
  await browser.openWithKey();
  await expect(page.getByTestId('browser-status')).toHaveCount(6);
  const tags = await page.getByTestId('browser-status').allInnerTexts();
  expect(tags.filter((t) => t === 'judged by you')).toHaveLength(1);
  expect(tags.filter((t) => t === 'skipped by you')).toHaveLength(1);
  expect(tags.filter((t) => t === 'not judged by you yet')).toHaveLength(4);
  await browser.filter('flagged');
  await expect(page.getByTestId('browser-empty')).toContainText('None of your judgments');
  await page.getByTestId('browser-empty').getByRole('button', { name: 'Show all items' }).click();
  await browser.expectCount(6);

  // Team counts items judged (current verdicts) and judgment revisions (every save).
  await new TeamPage(page).open();
  const members = page.getByTestId('team-members');
  await expect(members.locator('thead')).toContainText('Items judged');
  await expect(members.locator('thead')).toContainText('Judgment revisions');
  const lead = members.locator('[data-labeller="Lead"] td.num');
  await expect(lead.nth(0)).toHaveText('1');
  await expect(lead.nth(1)).toHaveText('4');
  const adaRow = members.locator('[data-labeller="Ada"] td.num');
  await expect(adaRow.nth(0)).toHaveText('6');
  await expect(adaRow.nth(1)).toHaveText('6');

  // A backup counts the same revisions, for everyone: 6 + 4.
  const backups = new BackupsPage(page);
  await backups.open();
  await backups.backUpNow();
  await expect(page.getByTestId('backups-table').locator('thead')).toContainText(
    'Judgment revisions',
  );
  await expect(backups.row('manual').getByTestId('backup-judgments')).toHaveText('10');
  const schedule = page.getByTestId('schedule-explained');
  await expect(schedule).toContainText('the newest 10 are kept and older ones are deleted');
  await expect(schedule).toContainText('“Back up now”, before an upgrade or before a restore');
  await expect(schedule).toContainText('never deleted');
  await expect(schedule).not.toContainText('never removed');
  await check.expectNoRawText();
  await check.expectNoSidewaysOverflow(backups.screen);
});

test('every screen reads cleanly at 1024×700 in both themes', async ({ page }) => {
  served = await serveProject(SIX, { name: 'Lead' });
  await judgeAs(served, 'Ada', (_, order) => letterFor(order, 0));
  await judgeAs(served, 'Bo', (id, order) => letterFor(order, id === 'e1' || id === 'e2' ? 1 : 0));
  await page.setViewportSize(SMALL);
  await page.goto(served.url);
  const check = new ScreenCheck(page);
  for (const theme of ['light', 'dark']) {
    if (theme === 'dark') await check.chooseDarkTheme();
    await openReviewQueue(page);
    await page.getByTestId('review-pane-agreement').click();
    await check.expectNoRawText();
    await check.expectNoSidewaysOverflow(page.getByTestId('review-screen'));
    // Heatmap cells keep their text readable on their colour in either theme.
    const cell = page.getByTestId('kappa-heatmap').locator('td.cell').nth(1);
    const [fg, bg] = await cell.evaluate((el) => {
      // (e2e compiles without DOM types: the one browser function used, declared here.)
      const page = globalThis as unknown as {
        getComputedStyle(e: unknown): { color: string; backgroundColor: string };
      };
      const s = page.getComputedStyle(el);
      const lum = (c: string) => {
        const [r, g, b] = (c.match(/\d+(\.\d+)?/g) ?? ['0', '0', '0']).map(Number);
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      return [lum(s.color), lum(s.backgroundColor)];
    });
    expect(Math.abs(fg - bg), `${theme}: text stands out from its cell`).toBeGreaterThan(90);
    await openView(page, 'leaderboard');
    await expect(page.getByTestId('leaderboard-table')).toBeVisible();
    await check.expectNoRawText();
    await check.expectNoSidewaysOverflow(page.getByTestId('leaderboard-screen'));
    // The chart's legend is a key to its series, with no "Value: --" placeholders.
    await expect(page.getByTestId('leaderboard-chart').locator('.u-legend')).toContainText(
      'Bradley–Terry rating',
    );
    await new TeamPage(page).open();
    await check.expectNoRawText();
    await check.expectNoSidewaysOverflow(page.getByTestId('team-screen'));
  }
});
