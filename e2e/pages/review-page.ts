import { expect, type Locator, type Page } from '@playwright/test';

/** The Team screen as a lead uses it: pick labellers' files and merge them. */
export class TeamPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('tab-team').click();
    await expect(this.page.getByTestId('team-screen')).toBeVisible();
  }

  /** Merge files through the browser (upload, then the merge job); returns each file's outcome line. */
  async merge(files: string[]): Promise<Locator> {
    await this.page.getByTestId('merge-files').setInputFiles(files);
    await this.page.getByTestId('merge-start').click();
    await expect(this.page.getByTestId('merge-status')).toHaveAttribute('data-status', 'succeeded');
    // One item per file (a refused file's problems are a list of their own inside it).
    return this.page.getByTestId('merge-outcome').locator(':scope > li');
  }
}

/** The Review screen: figures, the disagreement queue, one item's judgments and the adjudication form. */
export class ReviewPage {
  readonly queueRows: Locator;
  readonly item: Locator;

  constructor(readonly page: Page) {
    this.queueRows = page.getByTestId('queue-row');
    this.item = page.getByTestId('review-item');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('tab-review').click();
    await expect(this.page.getByTestId('review-screen')).toBeVisible();
  }

  /** Wait until the figures are computed (by the worker job) and current. */
  async expectFresh(): Promise<void> {
    await expect(this.page.getByTestId('review-status')).toHaveAttribute('data-state', 'fresh');
  }

  figure(task: string, key: string): Locator {
    return this.page
      .getByTestId(`figures-${task}`)
      .locator(`[data-figure="${key}"] td.num`)
      .first();
  }

  async openItem(itemId: string): Promise<void> {
    await this.page.locator(`[data-testid="queue-row"][data-item-id="${itemId}"]`).click();
    await expect(this.item).toHaveAttribute('data-item-id', itemId);
  }

  async adjudicate(choice: string, note: string): Promise<void> {
    await this.page.getByTestId(`decide-${choice}`).click();
    await this.page.getByTestId('adjudication-note').fill(note);
    await this.page.getByTestId('adjudication-save').click();
    await expect(this.page.getByTestId('current-decision')).toContainText(note);
  }
}
