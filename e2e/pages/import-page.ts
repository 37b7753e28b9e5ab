import { expect, type Locator, type Page } from '@playwright/test';
import { openView } from './nav';

/** The import wizard as a lead uses it: choose a file, read the preview, import, read the summary. */
export class ImportPage {
  readonly screen: Locator;
  readonly detected: Locator;
  readonly previewItems: Locator;
  readonly summary: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('import-screen');
    this.detected = page.getByTestId('import-detected');
    this.previewItems = page.getByTestId('import-preview-item');
    this.summary = page.getByTestId('import-summary');
  }

  async open(): Promise<void> {
    await openView(this.page, 'import');
    await expect(this.page.getByTestId('import-drop-zone')).toBeVisible();
  }

  /** Choose a file through the file input, wait for the upload and the preview. */
  async choose(path: string): Promise<void> {
    await this.page.getByTestId('import-file-input').setInputFiles(path);
    await expect(this.detected).toBeVisible();
  }

  /** Choose a file that is not a dataset: the wizard says why and offers another choice. */
  async chooseWrong(path: string): Promise<Locator> {
    await this.page.getByTestId('import-file-input').setInputFiles(path);
    const card = this.page.getByTestId('import-unreadable');
    await expect(card).toBeVisible();
    return card;
  }

  /** Drop a file on the window, as a person dragging it from their file manager would. */
  async drop(name: string, content: string): Promise<void> {
    // Built in the page (DataTransfer and File are browser objects, not Node's).
    const transfer = await this.page.evaluateHandle(
      `(() => {
        const dt = new DataTransfer();
        dt.items.add(new File([${JSON.stringify(content)}], ${JSON.stringify(name)}));
        return dt;
      })()`,
    );
    await this.page.dispatchEvent('body', 'dragover', { dataTransfer: transfer });
    await this.page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
    await expect(this.detected).toBeVisible();
  }

  async chooseFormat(value: string): Promise<void> {
    await this.page.getByTestId('import-format-select').selectOption(value);
  }

  async skipBadLines(): Promise<void> {
    await this.page.getByTestId('import-skip-bad-lines').check();
  }

  /** Start the import and wait for its outcome; returns the summary's status. */
  async run(): Promise<string> {
    await this.page.getByTestId('import-start').click();
    await expect(this.summary).toBeVisible({ timeout: 60_000 });
    return (await this.summary.getAttribute('data-status'))!;
  }

  async importedHeading(): Promise<string> {
    return this.page.getByTestId('import-imported-count').innerText();
  }

  skippedLines(): Locator {
    return this.page.getByTestId('import-skipped-list').locator('li');
  }

  async startLabelling(): Promise<void> {
    await this.page.getByTestId('import-label-now').click();
    await expect(this.page.getByTestId('labelling')).toBeVisible();
  }
}
