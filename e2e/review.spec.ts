import { expect, test } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from '../shared/api/client';
import { createBackend } from '../db/backend';
import { memoryIdentityStore } from '../db/identity-file';
import { createInProcessTransport } from '../db/in-process-transport';
import { openProject } from '../db/open';
import { currentDecision, latestReview } from '../db/reviews';
import { ExportDialog } from './pages/export-dialog';
import { openView } from './pages/nav';
import { ReviewPage, TeamPage } from './pages/review-page';
import { REPO, rankwise, serveProject, type Served } from './support/rankwise';

const FIXTURE = join(REPO, 'e2e', 'fixtures', 'six-items.jsonl');

/**
 * What a labeller does at home: opens the package the lead sent (as the app would, through
 * the backend), judges every item, and exports an annotation file with the real CLI.
 * `prefer` gives the response (source index) they prefer per item.
 */
async function labellerSendsBack(
  served: Served,
  name: string,
  prefer: (itemId: string) => 0 | 1,
  rationale: (itemId: string) => string,
): Promise<string> {
  const pkg = join(served.dir, `${name}.rankwise`);
  const made = rankwise(['package', served.project, '--labeller', name, '--out', pkg]);
  expect(made.code, made.stderr).toBe(0);
  const backend = createBackend({
    project: openProject(pkg),
    host: 'in-process',
    identity: memoryIdentityStore(),
  });
  const client = createClient(createInProcessTransport(backend));
  const { labeller } = await client.call('session.get', {});
  for (let next = await client.call('items.next', { labellerId: labeller!.id }); next;) {
    const position = next.displayedOrder.indexOf(prefer(next.id));
    await client.call('judgments.submit', {
      labellerId: labeller!.id,
      itemId: next.id,
      displayedOrder: next.displayedOrder,
      verdict: { kind: 'pairwise', choice: position === 0 ? 'A' : 'B' },
      rationale: rationale(next.id),
      timeMs: 4000,
    });
    next = await client.call('items.next', { labellerId: labeller!.id });
  }
  await backend.close();
  const file = join(served.dir, `${name}.jsonl`);
  const exported = rankwise(['annotations', pkg, '--out', file]);
  expect(exported.code, exported.stderr).toBe(0);
  return file;
}

let served: Served;
test.beforeEach(async () => {
  served = await serveProject(FIXTURE, { name: 'Lead' });
});
test.afterEach(async () => served.stop());

test('merge two labellers’ files, open the disagreement queue, adjudicate an item', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Ada prefers alpha (response 1) everywhere; Bo prefers beta on e2 and e5.
  const ada = await labellerSendsBack(
    served,
    'Ada',
    () => 0,
    (id) => `Ada: alpha is right on ${id}`,
  );
  const bo = await labellerSendsBack(
    served,
    'Bo',
    (id) => (id === 'e2' || id === 'e5' ? 1 : 0),
    (id) => `Bo: reasons for ${id}`,
  );

  await page.goto(served.url);
  const team = new TeamPage(page);
  await team.open();
  const outcome = await team.merge([ada, bo]);
  await expect(outcome).toHaveCount(2);
  await expect(outcome.nth(0)).toHaveAttribute('data-status', 'merged');
  await expect(outcome.nth(0)).toContainText('Ada.jsonl: merged 6 new judgment revisions');
  await expect(outcome.nth(1)).toContainText('from Bo');
  // Merging the same files again adds nothing.
  const again = await team.merge([ada, bo]);
  await expect(again.nth(0)).toContainText('merged 0 new judgment revisions (6 already here)');

  const review = new ReviewPage(page);
  await review.open();
  await review.expectFresh();
  // Four of six items agree: percent agreement 4/6.
  await expect(review.figure('pairwise', 'percent')).toHaveText(`${((4 / 6) * 100).toFixed(1)}%`);
  await expect(page.getByTestId('kappa-heatmap')).toContainText('Ada');
  await expect(page.getByTestId('agreement-over-time').locator('canvas')).toHaveCount(1);
  await review.openQueue();
  await expect(review.queueRows).toHaveCount(2);
  await expect(review.queueRows.nth(0)).toHaveAttribute('data-item-id', /e2|e5/);

  await review.openItem('e5');
  // Each verdict in the letters its labeller saw, and the response that letter was.
  for (const [name, response] of [
    ['Ada', 1],
    ['Bo', 2],
  ] as const) {
    const v = review.verdict(name);
    const saw = await v.saw.innerText();
    const letter = new RegExp(`Response ${response} as ([AB])`).exec(saw)![1];
    await expect(v.said).toHaveText(`${letter} better — Response ${response} better`);
  }
  await expect(review.verdict('Ada').rationale).toHaveText('Ada: alpha is right on e5');
  await expect(review.verdict('Bo').rationale).toHaveText('Bo: reasons for e5');

  await review.adjudicate('hi', 'Beta names the colour asked for');
  await expect(review.queueRow('e5').getByTestId('queue-decision')).toHaveText('Response 2 better');
  // Saving moved on to the other open disagreement; back on e5, the decision and its note.
  await expect(review.item).toHaveAttribute('data-item-id', 'e2');
  await review.openItem('e5');
  await expect(page.getByTestId('current-decision')).toContainText(
    'Beta names the colour asked for',
  );

  // The decision is in the project file, with its note…
  const project = openProject(served.project, { readonly: true });
  try {
    expect(currentDecision(project.db, 'e5')).toEqual({
      kind: 'pairwise',
      outcome: 'preferred',
      chosenIdx: 1,
      rejectedIdx: 0,
      strength: null,
    });
    expect(latestReview(project.db, 'e5')?.note).toBe('Beta names the colour asked for');
  } finally {
    project.close();
  }
  // …and an export with the adjudicated policy follows it: e5 (1–1, no majority) takes the
  // reviewer's side, e2 (1–1, not adjudicated) has no decision and is left out, and the
  // four items both labellers agree on keep their majority.
  await page.getByTestId('action-export').click();
  const dialog = new ExportDialog(page);
  await expect(dialog.dialog).toBeVisible();
  await dialog.select('export-format', 'trl');
  await dialog.select('export-policy', 'adjudicated');
  await dialog.expectPreview(/5/);
  await dialog.run();
  const rows = (await dialog.download())
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as { prompt: string; chosen: string; rejected: string });
  const question = (n: number) => `Question ${n}: name a colour.`;
  expect(rows).toEqual(
    [1, 3, 4, 5, 6].map((n) =>
      n === 5
        ? { prompt: question(5), chosen: 'Beta answer 5: red.', rejected: 'Alpha answer 5: blue.' }
        : {
            prompt: question(n),
            chosen: `Alpha answer ${n}: blue.`,
            rejected: `Beta answer ${n}: red.`,
          },
    ),
  );
  await page.getByTestId('export-close').click();
  const cli = rankwise(['agreement', served.project, '--json']);
  expect(cli.code, cli.stderr).toBe(0);
  expect((JSON.parse(cli.stdout) as { counts: { adjudicated: number } }).counts.adjudicated).toBe(
    1,
  );

  // Screenshots of the whole review screen in both themes, for people to look at (the
  // screen scrolls inside the window, so the window is made tall enough to hold it).
  await page.setViewportSize({ width: 1280, height: 2300 });
  await page
    .getByTestId('review-screen')
    .evaluate((el: { scrollTo(x: number, y: number): void }) => el.scrollTo(0, 0));
  await page.screenshot({ path: 'test-results/review-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.getByTestId('review-screen')).toBeVisible();
  await page.screenshot({ path: 'test-results/review-dark.png' });

  await openView(page, 'leaderboard');
  await expect(page.getByTestId('leaderboard-table').locator('[data-model="alpha"]')).toBeVisible();
  await page.screenshot({ path: 'test-results/leaderboard-dark.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('the Team screen says what a merge did: every bad line of a refused file, a file without its end line', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const ada = await labellerSendsBack(
    served,
    'Ada',
    () => 0,
    (id) => `Ada on ${id}`,
  );
  const lines = readFileSync(ada, 'utf8').trim().split('\n');
  expect(lines).toHaveLength(8);
  // Damaged: two revisions turned to junk, and the file cut before its end line.
  const damaged = join(served.dir, 'damaged.jsonl');
  writeFileSync(
    damaged,
    [lines[0], lines[1], '{"id": ', lines[3], 'nonsense', lines[5]].join('\n') + '\n',
  );
  // As an earlier Rankwise wrote it: no end line and no promise of one in the header.
  const { endLine: _promise, ...header } = JSON.parse(lines[0]!) as Record<string, unknown>;
  const old = join(served.dir, 'old.jsonl');
  writeFileSync(old, [JSON.stringify(header), ...lines.slice(1, -1)].join('\n') + '\n');

  await page.goto(served.url);
  const team = new TeamPage(page);
  await team.open();
  const outcome = await team.merge([damaged, old]);
  await expect(outcome).toHaveCount(2);
  await expect(outcome.nth(0)).toHaveAttribute('data-status', 'refused');
  await expect(outcome.nth(0)).toContainText(
    'damaged.jsonl: refused (3 problems); nothing from it was merged.',
  );
  const problems = outcome.nth(0).getByTestId('merge-problems').locator('li');
  await expect(problems).toHaveText([
    'damaged.jsonl: no end line: the file was cut short (its header says it ends with an end line); 3 revisions read',
    /^damaged\.jsonl:3: invalid JSON/,
    /^damaged\.jsonl:5: invalid JSON/,
  ]);
  await expect(outcome.nth(1)).toHaveAttribute('data-status', 'merged');
  await expect(outcome.nth(1)).toContainText(
    'old.jsonl: merged 6 new judgment revisions (0 already here) from Ada',
  );
  await expect(outcome.nth(1).getByTestId('merge-warning')).toHaveText(
    'Warning: no end line: written by an earlier Rankwise, or cut short; 6 revisions read',
  );
  expect(errors).toEqual([]);
});
