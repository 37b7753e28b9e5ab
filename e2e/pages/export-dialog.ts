import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

/** The export dialog as a lead uses it: set options, read the preview, export, download. */
export class ExportDialog {
  readonly dialog: Locator;
  readonly preview: Locator;
  readonly start: Locator;
  /** Every download the page started, in order (the browser host downloads exports by itself). */
  private readonly downloads: Download[] = [];
  /** How many downloads there were when the last export started. */
  private downloadsBefore = 0;

  constructor(readonly page: Page) {
    this.dialog = page.getByTestId('export-dialog');
    this.preview = page.getByTestId('export-preview');
    this.start = page.getByTestId('export-start');
    page.on('download', (d) => this.downloads.push(d));
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
    this.downloadsBefore = this.downloads.length;
    await this.start.click();
    await expect(this.page.getByTestId('export-status')).toHaveAttribute(
      'data-status',
      'succeeded',
    );
    return this.page.getByTestId('export-summary').innerText();
  }

  /**
   * The file the browser downloaded by itself when the last export finished (nothing is
   * clicked: a download that does not start on its own fails here); returns its saved path.
   */
  async downloadPath(): Promise<string> {
    await expect
      .poll(() => this.downloads.length, { message: 'the export downloads by itself' })
      .toBeGreaterThan(this.downloadsBefore);
    return this.downloads[this.downloadsBefore]!.path();
  }

  /** Download the finished export again with the dialog's link; returns the saved file's path. */
  async downloadAgainPath(): Promise<string> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByTestId('export-download').click(),
    ]);
    return download.path();
  }

  /** The export the browser downloaded by itself, as text. */
  async download(): Promise<string> {
    return readFileSync(await this.downloadPath(), 'utf8');
  }
}
