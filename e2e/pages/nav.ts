import { expect, type Page } from '@playwright/test';

/**
 * Open a view from the top bar as a person does: its tab, or, in a window too narrow for the
 * tabs, the menu button first (the menu's entries carry the same `tab-<id>` test ids).
 */
export async function openView(page: Page, id: string): Promise<void> {
  const tab = page.getByTestId(`tab-${id}`);
  const menu = page.getByTestId('nav-menu');
  await expect(tab.or(menu).first()).toBeVisible();
  if (!(await tab.isVisible())) await menu.click();
  await tab.click();
}
