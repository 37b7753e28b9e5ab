import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { LabellingPage, SettingsPage } from './pages/labelling-page';
import { currentJudgments, responseTexts } from './support/project-db';
import { REPO, serveProject, type Served } from './support/rankwise';

const FIXTURE = join(REPO, 'e2e', 'fixtures', 'six-items.jsonl');

let served: Served;
test.beforeEach(async () => {
  served = await serveProject(FIXTURE, { name: 'Lead' });
});
test.afterEach(async () => served.stop());

/**
 * A lead sets up a Llama-2-style task in the settings screen (a 4-level strength scale, two
 * criteria, a rationale required for ties) and guidelines; the labeller judges by keyboard.
 * What the screen showed is checked against what the project file holds.
 */
test('pairwise with strength, criteria, flags and a rationale, under versioned guidelines', async ({
  page,
}) => {
  const labelling = new LabellingPage(page);
  await labelling.open(served.url);

  const settings = new SettingsPage(page);
  await settings.open();
  await page.getByTestId('settings-strength').selectOption('4');
  await page.getByTestId('settings-criteria').fill('helpful\nharmless');
  await page.getByTestId('settings-rationale').selectOption('required-for-ties');
  expect(await settings.saveTask()).toBe('Saved as version 2');
  await settings.writeGuidelines('# How to judge\n\nPrefer the **correct** colour.');
  await page.keyboard.press('Escape'); // back to labelling
  await expect(labelling.screen).toBeVisible();

  // e1: flag it unsafe, B is better ("better", level 3), helpful: A, harmless: tie.
  await labelling.expectItem('e1');
  const a1 = await labelling.responseText('A');
  const b1 = await labelling.responseText('B');
  // Shift with the 1 key, as a US keyboard sends it ('!' on Digit1).
  await page.keyboard.press('Shift+Digit1');
  await expect(page.getByTestId('flag-unsafe')).toBeChecked();
  await page.keyboard.press('ArrowRight');
  await labelling.expectPressed('B is better');
  await expect(page.getByTestId('form-status')).toHaveText('To do: choose how much better');
  await page.keyboard.press('c');
  await expect(page.getByTestId('criterion-helpful')).toHaveClass(/cell-cursor/);
  await page.keyboard.press('ArrowLeft'); // helpful: A
  await expect(page.getByTestId('criterion-harmless')).toHaveClass(/cell-cursor/);
  await labelling.pressAndAdvance('t'); // harmless: tie, and the judgment is complete
  await labelling.expectItem('e2');

  // e2: a tie everywhere needs a rationale: the box takes focus and says so; Esc leaves it.
  for (let i = 0; i < 3; i++) await page.keyboard.press('t');
  await expect(labelling.rationale).toBeFocused();
  await expect(page.getByText('Rationale (required for ties and both bad)')).toBeVisible();
  await page.keyboard.type('Both name a colour and neither is wrong.');
  await page.keyboard.press('Escape');
  await expect(labelling.rationale).not.toBeFocused();
  await page.keyboard.press('r');
  await expect(labelling.rationale).toBeFocused();
  await page.keyboard.press('Control+Enter');
  await labelling.expectItem('e3');
  await labelling.expectProgress(2, 6);

  const stored = currentJudgments(served.project);
  const texts1 = responseTexts(served.project, 'e1');
  const e1 = stored.get('e1')!;
  expect(e1.verdict).toEqual({
    kind: 'pairwise',
    outcome: 'preferred',
    chosenIdx: texts1.indexOf(b1),
    rejectedIdx: texts1.indexOf(a1),
    strength: 3,
    criteria: { helpful: texts1.indexOf(a1), harmless: 'tie' },
  });
  expect(JSON.parse(e1.flags_json!)).toEqual(['unsafe']);
  const e2 = stored.get('e2')!;
  expect(e2.verdict).toMatchObject({ kind: 'pairwise', outcome: 'tie', strength: null });
  expect(e2.rationale).toBe('Both name a colour and neither is wrong.');
  // Both were made under the settings and guidelines the lead had just saved.
  for (const j of [e1, e2]) expect(j).toMatchObject({ task_version: 2, guideline_version: 2 });
  expect(JSON.parse(e1.displayed_order_json)).toHaveLength(2);
});

test('guidelines show beside the work on first open, with their version', async ({ page }) => {
  const labelling = new LabellingPage(page);
  await labelling.open(served.url);
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.writeGuidelines('Prefer answers that **name a colour**.');
  // Another labeller on this project, arriving for the first time, sees them at once.
  await page.evaluate('localStorage.clear()');
  await page.reload();
  await expect(labelling.screen).toBeVisible();
  const panel = page.getByTestId('guidelines');
  await expect(panel).toContainText('name a colour');
  await expect(page.getByTestId('guidelines-version')).toHaveText('v2');
  await page.keyboard.press('g');
  await expect(panel).toBeHidden();
  // Seen: a reload keeps them closed.
  await page.reload();
  await expect(labelling.screen).toBeVisible();
  await expect(panel).toBeHidden();
});
