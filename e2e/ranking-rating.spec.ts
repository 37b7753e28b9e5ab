import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { LabellingPage } from './pages/labelling-page';
import { configureTask, currentJudgments, responseTexts } from './support/project-db';
import { REPO, serveProject, type Served } from './support/rankwise';

const FOUR = join(REPO, 'e2e', 'fixtures', 'four-responses.jsonl');

let served: Served | undefined;
test.afterEach(async () => served?.stop());

/** Response index (source order) of each letter on screen, read by content. */
async function indexByLetter(labelling: LabellingPage, project: string, itemId: string) {
  const texts = responseTexts(project, itemId);
  const out: Record<string, number> = {};
  for (const l of await labelling.letters())
    out[l] = texts.indexOf(await labelling.responseText(l));
  return out;
}

test('ranks four responses by keyboard, with a tie, and by drag', async ({ page }) => {
  served = await serveProject(FOUR, { name: 'Ranker' }, 'rank', (p) =>
    configureTask(p, (t) => ({ ...t, mode: 'ranking' })),
  );
  const labelling = new LabellingPage(page);
  await labelling.open(served.url);
  await expect(labelling.screen).toHaveAttribute('data-mode', 'ranking');

  // r1 by keys: C first, then A tied with D, then B. The last number submits.
  await labelling.expectItem('r1');
  expect(await labelling.letters()).toEqual(['A', 'B', 'C', 'D']);
  const idx1 = await indexByLetter(labelling, served.project, 'r1');
  await page.keyboard.press('3');
  await page.keyboard.press('1');
  await page.keyboard.press('t');
  await page.keyboard.press('4');
  expect(await labelling.ranking()).toEqual(['C', 'A', 'D']);
  await expect(page.getByTestId('rank-row-D')).toHaveAttribute('data-place', '2');
  await labelling.pressAndAdvance('2');

  // r2 by drag: each response dropped on the line joins the ranking after the last one.
  await labelling.expectItem('r2');
  const idx2 = await indexByLetter(labelling, served.project, 'r2');
  for (const letter of ['D', 'B', 'A', 'C']) {
    await labelling.dragRank(letter, 'line');
    await expect(page.getByTestId(`rank-row-${letter}`)).not.toHaveAttribute('data-place', '');
  }
  expect(await labelling.ranking()).toEqual(['D', 'B', 'A', 'C']);
  // Reorder inside the ranking: A onto B's place.
  await labelling.dragRank('A', 'B');
  await expect.poll(() => labelling.ranking()).toEqual(['D', 'A', 'B', 'C']);
  // A drag never submits by itself; the button does.
  await labelling.expectItem('r2');
  await labelling.control('Submit').click();
  await labelling.expectItem('r3');

  const stored = currentJudgments(served.project);
  expect(stored.get('r1')!.verdict).toEqual({
    kind: 'ranking',
    tiers: [[idx1['C']], [idx1['A'], idx1['D']], [idx1['B']]],
    noneAcceptable: false,
  });
  expect(stored.get('r2')!.verdict).toEqual({
    kind: 'ranking',
    tiers: [[idx2['D']], [idx2['A']], [idx2['B']], [idx2['C']]],
    noneAcceptable: false,
  });
});

test('rates each response on a scale and with thumbs, by keyboard', async ({ page }) => {
  served = await serveProject(FOUR, { name: 'Rater' }, 'rate', (p) =>
    configureTask(p, (t) => ({
      ...t,
      mode: 'rating',
      rating: { aspects: [{ name: 'overall', min: 1, max: 5 }], thumbs: true },
    })),
  );
  const labelling = new LabellingPage(page);
  await labelling.open(served.url);
  await labelling.expectItem('r1');
  const idx = await indexByLetter(labelling, served.project, 'r1');
  const values = { A: 4, B: 2, C: 5, D: 1 };
  for (const [letter, v] of Object.entries(values)) {
    await page.keyboard.press(String(v));
    await expect(page.getByTestId(`rate-${letter}-overall-${v}`)).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    if (letter === 'D') await labelling.pressAndAdvance(v >= 3 ? '+' : '-');
    else await page.keyboard.press(v >= 3 ? '+' : '-');
  }
  await labelling.expectItem('r2');
  const stored = currentJudgments(served.project).get('r1')!;
  expect(stored.verdict).toEqual({
    kind: 'rating',
    ratings: ['A', 'B', 'C', 'D'].map((l) => ({
      idx: idx[l],
      aspects: { overall: values[l as keyof typeof values] },
      thumb: values[l as keyof typeof values] >= 3 ? 'up' : 'down',
    })),
  });
});
