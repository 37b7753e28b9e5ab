import { expect, test } from '@playwright/test';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { leafPagesOf, smashPages } from '../db/test-support/damage';
import { populatedProject } from '../db/test-support/populated';
import { tempDir } from '../db/test-support/temp-project';
import { BackupsPage, RecoveryPage } from './pages/backups-page';
import { LabellingPage } from './pages/labelling-page';
import { REPO, serveProject } from './support/rankwise';
import { serveFile } from './support/serve-file';

const FIXTURE = join(REPO, 'e2e', 'fixtures', 'six-items.jsonl');

test('back up, keep labelling, restore: the judgments after the backup are gone and the project before the restore is kept', async ({
  page,
}) => {
  const served = await serveProject(FIXTURE, { name: 'Ada' });
  try {
    const labelling = new LabellingPage(page);
    await labelling.open(served.url);
    await labelling.pressAndAdvance('1');
    await labelling.pressAndAdvance('2');
    await labelling.expectProgress(2, 6);

    const backups = new BackupsPage(page);
    await backups.open();
    await expect(page.getByTestId('backups-empty')).toBeVisible();
    await backups.backUpNow();
    await expect(backups.row('manual').getByTestId('backup-judgments')).toHaveText('2');

    await page.getByTestId('tab-label').click();
    await labelling.pressAndAdvance('1');
    await labelling.expectProgress(3, 6);

    await backups.open();
    await backups.restore(backups.row('manual'));
    await expect(page.getByTestId('restore-result')).toContainText('Before a restore');
    await expect(backups.row('pre-restore').getByTestId('backup-judgments')).toHaveText('3');
    const shot = test.info().outputPath('backups.png');
    await page.screenshot({ path: shot });
    if (process.env['UPDATE_SCREENSHOTS'])
      copyFileSync(shot, join(REPO, 'docs', 'screenshots', 'backups.png'));

    await page.getByTestId('tab-label').click();
    await labelling.expectProgress(2, 6);
    await labelling.pressAndAdvance('t');
    await labelling.expectProgress(3, 6);
  } finally {
    await served.stop();
  }
});

test('a damaged project: the recovery screen offers what makes sense, and read-only works', async ({
  page,
}) => {
  const t = tempDir('rankwise-e2e-');
  try {
    const { path } = await populatedProject(t.dir, {
      items: 300,
      judged: 4,
      name: 'hurt.rankwise',
    });
    // A damaged page in a table labelling does not read (the import log): quick_check still
    // refuses the file, and a read-only look can show everything else.
    smashPages(path, leafPagesOf(path, 'imports'));
    const served = await serveFile(path, 'Ada', join(t.dir, 'config'));
    try {
      await page.goto(served.url);
      const recovery = new RecoveryPage(page);
      await recovery.expectProblem('corrupt');
      await expect(page.getByTestId('recovery-message')).toContainText('hurt.rankwise is damaged');
      await expect(recovery.choice('restore-backup')).toHaveCount(0); // there are none

      await recovery.choice('salvage').click();
      await expect(page.getByTestId('salvage-result')).toContainText('hurt-recovered-');

      await recovery.choice('open-read-only').click();
      await expect(page.getByTestId('read-only-banner')).toBeVisible();
      const labelling = new LabellingPage(page);
      await expect(labelling.screen).toBeVisible();
      await labelling.expectProgress(4, 300);
      await page.keyboard.press('1');
      await expect(page.getByTestId('save-error')).toContainText('open read-only');
      await labelling.expectProgress(4, 300);
    } finally {
      await served.stop();
    }
  } finally {
    t.cleanup();
  }
});
