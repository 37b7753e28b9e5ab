import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { createBackend } from '../db/backend';
import { memoryIdentityStore } from '../db/identity-file';
import { createInProcessTransport } from '../db/in-process-transport';
import { openProject } from '../db/open';
import { startChatServer, type ChatServer } from '../db/test-support/chat-server';
import { createClient } from '../shared/api/client';
import { openView } from './pages/nav';
import { REPO, rankwise, rankwiseAsync, serveProject, type Served } from './support/rankwise';

const FIXTURE = join(REPO, 'e2e', 'fixtures', 'six-items.jsonl');
const API_KEY = 'sk-e2e-judge-key-0042';

/**
 * The judge behind the chat server: prefers the alpha answer on questions 1–3 and the beta
 * one on 5–6 whichever order they come in, and on question 4 answers without a verdict line.
 * Its reasoning carries markup, which must reach the page as text.
 */
function judgeReply(content: string): string {
  const n = Number(/Question (\d+)/.exec(content)?.[1]);
  if (n === 4) return 'Both look fine to me.';
  const alpha = n <= 3;
  const alphaFirst = content.indexOf('Alpha answer') < content.indexOf('Beta answer');
  const letter = alpha === alphaFirst ? 'A' : 'B';
  return `The <b>${alpha ? 'alpha' : 'beta'}</b> answer is better.\nVERDICT: ${letter}`;
}

/** A labeller judging every item at their own desk, preferring response `prefer(itemId)`. */
async function judgeAll(project: string, name: string, prefer: (itemId: string) => 0 | 1) {
  const backend = createBackend({
    project: openProject(project),
    host: 'in-process',
    identity: memoryIdentityStore(),
    labeller: { name },
  });
  const client = createClient(createInProcessTransport(backend));
  try {
    const { labeller } = await client.call('session.get', {});
    for (let next = await client.call('items.next', { labellerId: labeller!.id }); next;) {
      const at = next.displayedOrder.indexOf(prefer(next.id));
      await client.call('judgments.submit', {
        labellerId: labeller!.id,
        itemId: next.id,
        displayedOrder: next.displayedOrder,
        verdict: { kind: 'pairwise', choice: at === 0 ? 'A' : 'B' },
        timeMs: 3000,
      });
      next = await client.call('items.next', { labellerId: labeller!.id });
    }
  } finally {
    await backend.close();
  }
}

let served: Served;
let chat: ChatServer;
test.beforeEach(async () => {
  chat = await startChatServer((call) => ({
    // Slow enough that the run's progress is seen, quick enough for a test.
    delayMs: 150,
    then: { reply: judgeReply(call.content), usage: { prompt_tokens: 90, completion_tokens: 12 } },
  }));
  served = await serveProject(FIXTURE, { name: 'Lead' });
  // Ada: alpha everywhere; Bob: alpha on 1–3; Cy: alpha on 1, 2 and 5. Majorities: alpha on
  // 1, 2, 3, 5, beta on 4 and 6. The judge agrees on 1, 2, 3 and 6 of the five it answers.
  await judgeAll(served.project, 'Ada', () => 0);
  await judgeAll(served.project, 'Bob', (id) => (['e1', 'e2', 'e3'].includes(id) ? 0 : 1));
  await judgeAll(served.project, 'Cy', (id) => (['e1', 'e2', 'e5'].includes(id) ? 0 : 1));
});
test.afterEach(async () => {
  await served.stop();
  await chat.close();
});

test('a lead tests and runs an LLM judge from the Judges screen, and Review shows its agreement as the CLI computes it', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto(served.url);
  await expect(page.getByTestId('labeller-name')).toBeVisible();
  await openView(page, 'judges');
  await expect(page.getByTestId('judges-empty')).toBeVisible();

  await page.getByTestId('judge-endpoint').fill(chat.url);
  await page.getByTestId('judge-model').fill('fake-judge-7b');
  await page.getByTestId('judge-name').fill('e2e-judge');
  await page.getByTestId('judge-both-orders').check();
  await page.getByTestId('judge-concurrency').fill('1');
  await page.getByTestId('judge-api-key').fill(API_KEY);

  // Test on one item: the message sent, the reply as text, what it was read as.
  await page.getByTestId('judge-test').click();
  await expect(page.getByTestId('judge-test-result')).toBeVisible();
  expect(chat.calls).toHaveLength(1);
  const sent = chat.calls[0]!;
  expect(sent.authorization).toBe(`Bearer ${API_KEY}`);
  expect(sent.model).toBe('fake-judge-7b');
  await expect(page.getByTestId('judge-test-message')).toHaveText(sent.content);
  await expect(page.getByTestId('judge-test-reply')).toHaveText(judgeReply(sent.content));
  await expect(page.getByTestId('judge-test-reply').locator('b')).toHaveCount(0);
  const letter = /VERDICT: (A|B)$/.exec(judgeReply(sent.content))![1];
  await expect(page.getByTestId('judge-test-verdict')).toHaveText(`${letter} better`);

  // Run it over the project: progress, then the summary.
  await page.getByTestId('judge-run').click();
  await expect(page.getByTestId('judge-run-status')).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('progress')).toBeVisible();
  await expect(page.getByTestId('judge-time-left')).toContainText(/left/);
  await expect(page.getByTestId('judge-run-status')).toHaveAttribute('data-status', 'succeeded', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('judge-run-no-verdict')).toHaveText('2 without a verdict');
  await expect(page.getByTestId('judge-run-failed')).toHaveText('0 errors');
  // 6 items in both orders, and the one test call.
  expect(chat.calls).toHaveLength(13);
  expect(chat.calls.every((c) => c.authorization === `Bearer ${API_KEY}`)).toBe(true);
  await expect(page.locator('[data-judge="e2e-judge"] [data-testid="judge-verdicts"]')).toHaveText(
    '10',
  );
  // The key went with the calls and nowhere else.
  const stored = await page.evaluate<string>(
    'JSON.stringify({ ...localStorage, ...sessionStorage })',
  );
  expect(stored).not.toContain(API_KEY);

  // Review: the judge's figures are the CLI's.
  await openView(page, 'review');
  const figures = page.locator('[data-testid="judge-figures"][data-judge="e2e-judge"]');
  await expect(figures).toBeVisible({ timeout: 30_000 });
  const cli = rankwise(['agreement', served.project, '--json']);
  expect(cli.code, cli.stderr).toBe(0);
  const report = JSON.parse(cli.stdout) as {
    judges: Array<{
      name: string;
      vsHumanMajority: { items: number; agreement: number | null; kappa: number | null };
      positionBias: { firstShownRate: number | null };
      orderConsistency: { pairs: number; rate: number | null } | null;
    }>;
  };
  const j = report.judges.find((x) => x.name === 'e2e-judge')!;
  // What the scenario makes: five items with a majority and a verdict, four agreeing.
  expect(j.vsHumanMajority.items).toBe(5);
  expect(j.vsHumanMajority.agreement).toBeCloseTo(0.8, 12);
  expect(j.vsHumanMajority.kappa).not.toBeNull();
  await expect(figures.getByTestId('judge-majority-items')).toHaveText(
    String(j.vsHumanMajority.items),
  );
  await expect(figures.getByTestId('judge-majority-agreement')).toHaveText(
    `${(100 * j.vsHumanMajority.agreement!).toFixed(1)}%`,
  );
  await expect(figures.getByTestId('judge-majority-kappa')).toHaveText(
    j.vsHumanMajority.kappa!.toFixed(3).replace(/^-/, '−'),
  );
  // It never flips: every pair it answered in both orders got the same verdict.
  expect(j.orderConsistency?.rate).toBe(1);
  await expect(figures.getByTestId('judge-order-consistency')).toContainText('100.0%');
  await expect(figures).not.toContainText(/undefined|NaN|null/);

  // Sliced by a metadata field these items do not have: one slice, "without it", all five.
  await expect(figures.getByTestId('judge-slices')).toHaveCount(0);
  await page.getByTestId('judge-slice-field').fill('category');
  await page.getByTestId('judge-slice-apply').click();
  const slices = figures.getByTestId('judge-slices');
  await expect(slices).toBeVisible({ timeout: 30_000 });
  await expect(slices.locator('tbody tr')).toHaveCount(1);
  await expect(slices.locator('tbody tr').first()).toContainText('without it');
  await expect(slices.locator('tbody tr td').nth(1)).toHaveText('5');
  await expect(figures).toContainText('By category');
});

test('with suggestions set to before, the labelling screen shows the judge’s verdict as text', async ({
  page,
}) => {
  test.setTimeout(60_000);
  const run = await rankwiseAsync(
    [
      'judge',
      served.project,
      '--endpoint',
      chat.url,
      '--model',
      'fake-judge-7b',
      '--name',
      'e2e-judge',
      '--json',
    ],
    {},
  );
  expect(run.code, run.stderr).toBe(0);

  await page.goto(served.url);
  await expect(page.getByTestId('labeller-name')).toBeVisible();
  // Off by default: nothing on the item.
  await expect(page.getByTestId('labelling')).toBeVisible();
  await expect(page.getByTestId('judge-suggestion')).toHaveCount(0);

  await openView(page, 'judges');
  await expect(page.getByTestId('suggestions-judge')).toHaveValue('e2e-judge');
  await page.getByTestId('suggestions-before').click();
  await expect(page.getByTestId('suggestions-before')).toHaveAttribute('aria-pressed', 'true');

  await openView(page, 'label');
  const item = await page.getByTestId('labelling').getAttribute('data-item-id');
  expect(item).not.toBe('e4'); // the one the judge has no verdict on
  const n = Number(item!.slice(1));
  const preferred = n <= 3 ? 'Alpha answer' : 'Beta answer';
  const shownAsA = (await page.getByTestId('response-A-text').innerText()).includes(preferred);
  await expect(page.getByTestId('judge-suggestion-verdict')).toHaveText(
    `${shownAsA ? 'A' : 'B'} better`,
  );
  await expect(page.getByTestId('judge-suggestion')).toContainText('e2e-judge');
  // The reasoning is the model's text, markup and all, never HTML.
  await page.getByTestId('judge-suggestion').getByText('Its reasoning').click();
  await expect(page.getByTestId('judge-suggestion-rationale')).toContainText(
    `The <b>${n <= 3 ? 'alpha' : 'beta'}</b> answer is better.`,
  );
  await expect(page.getByTestId('judge-suggestion').locator('b')).toHaveCount(0);
});
