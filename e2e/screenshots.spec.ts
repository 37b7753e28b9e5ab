import { expect, test, type Page } from '@playwright/test';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TaskSettings } from '../shared/domain/task';
import { LabellingPage } from './pages/labelling-page';
import { configureTask } from './support/project-db';
import { REPO, serveProject, type Served } from './support/rankwise';

const SHOWCASE = join(REPO, 'e2e', 'fixtures', 'showcase.jsonl');
type Task = Omit<TaskSettings, 'version'>;

const MODES: Array<{
  name: string;
  file: string;
  task: (t: Task) => Task;
  /** A few keys so the shot shows a judgment in progress. */
  keys: string[];
}> = [
  {
    name: 'pairwise',
    file: join(REPO, 'demo', 'demo-dataset.jsonl'),
    task: (t) => ({
      ...t,
      pairwise: { ...t.pairwise, strengthLevels: 4 },
      criteria: ['helpfulness', 'harmlessness', 'honesty'],
      rationale: 'required-for-ties',
    }),
    keys: ['ArrowLeft', 'c', 'ArrowLeft'],
  },
  {
    name: 'ranking',
    file: SHOWCASE,
    task: (t) => ({ ...t, mode: 'ranking' }),
    keys: ['2', '4'],
  },
  {
    name: 'rating',
    file: SHOWCASE,
    task: (t) => ({
      ...t,
      mode: 'rating',
      rating: {
        aspects: [
          { name: 'correct', min: 1, max: 5 },
          { name: 'clear', min: 1, max: 5 },
        ],
        thumbs: true,
      },
    }),
    keys: ['4', '5', '+', '2'],
  },
];

let served: Served | undefined;
test.afterEach(async () => served?.stop());

/** Saves the shot beside the test output; with UPDATE_SCREENSHOTS=1, also under docs/. */
async function shoot(page: Page, name: string): Promise<void> {
  const out = test.info().outputPath(`${name}.png`);
  await page.screenshot({ path: out });
  if (process.env['UPDATE_SCREENSHOTS'])
    copyFileSync(out, join(REPO, 'docs', 'screenshots', `${name}.png`));
}

for (const mode of MODES) {
  test(`screenshots of ${mode.name} in light and dark`, async ({ page }) => {
    served = await serveProject(mode.file, { name: 'Ada' }, mode.name, (p) =>
      configureTask(p, mode.task, 'Prefer the answer that is **correct** first, then **clear**.'),
    );
    const labelling = new LabellingPage(page);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await labelling.open(served.url);
      await expect(labelling.screen).toHaveAttribute('data-mode', mode.name);
      // Guidelines open on first visit; the shot is of the work.
      if (await page.getByTestId('guidelines').isVisible()) await page.keyboard.press('g');
      await labelling.expectFormatted();
      if (scheme === 'light') for (const key of mode.keys) await page.keyboard.press(key);
      await expect(labelling.draftStatus).not.toHaveAttribute('data-status', 'unsaved');
      await shoot(page, `${mode.name}-${scheme}`);
    }
  });
}

test('screenshots of the item browser and the settings screen', async ({ page }) => {
  served = await serveProject(join(REPO, 'demo', 'demo-dataset.jsonl'), { name: 'Ada' }, 'demo');
  const labelling = new LabellingPage(page);
  await labelling.open(served.url);
  await labelling.pressAndAdvance('1');
  await labelling.pressAndAdvance('s');
  await page.keyboard.press('i');
  await expect(page.getByTestId('browser-count')).toHaveText('28 items');
  await shoot(page, 'item-browser-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.keyboard.press('Control+Comma');
  await expect(page.getByTestId('settings')).toBeVisible();
  await shoot(page, 'settings-dark');
});
