import { expect, test, type Locator, type Page } from '@playwright/test';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../db/backend';
import { memoryIdentityStore } from '../db/identity-file';
import { createInProcessTransport } from '../db/in-process-transport';
import { openProject } from '../db/open';
import { createClient } from '../shared/api/client';
import { openView } from './pages/nav';
import { ScreenCheck } from './pages/screen-check';
import { layoutProbe, type LayoutReport } from './support/layout-probe.browser.js';
import { REPO, rankwise, serveEmptyProject, serveProject, type Served } from './support/rankwise';
import { serveTeam } from './support/team-host';

/**
 * The layout net: every screen and dialog, at the two window sizes people use most, in both
 * themes, on a project with work in it and on an empty one. Measured in the page, never by
 * pixels: the primary action is in view without scrolling, no text is cut off or lies over
 * other text, the page never scrolls sideways, every screen can be reached from the top bar,
 * and no internal value (`undefined`, `NaN`, a snake_case token…) reaches the screen. Each
 * screen's shot is saved under test-results/; `UPDATE_SCREENSHOTS=1` copies the light set with
 * data to docs/screenshots/screens/.
 */

const SIZES = [
  { name: '1440x900', width: 1440, height: 900 },
  { name: '1024x700', width: 1024, height: 700 },
] as const;
type Data = 'data' | 'empty';

/** Text that means an internal value leaked onto the screen. */
const RAW = [
  /\bundefined\b/,
  /\bnull\b/,
  /\bNaN\b/,
  /\bInfinity\b/,
  /\[object Object\]/,
  /\b[a-z]+_[a-z_]+\b/, // snake_case: both_bad, none_acceptable, a column or code name
  /\b[A-Z]+_[A-Z_]+\b/, // an error code: IMPORT_FAILED
];

interface Screen {
  name: string;
  /** Shown when there is work in the project / when it is empty. */
  when?: Data;
  /** Get there from the labelling screen. */
  open(page: Page): Promise<void>;
  /** The action the screen is for: it must be in view without scrolling. */
  primary(page: Page, data: Data): Locator;
  /** A dialog: measured inside it (the page behind it is covered). */
  dialog?: string;
  close?(page: Page): Promise<void>;
}

const SCREENS: Screen[] = [
  {
    name: 'label',
    open: (page) => openView(page, 'label'),
    primary: (page, data) =>
      data === 'data'
        ? page.getByRole('button', { name: /^A is better/ })
        : page.getByRole('button', { name: 'Import a dataset' }),
  },
  {
    name: 'import',
    open: (page) => openView(page, 'import'),
    primary: (page) => page.getByTestId('import-choose'),
  },
  {
    name: 'backups',
    open: (page) => openView(page, 'backups'),
    primary: (page) => page.getByTestId('backup-now'),
  },
  {
    name: 'review',
    open: (page) => openView(page, 'review'),
    primary: (page, data) =>
      data === 'data' ? page.getByTestId('review-refresh') : page.getByTestId('review-empty'),
  },
  {
    name: 'review-disagreements',
    when: 'data',
    open: async (page) => {
      await openView(page, 'review');
      await page.getByTestId('review-pane-queue').click();
    },
    primary: (page) => page.getByTestId('queue-row').first(),
  },
  {
    name: 'leaderboard',
    open: (page) => openView(page, 'leaderboard'),
    primary: (page, data) =>
      data === 'data'
        ? page.getByTestId('leaderboard-refresh')
        : page.getByTestId('leaderboard-empty'),
  },
  {
    name: 'team',
    open: (page) => openView(page, 'team'),
    primary: (page) => page.getByTestId('team-members'),
  },
  {
    name: 'judges',
    open: (page) => openView(page, 'judges'),
    primary: (page) => page.getByTestId('judge-run'),
  },
  {
    name: 'items',
    open: (page) => openView(page, 'items'),
    primary: (page) => page.getByTestId('browser-search'),
  },
  {
    name: 'settings',
    open: (page) => openView(page, 'settings'),
    primary: (page) => page.getByTestId('settings-save'),
  },
  {
    name: 'export',
    dialog: '[data-testid="export-dialog"]',
    open: async (page) => {
      await openView(page, 'label');
      await page.keyboard.press('e');
    },
    primary: (page, data) =>
      data === 'data' ? page.getByTestId('export-start') : page.getByTestId('export-empty'),
    close: (page) => page.keyboard.press('Escape'),
  },
  {
    name: 'help',
    dialog: '[role="dialog"]',
    open: async (page) => {
      await openView(page, 'label');
      await page.keyboard.press('?');
    },
    primary: (page) => page.getByRole('dialog').getByRole('heading').first(),
    close: (page) => page.keyboard.press('Escape'),
  },
  {
    name: 'go-to',
    when: 'data',
    dialog: '[role="dialog"]',
    open: async (page) => {
      await openView(page, 'label');
      await page.keyboard.press('o');
    },
    primary: (page) => page.getByTestId('jump-go'),
    close: (page) => page.keyboard.press('Escape'),
  },
];

/** A labeller judging `n` items at their own desk (the project file, opened beside the server). */
async function judgeAs(project: string, name: string, n: number, pick: (i: number) => 'A' | 'B') {
  const backend = createBackend({
    project: openProject(project),
    host: 'in-process',
    identity: memoryIdentityStore(),
    labeller: { name },
  });
  const client = createClient(createInProcessTransport(backend));
  try {
    const { labeller } = await client.call('session.get', {});
    for (let i = 0; i < n; i++) {
      const next = await client.call('items.next', { labellerId: labeller!.id });
      if (!next) break;
      await client.call('judgments.submit', {
        labellerId: labeller!.id,
        itemId: next.id,
        displayedOrder: next.displayedOrder,
        verdict: { kind: 'pairwise', choice: pick(i) },
        timeMs: 4000 + 700 * i,
      });
    }
  } finally {
    await backend.close();
  }
}

async function project(data: Data): Promise<Served> {
  if (data === 'empty') return serveEmptyProject({ name: 'Lead' });
  const served = await serveProject(join(REPO, 'demo', 'demo-dataset.jsonl'), { name: 'Lead' });
  await judgeAs(served.project, 'Ada', 14, (i) => (i % 3 === 0 ? 'B' : 'A'));
  await judgeAs(served.project, 'Bob', 14, (i) => (i % 2 === 0 ? 'B' : 'A'));
  await judgeAs(served.project, 'Lead', 5, (i) => (i % 2 === 0 ? 'A' : 'B'));
  return served;
}

/** Every view can be reached: its tab is fully in view, or the menu that holds them is. */
async function expectNavigationReachable(page: Page): Promise<void> {
  const check = new ScreenCheck(page);
  const menu = page.getByTestId('nav-menu');
  if (await menu.isVisible()) return check.expectInView(menu);
  const tabs = page.locator('nav.tabs [data-testid^="tab-"]');
  const nav = (await page.locator('nav.tabs').boundingBox())!;
  expect(await tabs.count()).toBeGreaterThan(1);
  for (const tab of await tabs.all()) {
    await check.expectInView(tab);
    const box = (await tab.boundingBox())!;
    expect(
      box.x + box.width,
      `${await tab.innerText()} inside the top bar's tabs`,
    ).toBeLessThanOrEqual(nav.x + nav.width + 1);
  }
}

async function measure(page: Page, scope: string): Promise<LayoutReport> {
  return page.evaluate<LayoutReport>(`(${layoutProbe.toString()})(${JSON.stringify(scope)})`);
}

test('the measuring finds cut-off, overlapping and sideways text, and lets the rest be', async ({
  page,
}) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await page.setContent(`
    <div id="ok" style="width: 300px"><span>Fine label</span> <b>fine value</b></div>
    <div id="cut" style="width: 80px; overflow: hidden; white-space: nowrap">A label much wider than its box</div>
    <div id="meant" style="width: 80px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis" title="Cut on purpose, whole in the title">Cut on purpose, whole in the title</div>
    <div id="scroller" style="width: 80px; overflow: auto; white-space: nowrap">Scrolls sideways by design</div>
    <div id="over" style="position: relative; height: 20px"><span>Label</span><span style="position: absolute; left: 10px; top: 0">Value</span></div>
    <div id="sticky" style="height: 20px; position: relative"><span>Under the bar</span><div style="position: absolute; inset: 0; background: white"><span style="margin-left: 200px">Bar</span></div></div>
    <div data-content="dataset">undefined from the data</div>
    <p>null on the screen</p>
  `);
  const report = await measure(page, 'body');
  expect(report.cutOff).toEqual([
    'div "A label much wider than its box" is cut off by div "A label much wider than its box"',
  ]);
  expect(report.overlaps).toEqual(['span "Label" overlaps span "Value"']);
  expect(report.sideways).toBe(false);
  expect(report.text).not.toContain('undefined');
  expect(report.text).toContain('null on the screen');
  await page.setContent('<div style="width: 1200px">wider than the window</div>');
  expect((await measure(page, 'body')).sideways).toBe(true);
});

for (const size of SIZES)
  for (const theme of ['light', 'dark'] as const)
    for (const data of ['data', 'empty'] as const)
      test(`every screen at ${size.name}, ${theme}, ${data === 'data' ? 'with work in it' : 'empty'}`, async ({
        page,
      }) => {
        test.setTimeout(120_000);
        const served = await project(data);
        try {
          await page.setViewportSize(size);
          await page.goto(served.url);
          await expect(page.getByTestId('labeller-name')).toBeVisible();
          const check = new ScreenCheck(page);
          if (theme === 'dark') await check.chooseDarkTheme();
          const problems: string[] = [];
          for (const screen of SCREENS) {
            if (screen.when && screen.when !== data) continue;
            await screen.open(page);
            const primary = screen.primary(page, data);
            await expect(primary, `${screen.name}: its primary action`).toBeVisible();
            // Let the screen settle: nothing still loading, then two frames.
            await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
            await page.evaluate(
              'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))',
            );
            const shot = test.info().outputPath(`${size.name}-${theme}-${data}-${screen.name}.png`);
            await page.screenshot({ path: shot });
            if (process.env['UPDATE_SCREENSHOTS'] && theme === 'light' && data === 'data') {
              const dir = join(REPO, 'docs', 'screenshots', 'screens');
              mkdirSync(dir, { recursive: true });
              copyFileSync(shot, join(dir, `${size.name}-${screen.name}.png`));
            }
            const where = `${screen.name} (${size.name}, ${theme}, ${data})`;
            try {
              await check.expectInView(primary);
            } catch {
              problems.push(`${where}: the primary action is not in view without scrolling`);
            }
            const report = await measure(page, screen.dialog ?? 'body');
            for (const p of report.cutOff) problems.push(`${where}: ${p}`);
            for (const p of report.overlaps) problems.push(`${where}: ${p}`);
            if (report.sideways) problems.push(`${where}: the page scrolls sideways`);
            for (const raw of RAW) {
              const m = raw.exec(report.text);
              if (m) problems.push(`${where}: "${m[0]}" on the screen`);
            }
            if (!screen.dialog) await expectNavigationReachable(page);
            await screen.close?.(page);
          }
          expect(problems).toEqual([]);
        } finally {
          await served.stop();
        }
      });

/**
 * The Team screen of a team host, as its lead sees it: the live dashboard with people at work,
 * the people and invitations (a link just made), the desk and the audit log. Measured like the
 * screens above, at both sizes and in both themes; its light shots are the docs' (team-host).
 */
test("the team host's Team screen (lead), both sizes and themes", async ({ page }) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'rankwise-e2e-team-'));
  const project = join(dir, 'team.rankwise');
  const demo = join(REPO, 'demo', 'demo-dataset.jsonl');
  expect(rankwise(['import', demo, '--into', project, '--json']).code).toBe(0);
  const host = await serveTeam(project, join(dir, 'config'));
  try {
    // Two labellers invited from the command line, at work through the API with their links.
    for (const [name, n] of [
      ['Ada', 6],
      ['Bob', 4],
    ] as const) {
      const invited = rankwise(['invite', project, '--name', name, '--role', 'labeller', '--json']);
      const { token, labeller } = JSON.parse(invited.stdout) as {
        token: string;
        labeller: { id: string };
      };
      const call = async (method: string, input: unknown) => {
        const res = await fetch(`${host.base}/api/${method}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(input),
        });
        return ((await res.json()) as { value: unknown }).value;
      };
      for (let i = 0; i < n; i++) {
        const next = (await call('items.next', { labellerId: labeller.id })) as {
          id: string;
          displayedOrder: number[];
        };
        await call('judgments.submit', {
          labellerId: labeller.id,
          itemId: next.id,
          displayedOrder: next.displayedOrder,
          verdict: { kind: 'pairwise', choice: i % 3 ? 'A' : 'B' },
          timeMs: 5000 + 900 * i,
        });
      }
    }
    await page.goto(host.leadUrl);
    await openView(page, 'team');
    await page.getByTestId('invite-name').fill('Cleo');
    await page.getByTestId('invite-submit').click();
    await expect(page.getByTestId('invitation')).toBeVisible();
    await expect(
      page
        .getByTestId('dashboard-people')
        .locator('tr[data-person="Ada"]')
        .getByTestId('person-total'),
    ).toHaveText('6');
    await expect(
      page.getByTestId('dashboard-people').locator('tr[data-person="Cleo"]'),
    ).toBeVisible();
    const check = new ScreenCheck(page);
    const problems: string[] = [];
    for (const theme of ['light', 'dark'] as const) {
      if (theme === 'dark') await check.chooseDarkTheme();
      for (const size of SIZES) {
        await page.setViewportSize(size);
        // From the top, as the screen opens (the invitation left it scrolled).
        await page.evaluate('window.scrollTo(0, 0)');
        await page.evaluate(
          'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))',
        );
        const shot = test.info().outputPath(`${size.name}-${theme}-team-host.png`);
        await page.screenshot({ path: shot });
        if (process.env['UPDATE_SCREENSHOTS'] && theme === 'light') {
          const dir = join(REPO, 'docs', 'screenshots', 'screens');
          mkdirSync(dir, { recursive: true });
          copyFileSync(shot, join(dir, `${size.name}-team-host.png`));
        }
        const where = `team host (${size.name}, ${theme})`;
        try {
          await check.expectInView(page.getByTestId('dashboard-people'));
        } catch {
          problems.push(`${where}: the dashboard is not in view without scrolling`);
        }
        const report = await measure(page, 'body');
        for (const p of report.cutOff) problems.push(`${where}: ${p}`);
        for (const p of report.overlaps) problems.push(`${where}: ${p}`);
        if (report.sideways) problems.push(`${where}: the page scrolls sideways`);
        for (const raw of RAW) {
          const m = raw.exec(report.text);
          if (m) problems.push(`${where}: "${m[0]}" on the screen`);
        }
        await expectNavigationReachable(page);
      }
    }
    expect(problems).toEqual([]);
  } finally {
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
