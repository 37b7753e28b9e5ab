import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import type { TaskSettings } from '../shared/domain/task';
import { LabellingPage, SettingsPage } from './pages/labelling-page';
import { openView } from './pages/nav';
import { configureTask, currentJudgments } from './support/project-db';
import { REPO, serveProject, type Served } from './support/rankwise';

/**
 * A first-time labeller's walk through the labelling screen, its top bar, keys and dialogs, in
 * a real browser on `rankwise serve`: what the screen says matches what the keys do, and a
 * 1024×700 window shows everything that is needed, measured on the page.
 */
const SIX = join(REPO, 'e2e', 'fixtures', 'six-items.jsonl');
const FOUR = join(REPO, 'e2e', 'fixtures', 'four-responses.jsonl');
const DEMO = join(REPO, 'demo', 'demo-dataset.jsonl');
const SMALL = { width: 1024, height: 700 };
type Task = Omit<TaskSettings, 'version'>;

let served: Served | undefined;
test.afterEach(async () => served?.stop());

/** Nothing an unfinished value would print, anywhere on the page. */
async function expectNoRawValues(page: Page): Promise<void> {
  const text = await page.locator('body').innerText();
  expect(text).not.toMatch(/\b(undefined|NaN|null)\b|\[object /);
}

/** No element of the top bar leaves the window, and the page never scrolls sideways. */
async function expectTopBarInside(page: Page): Promise<void> {
  // (No DOM types in the e2e project: the page's objects are described as far as used.)
  interface Box {
    scrollWidth: number;
    clientWidth: number;
    children: ArrayLike<{ getBoundingClientRect(): { right: number } }>;
  }
  const widths = await page.evaluate(() => {
    const d = (
      globalThis as unknown as {
        document: { documentElement: Box; querySelector(s: string): Box | null };
      }
    ).document;
    const bar = d.querySelector('header.topbar')!;
    return {
      page: d.documentElement.scrollWidth,
      bar: bar.scrollWidth,
      barBox: bar.clientWidth,
      rights: Array.from(bar.children, (c) => c.getBoundingClientRect().right),
    };
  });
  expect(widths.page).toBeLessThanOrEqual(SMALL.width);
  expect(widths.bar).toBeLessThanOrEqual(widths.barBox);
  for (const right of widths.rights) expect(right).toBeLessThanOrEqual(SMALL.width);
}

test.describe('in a 1024×700 window', () => {
  test.use({ viewport: SMALL });

  test('every view is reachable from the top bar’s menu, by mouse and by keyboard', async ({
    page,
  }) => {
    served = await serveProject(DEMO, { name: 'Lead' }, 'demo');
    const labelling = new LabellingPage(page);
    await labelling.open(served.url);
    const menu = page.getByTestId('nav-menu');
    await expect(menu).toBeVisible();
    await expectTopBarInside(page);

    const views: Array<[string, string, string]> = [
      ['import', 'Import', 'import-screen'],
      ['backups', 'Backups', 'backups-screen'],
      ['review', 'Review', 'review-screen'],
      ['leaderboard', 'Leaderboard', 'leaderboard-screen'],
      ['team', 'Team', 'team-screen'],
      ['items', 'Items', 'item-browser'],
      ['settings', 'Settings', 'settings'],
      ['label', 'Label', 'labelling'],
    ];
    for (const [id, title, screen] of views) {
      await openView(page, id);
      await expect(page.getByTestId(screen)).toBeVisible();
      await expect(menu).toContainText(title);
      await expect(page.getByRole('menu')).toBeHidden();
      await expectTopBarInside(page);
    }

    // By keyboard: Enter opens the list on the current view, ↓ and Enter open the next one.
    await menu.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menu')).toBeVisible();
    await expect(page.getByTestId('tab-label')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('tab-import')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('import-screen')).toBeVisible();
    await expect(menu).toBeFocused();
    // Esc closes the list and leaves the view as it was; focus goes back to the button.
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menu')).toBeVisible();
    await page.keyboard.press('End');
    await expect(page.getByTestId('tab-settings')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toBeHidden();
    await expect(menu).toBeFocused();
    await expect(page.getByTestId('import-screen')).toBeVisible();
    // A click outside closes it too.
    await menu.click();
    await expect(page.getByRole('menu')).toBeVisible();
    await page.getByTestId('import-screen').click({ position: { x: 600, y: 300 } });
    await expect(page.getByRole('menu')).toBeHidden();
  });

  const MODES: Array<{ name: string; file: string; task: (t: Task) => Task }> = [
    {
      // The busiest pairwise task: a strength scale and criteria, so there is a to-do line.
      name: 'pairwise',
      file: DEMO,
      task: (t) => ({
        ...t,
        pairwise: { ...t.pairwise, strengthLevels: 4 },
        criteria: ['helpful', 'honest'],
      }),
    },
    { name: 'ranking', file: FOUR, task: (t) => ({ ...t, mode: 'ranking' }) },
    {
      name: 'rating',
      file: FOUR,
      task: (t) => ({
        ...t,
        mode: 'rating',
        rating: { aspects: [{ name: 'overall', min: 1, max: 5 }], thumbs: true },
      }),
    },
  ];
  for (const mode of MODES) {
    test(`${mode.name}: the responses get the room, and every control and the status line are in view`, async ({
      page,
    }) => {
      served = await serveProject(mode.file, { name: 'Ada' }, mode.name, (p) =>
        configureTask(p, mode.task),
      );
      const labelling = new LabellingPage(page);
      await labelling.open(served.url);
      await expect(labelling.screen).toHaveAttribute('data-mode', mode.name);
      await labelling.expectFormatted();

      for (const theme of ['light', 'dark']) {
        await expect(page.locator('html')).toHaveAttribute('data-theme', /light|dark/);
        const responses = (await labelling.responses.boundingBox())!;
        const judgment = (await labelling.judgment.boundingBox())!;
        // The responses take more of the window than the judgment under them (they were 130 px
        // beside 300 px of mostly empty panel), and the judgment ends inside the window.
        expect(responses.height, theme).toBeGreaterThan(judgment.height);
        expect(responses.height, theme).toBeGreaterThanOrEqual(0.36 * SMALL.height);
        expect(judgment.y + judgment.height, theme).toBeLessThanOrEqual(SMALL.height);
        expect(responses.x + responses.width).toBeLessThanOrEqual(SMALL.width);

        // The status line and the actions: whole, not cut by the window or a scroll box.
        await expect(labelling.formStatus).toBeInViewport({ ratio: 1 });
        await expect(labelling.formStatus).toHaveText(/^To do: /);
        await expect(labelling.submitButton).toBeInViewport({ ratio: 1 });
        await expect(page.getByTestId('action-skip')).toBeInViewport({ ratio: 1 });
        await expect(labelling.autoSubmit).toBeInViewport({ ratio: 1 });
        // The item bar keeps one line.
        const bar = (await page.locator('.item-bar').boundingBox())!;
        expect(bar.height).toBeLessThan(40);

        const letters = await labelling.letters();
        if (mode.name === 'rating') {
          expect(letters).toEqual(['A', 'B', 'C', 'D']);
          for (const l of letters) {
            for (let v = 1; v <= 5; v++)
              await expect(page.getByTestId(`rate-${l}-overall-${v}`)).toBeInViewport({
                ratio: 1,
              });
            await expect(page.getByTestId(`thumb-${l}-up`)).toBeInViewport({ ratio: 1 });
          }
        }
        if (mode.name === 'ranking')
          for (const l of letters)
            await expect(page.getByTestId(`rank-row-${l}`)).toBeInViewport({ ratio: 1 });
        if (mode.name === 'pairwise') {
          for (const name of ['A is better', 'B is better', 'Tie', 'Both bad'])
            await expect(labelling.control(name)).toBeInViewport({ ratio: 1 });
          await expect(page.getByTestId('criterion-honest')).toBeInViewport({ ratio: 1 });
        }
        await expectTopBarInside(page);
        await expectNoRawValues(page);
        if (theme === 'light') {
          // The other theme: system → light → dark, whichever the browser starts in.
          const now = await page.locator('html').getAttribute('data-theme');
          await page.keyboard.press('Alt+t');
          if (now === 'dark' || (await page.locator('html').getAttribute('data-theme')) === now)
            await page.keyboard.press('Alt+t');
          await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
        }
      }
    });
  }
});

test('pairwise, submitting as soon as complete: no Submit, no to-do, a quiet Enter and a confirmation', async ({
  page,
}) => {
  served = await serveProject(SIX, { name: 'Ada' });
  const labelling = new LabellingPage(page);
  await labelling.open(served.url);
  await labelling.expectItem('e1');

  // The choice key is the submit: the screen shows the switch that says so, and nothing else.
  await expect(labelling.autoSubmit).toBeChecked();
  await expect(labelling.submitButton).toHaveCount(0);
  await expect(labelling.formStatus).toHaveCount(0);

  // An Enter pressed right after 2 lands on the next item: it has nothing to act on there.
  await page.keyboard.press('2');
  await page.keyboard.press('Enter');
  await labelling.expectItem('e2');
  await expect(labelling.savedNote).toHaveText('Saved: B better · U to undo');
  await expect(labelling.formProblem).toHaveCount(0);
  await labelling.expectProgress(1, 6);
  expect([...currentJudgments(served.project).keys()]).toEqual(['e1']);
  // The confirmation is brief.
  await expect(labelling.savedNote).toHaveText('', { timeout: 8_000 });

  // With the switch off, Submit and the to-do come back, and Enter is what saves.
  await labelling.autoSubmit.click();
  await expect(labelling.submitButton).toBeVisible();
  await expect(labelling.formStatus).toHaveText('To do: choose A, B or another outcome');
  await page.keyboard.press('1');
  await expect(labelling.formStatus).toHaveText('Ready: Enter submits');
  await labelling.expectItem('e2');
  await labelling.pressAndAdvance('Enter');
  await expect(labelling.savedNote).toHaveText('Saved: A better · U to undo');

  // Alt+S turns it back on: the switch follows, Submit goes.
  await page.keyboard.press('Alt+s');
  await expect(labelling.autoSubmit).toBeChecked();
  await expect(labelling.submitButton).toHaveCount(0);

  // A tie that needs a rationale is not complete on its key: then the to-do and Submit matter.
  await page.keyboard.press('u');
  await labelling.expectItem('e2');
  await expect(labelling.savedNote).toHaveText('');
  // Undo brought the answer back to adjust: that is something Submit sends.
  await expect(labelling.submitButton).toBeVisible();
  await expect(labelling.formStatus).toHaveText('Ready: Enter submits');
  await labelling.pressAndAdvance('t');
  await expect(labelling.savedNote).toHaveText('Saved: tie · U to undo');
  await labelling.pressAndAdvance('s');
  await expect(labelling.savedNote).toHaveText('Skipped · U to undo');
});

test('a required rationale keeps the to-do and Submit while submitting as soon as complete', async ({
  page,
}) => {
  served = await serveProject(SIX, { name: 'Ada' }, 'why', (p) =>
    configureTask(p, (t) => ({ ...t, rationale: 'required-for-ties' })),
  );
  const labelling = new LabellingPage(page);
  await labelling.open(served.url);
  await expect(labelling.submitButton).toHaveCount(0);
  await page.keyboard.press('t');
  await expect(labelling.rationale).toBeFocused();
  await expect(labelling.formStatus).toContainText('To do: ');
  await expect(labelling.submitButton).toBeVisible();
  await page.keyboard.type('Both are right.');
  await page.keyboard.press('Escape');
  await labelling.control('Submit').click();
  await labelling.expectItem('e2');
  await expect(labelling.savedNote).toHaveText('Saved: tie · U to undo');
});

test('one Esc closes each dialog, and a shortcut works right after', async ({ page }) => {
  served = await serveProject(SIX, { name: 'Ada' });
  const labelling = new LabellingPage(page);
  await labelling.open(served.url);
  await labelling.expectItem('e1');

  // Go to item: its box has focus; one Esc closes it.
  await page.keyboard.press('o');
  const jump = page.getByTestId('jump-dialog');
  await expect(page.getByTestId('jump-id')).toBeFocused();
  await page.keyboard.type('e4');
  await page.keyboard.press('Escape');
  await expect(jump).toBeHidden();
  await labelling.pressAndAdvance('1');
  await labelling.expectItem('e2');

  // The shortcuts list.
  await page.keyboard.press('?');
  await expect(page.getByTestId('help-overlay')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-overlay')).toBeHidden();
  await labelling.pressAndAdvance('2');
  await labelling.expectItem('e3');

  // Export, with a number box inside it focused.
  await page.keyboard.press('e');
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await page.getByTestId('export-min-votes').focus();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('export-dialog')).toBeHidden();
  await labelling.pressAndAdvance('t');
  await labelling.expectItem('e4');
  await labelling.expectProgress(3, 6);
});

test('the shortcuts list in a pairwise project lists what applies and shows the switch', async ({
  page,
}) => {
  served = await serveProject(SIX, { name: 'Ada' });
  const labelling = new LabellingPage(page);
  await labelling.open(served.url);
  await page.keyboard.press('?');
  const help = page.getByTestId('help-overlay');
  await expect(help).toBeVisible();
  await expect(help).toContainText('A is better');
  await expect(help).toContainText('Flag: unsafe');
  for (const absent of [
    'Rank',
    'Rate ',
    'None acceptable',
    'Thumbs',
    'Strength',
    'Response 3',
    'Flag: 5',
    'Previous question',
  ])
    await expect(help).not.toContainText(absent);
  await expect(page.getByTestId('help-group-Ranking')).toHaveCount(0);
  await expect(page.getByTestId('help-group-Rating')).toHaveCount(0);
  // Few dimmed rows are left, and only for keys that apply but wait for something (Next).
  expect(await help.locator('tr.unavailable').count()).toBeLessThanOrEqual(2);

  const toggle = page.getByTestId('help-auto-submit');
  await expect(toggle).toBeChecked();
  await toggle.click();
  await expect(toggle).not.toBeChecked();
  await page.keyboard.press('Escape');
  await expect(labelling.submitButton).toBeVisible();
  await expect(labelling.autoSubmit).not.toBeChecked();
});

test('switching the kind of task once judgments exist warns, counts them, and leaves no stale status', async ({
  page,
}) => {
  served = await serveProject(FOUR, { name: 'Ada' }, 'switch', (p) =>
    configureTask(p, (t) => ({ ...t, mode: 'ranking' })),
  );
  const labelling = new LabellingPage(page);
  await labelling.open(served.url);
  await labelling.expectItem('r1');
  for (const key of ['3', '1', '4']) await page.keyboard.press(key);
  await labelling.pressAndAdvance('2');
  await labelling.expectItem('r2');
  await page.keyboard.press('1');
  await page.keyboard.press('Enter');
  await expect(labelling.formProblem).toHaveText('Not yet: rank 3 more responses');

  const settings = new SettingsPage(page);
  await settings.open();
  await page.getByTestId('settings-mode-rating').check();
  await page.getByTestId('settings-save').click();
  const warning = page.getByTestId('mode-switch-warning');
  await expect(warning).toBeVisible();
  await expect(page.getByTestId('mode-switch-text')).toHaveText(
    'This project has 1 judgment by 1 labeller. They keep the kind they were made as: they ' +
      'stay in the project and in the exports of that kind. Rating each response applies to ' +
      'judgments made from now on.',
  );
  await expect(warning).toContainText('Switch from ranking all responses to rating each response?');
  await expect(page.getByTestId('settings-save')).toBeDisabled();
  // Cancelled, nothing is saved.
  await page.getByTestId('settings-cancel-switch').click();
  await expect(warning).toBeHidden();
  await expect(page.getByTestId('settings-status')).toHaveCount(0);
  await expect(page.locator('#task-title .badge')).toHaveText('v2');

  await page.getByTestId('settings-save').click();
  await page.getByTestId('settings-confirm-switch').click();
  await expect(page.getByTestId('settings-status')).toHaveText('Saved as version 3');
  await page.keyboard.press('Escape');
  await expect(labelling.screen).toHaveAttribute('data-mode', 'rating');
  await labelling.expectItem('r2');
  await expect(labelling.formProblem).toHaveCount(0);
  await expect(labelling.formStatus).toHaveText('To do: 4 ratings to give');
  // The ranking made before the switch is still there, as a ranking.
  expect(currentJudgments(served.project).get('r1')!.verdict).toMatchObject({ kind: 'ranking' });
});

test('switching the kind of task before any judgment exists saves at once', async ({ page }) => {
  served = await serveProject(FOUR, { name: 'Ada' }, 'fresh');
  const labelling = new LabellingPage(page);
  await labelling.open(served.url);
  const settings = new SettingsPage(page);
  await settings.open();
  await page.getByTestId('settings-mode-ranking').check();
  expect(await settings.saveTask()).toBe('Saved as version 2');
  await expect(page.getByTestId('mode-switch-warning')).toHaveCount(0);
});
