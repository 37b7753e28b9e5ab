import { expect, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

/** The export dialog as a lead uses it: set options, read the preview, export, download. */
export class ExportDialog {
  readonly dialog: Locator;
  readonly preview: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByTestId('export-dialog');
    this.preview = page.getByTestId('export-preview');
  }

  async openWithKey(): Promise<void> {
    await this.page.keyboard.press('e');
    await expect(this.dialog).toBeVisible();
  }

  async select(testId: string, value: string): Promise<void> {
    await this.page.getByTestId(testId).selectOption(value);
  }

  /** Wait until the preview shows `text` (it follows the form after a short pause). */
  async expectPreview(text: string | RegExp): Promise<void> {
    await expect(this.page.getByTestId('export-preview-counts')).toContainText(text);
    await expect(this.preview).toHaveAttribute('data-status', 'ready');
  }

  async policyRows(policy: string): Promise<string> {
    return this.page
      .getByTestId(`export-preview-policy-${policy}`)
      .locator('td')
      .nth(1)
      .innerText();
  }

  async run(): Promise<string> {
    await this.page.getByTestId('export-start').click();
    await expect(this.page.getByTestId('export-status')).toHaveAttribute(
      'data-status',
      'succeeded',
    );
    return this.page.getByTestId('export-summary').innerText();
  }

  /** Download the finished export through the browser; returns the saved file's path. */
  async downloadPath(): Promise<string> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByTestId('export-download').click(),
    ]);
    return download.path();
  }

  /** Download the finished export through the browser and return its text. */
  async download(): Promise<string> {
    return readFileSync(await this.downloadPath(), 'utf8');
  }
}
