import { expect, type Locator, type Page } from '@playwright/test';

/** The labelling screen as a labeller uses it: read both sides, press keys, watch progress. */
export class LabellingPage {
  readonly screen: Locator;
  readonly progressText: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('labelling');
    this.progressText = page.getByTestId('progress-text');
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.screen).toBeVisible();
  }

  async itemId(): Promise<string> {
    return (await this.screen.getAttribute('data-item-id'))!;
  }

  async responseText(slot: 'A' | 'B'): Promise<string> {
    return (await this.page.getByTestId(`response-${slot}-text`).innerText()).trim();
  }

  async promptText(): Promise<string> {
    return (await this.page.getByTestId('prompt').innerText()).trim();
  }

  /** Press a key and wait until the app shows another item (or the empty queue). */
  async pressAndAdvance(key: string): Promise<void> {
    const before = await this.itemId();
    await this.page.keyboard.press(key);
    await expect(
      this.page.locator(
        `[data-testid="labelling"]:not([data-item-id="${before}"]), [data-testid="queue-empty"]`,
      ),
    ).toBeVisible();
  }

  async expectProgress(done: number, total: number): Promise<void> {
    await expect(this.progressText).toHaveText(`${done} / ${total}`);
  }

  async expectItem(id: string): Promise<void> {
    await expect(this.screen).toHaveAttribute('data-item-id', id);
  }
}

export { ExportDialog } from './export-dialog';
