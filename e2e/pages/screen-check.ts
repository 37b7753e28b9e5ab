import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Measurements of a screen as a person meets it: what is in view without scrolling, text that
 * should never reach the page, content wider than its box. Boxes and text, never pixels.
 */
export class ScreenCheck {
  constructor(readonly page: Page) {}

  /** The element is shown, and all of it lies inside the window: no scrolling needed to reach it. */
  async expectInView(target: Locator): Promise<void> {
    await expect(target).toBeVisible();
    const box = (await target.boundingBox())!;
    const size = this.page.viewportSize()!;
    expect(box.x, 'left edge in the window').toBeGreaterThanOrEqual(0);
    expect(box.y, 'top edge in the window').toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, 'right edge in the window').toBeLessThanOrEqual(size.width);
    expect(box.y + box.height, 'bottom edge in the window').toBeLessThanOrEqual(size.height);
  }

  /** No internal value or placeholder anywhere in the page's visible text. */
  async expectNoRawText(): Promise<void> {
    const text = await this.page.locator('body').innerText();
    for (const raw of [
      /\bundefined\b/,
      /\bnull\b/,
      /\bNaN\b/,
      /both_bad/,
      /Value:/,
      /: --/,
      /\bInfinity\b/,
    ])
      expect(text, `no ${raw} on the page`).not.toMatch(raw);
  }

  /** Nothing in `box` is wider than it (text that overflows sideways, a table cut off). */
  async expectNoSidewaysOverflow(box: Locator): Promise<void> {
    const { scrollWidth, clientWidth } = await box.evaluate(
      (el: { scrollWidth: number; clientWidth: number }) => ({
        scrollWidth: el.scrollWidth,
        clientWidth: el.clientWidth,
      }),
    );
    expect(scrollWidth, 'content no wider than its box').toBeLessThanOrEqual(clientWidth + 1);
  }

  /** Two elements side by side: `left` ends before `right` starts, and they share some height. */
  async expectBeside(left: Locator, right: Locator): Promise<void> {
    const a = (await left.boundingBox())!;
    const b = (await right.boundingBox())!;
    expect(a.x + a.width).toBeLessThanOrEqual(b.x);
    expect(Math.min(a.y + a.height, b.y + b.height)).toBeGreaterThan(Math.max(a.y, b.y));
  }

  /** The app's dark theme, chosen with the Theme button (system → light → dark). */
  async chooseDarkTheme(): Promise<void> {
    const theme = this.page.getByRole('button', { name: 'Theme' });
    const root = this.page.locator('html');
    for (let i = 0; i < 3 && (await root.getAttribute('data-theme')) !== 'dark'; i++) {
      await theme.click();
    }
    await expect(root).toHaveAttribute('data-theme', 'dark');
  }
}
