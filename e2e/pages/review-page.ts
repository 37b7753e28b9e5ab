import { expect, type Locator, type Page } from '@playwright/test';
import { openView } from './nav';

/** The Team screen as a lead uses it: pick labellers' files and merge them. */
export class TeamPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await openView(this.page, 'team');
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

/**
 * The Review screen: the figures (Agreement), and the disagreement queue beside the item
 * being adjudicated (Disagreements), with the decision always in view below the item.
 */
export class ReviewPage {
  readonly queueRows: Locator;
  readonly item: Locator;
  readonly save: Locator;

  constructor(readonly page: Page) {
    this.queueRows = page.getByTestId('queue-row');
    this.item = page.getByTestId('review-item');
    this.save = page.getByTestId('adjudication-save');
  }

  async open(): Promise<void> {
    await openView(this.page, 'review');
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

  /** Show the queue (and the item being adjudicated) instead of the figures. */
  async openQueue(): Promise<void> {
    await this.page.getByTestId('review-pane-queue').click();
    await expect(this.page.getByTestId('queue-pane')).toBeVisible();
  }

  queueRow(itemId: string): Locator {
    return this.page.locator(`[data-testid="queue-row"][data-item-id="${itemId}"]`);
  }

  async openItem(itemId: string): Promise<void> {
    if (!(await this.page.getByTestId('queue-pane').isVisible())) await this.openQueue();
    await this.queueRow(itemId).click();
    await expect(this.item).toHaveAttribute('data-item-id', itemId);
  }

  /** A labeller's verdict on the open item, and which response was which letter for them. */
  verdict(labeller: string): { said: Locator; saw: Locator; rationale: Locator } {
    const card = this.page.getByTestId('review-judgments').locator(`[data-labeller="${labeller}"]`);
    return {
      said: card.getByTestId('review-verdict'),
      saw: card.getByTestId('review-saw'),
      rationale: card.getByTestId('review-rationale'),
    };
  }

  /**
   * Decide the open item with a note and save. Saving moves on to the next open
   * disagreement, so this waits for the decided row to show its decision in the queue.
   */
  async adjudicate(choice: string, note: string): Promise<void> {
    const itemId = await this.item.getAttribute('data-item-id');
    await this.page.getByTestId(`decide-${choice}`).click();
    await this.page.getByTestId('adjudication-note').fill(note);
    await this.save.click();
    await expect(this.queueRow(itemId!).getByTestId('queue-decision')).toBeVisible();
  }
}
