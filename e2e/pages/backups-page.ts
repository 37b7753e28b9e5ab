import { expect, type Locator, type Page } from '@playwright/test';
import { openView } from './nav';

/** The Backups screen: back up now, read the list, restore one after confirming. */
export class BackupsPage {
  readonly screen: Locator;
  readonly rows: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('backups-screen');
    this.rows = page.getByTestId('backup-row');
  }

  async open(): Promise<void> {
    await openView(this.page, 'backups');
    await expect(this.screen).toBeVisible();
  }

  async backUpNow(): Promise<void> {
    const before = await this.rows.count();
    await this.page.getByTestId('backup-now').click();
    await expect(this.rows).toHaveCount(before + 1);
  }

  row(reason: string): Locator {
    return this.page.locator(`[data-testid="backup-row"][data-reason="${reason}"]`);
  }

  async restore(row: Locator): Promise<void> {
    await row.getByTestId('backup-restore').click();
    await row.getByTestId('backup-restore-confirm').click();
    await expect(this.page.getByTestId('restore-result')).toBeVisible();
  }
}

/** The screen shown when the project did not open. */
export class RecoveryPage {
  readonly screen: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('recovery-screen');
  }

  async expectProblem(kind: string): Promise<void> {
    await expect(this.screen).toBeVisible();
    await expect(this.screen).toHaveAttribute('data-kind', kind);
  }

  choice(name: string): Locator {
    return this.page.getByTestId(`recovery-${name}`);
  }
}
