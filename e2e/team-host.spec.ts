import { expect, test, type Browser, type Page } from '@playwright/test';
import { join } from 'node:path';
import { populatedProject } from '../db/test-support/populated';
import { tempDir } from '../db/test-support/temp-project';
import { openView } from './pages/nav';
import { LabellingPage } from './pages/labelling-page';
import { serveTeam } from './support/team-host';

/**
 * A team at work on one `rankwise serve --team`, each in a browser context of their own (their
 * own cookie): the lead invites three labellers on the Team screen and sets the overlap to 2;
 * the labellers judge at the same time; the lead's dashboard counts rise as they do, without a
 * reload; a labeller cannot reach what their role does not allow (not shown, not by key, and
 * refused by the host); the lead revokes one, whose page then says so and keeps the judgment
 * they were making.
 */
test('three labellers and a lead at once: live dashboard, roles in the page, revocation', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const t = tempDir('rankwise-e2e-team-host-');
  const { path } = await populatedProject(t.dir, { items: 12, judged: 0, name: 'team.rankwise' });
  const served = await serveTeam(path, join(t.dir, 'config'));
  const contexts: Array<Awaited<ReturnType<Browser['newContext']>>> = [];
  const open = async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    contexts.push(context);
    return context.newPage();
  };
  try {
    // The lead: their link, then the Team screen.
    const lead = await open();
    await lead.goto(served.leadUrl);
    await expect(lead.getByTestId('labelling')).toBeVisible();
    await openView(lead, 'team');
    await expect(lead.getByTestId('dashboard')).toBeVisible();
    // Marks this document: a reload would lose it.
    await lead.evaluate('window.__sameDocument = true');

    const names = ['Ann', 'Ben', 'Cai'];
    const links: string[] = [];
    for (const name of names) {
      await lead.getByTestId('invite-name').fill(name);
      await lead.getByTestId('invite-role').selectOption('labeller');
      await lead.getByTestId('invite-submit').click();
      await expect(lead.getByTestId('invitation')).toHaveAttribute('data-name', name);
      const link = await lead.getByTestId('invite-link').inputValue();
      expect(link).toMatch(new RegExp(`^${served.base}/\\?token=`));
      links.push(link);
      await expect(lead.getByTestId('people').locator(`tr[data-person="${name}"]`)).toBeVisible();
    }
    await lead.getByTestId('overlap-input').fill('2');
    await lead.getByRole('button', { name: 'Set overlap' }).click();
    await expect(lead.getByTestId('overlap-now')).toContainText('Now 2.');
    // The audit log records the invitations, newest first, as they happen.
    await expect(lead.getByTestId('audit-log').locator('tr[data-action="invite"]')).toHaveCount(3);

    // The three labellers, each in a context of their own.
    const labellers: Page[] = [];
    for (const link of links) {
      const page = await open();
      await page.goto(link);
      await expect(page.getByTestId('labelling')).toBeVisible();
      labellers.push(page);
    }
    const row = (name: string) =>
      lead.getByTestId('dashboard-people').locator(`tr[data-person="${name}"]`);
    for (const name of names) await expect(row(name)).toHaveAttribute('data-connected', 'true');

    // They judge at the same time, by keys.
    await Promise.all(
      labellers.map(async (page) => {
        const l = new LabellingPage(page);
        await l.pressAndAdvance('1');
        await l.pressAndAdvance('2');
      }),
    );
    for (const name of names) {
      await expect(row(name).getByTestId('person-total')).toHaveText('2', { timeout: 15_000 });
      await expect(row(name).getByTestId('person-today')).toHaveText('2');
    }
    // 12 items × overlap 2 = 24 verdicts wanted, 6 in.
    await expect(lead.getByTestId('dashboard-left')).toHaveText('18');
    expect(await lead.evaluate('window.__sameDocument')).toBe(true);

    // A labeller's page: only Label (and the item browser of their own statuses).
    const ann = labellers[0]!;
    for (const view of ['import', 'review', 'settings', 'backups', 'team', 'leaderboard'])
      await expect(ann.getByTestId(`tab-${view}`)).toHaveCount(0);
    await expect(ann.getByTestId('tab-label')).toBeVisible();
    await expect(ann.getByTestId('action-export')).toHaveCount(0);
    // Keys do nothing there: Export (e), Settings (Ctrl+,).
    await ann.keyboard.press('e');
    await ann.keyboard.press('ControlOrMeta+Comma');
    await expect(ann.getByTestId('export-dialog')).toHaveCount(0);
    await expect(ann.getByTestId('settings-save')).toHaveCount(0);
    await expect(ann.getByTestId('labelling')).toBeVisible();
    // And the host refuses the calls behind those screens, on Ann's own cookie.
    for (const method of [
      'exports.start',
      'imports.start',
      'reviews.queue',
      'settings.updateTask',
    ]) {
      const res = await ann.request.post(`${served.base}/api/${method}`, {
        headers: { origin: served.base, 'content-type': 'application/json' },
        data: {},
      });
      expect(res.status(), method).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    }

    // Cai is half-way through a judgment when the lead revokes them.
    const cai = labellers[2]!;
    const caiLabelling = new LabellingPage(cai);
    const caiItem = await caiLabelling.itemId();
    await caiLabelling.rationale.fill('B hedges, A cites the source');
    await caiLabelling.rationale.press('Escape');
    await lead.getByRole('button', { name: 'Revoke Cai’s access' }).click();
    await expect(lead.getByTestId('people').locator('tr[data-person="Cai"]')).toHaveAttribute(
      'data-revoked',
      'true',
    );
    // Cai's next key: the page says their access was revoked.
    await cai.keyboard.press('1');
    const notice = cai.getByTestId('access-ended');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('Your access was revoked');
    await expect(cai.getByTestId('labelling')).toHaveCount(0);
    // The judgment they were making is kept: shown, and in this browser's local storage.
    await expect(cai.getByTestId('kept-draft')).toHaveAttribute('data-item', caiItem);
    await expect(cai.getByTestId('kept-draft-summary')).toContainText('A cites the source');
    const stored = await cai.evaluate<
      Array<{ itemId: string; labellerName: string; draft: { rationale: string } }>
    >(`Object.entries(localStorage)
      .filter(([k]) => k.startsWith('rankwise.kept-drafts.'))
      .map(([, v]) => JSON.parse(v))
      .flat()`);
    expect(stored).toEqual([
      expect.objectContaining({
        itemId: caiItem,
        labellerName: 'Cai',
        draft: expect.objectContaining({ rationale: 'B hedges, A cites the source' }),
      }),
    ]);
    // The others work on.
    await new LabellingPage(labellers[1]!).pressAndAdvance('1');
    await expect(row('Ben').getByTestId('person-total')).toHaveText('3', { timeout: 15_000 });
    await expect(lead.getByTestId('audit-log').locator('tr[data-action="revoke"]')).toHaveCount(1);
  } finally {
    for (const c of contexts) await c.close();
    await served.stop();
    t.cleanup();
  }
});
