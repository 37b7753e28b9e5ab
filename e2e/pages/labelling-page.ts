import { expect, type Locator, type Page } from '@playwright/test';
import { openView } from './nav';

/** The labelling screen as a labeller uses it: read the responses, press keys, watch progress. */
export class LabellingPage {
  readonly screen: Locator;
  readonly progressText: Locator;
  readonly rationale: Locator;
  readonly draftStatus: Locator;
  readonly responses: Locator;
  readonly judgment: Locator;
  readonly submitButton: Locator;
  /** What is still missing ("To do: …", or "Ready: Enter submits"). */
  readonly formStatus: Locator;
  /** A submit refused for what is missing ("Not yet: …"). */
  readonly formProblem: Locator;
  /** The confirmation of the last save in the item bar. */
  readonly savedNote: Locator;
  /** The "submit as soon as complete" switch beside the judgment. */
  readonly autoSubmit: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('labelling');
    this.progressText = page.getByTestId('progress-text');
    this.rationale = page.getByTestId('rationale');
    this.draftStatus = page.getByTestId('draft-status');
    this.responses = page.getByTestId('responses');
    this.judgment = page.getByTestId('judgment');
    this.submitButton = page.getByTestId('action-submit');
    this.formStatus = page.getByTestId('form-status');
    this.formProblem = page.getByTestId('form-problem');
    this.savedNote = page.getByTestId('saved-note');
    this.autoSubmit = page.getByTestId('auto-submit-toggle');
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.screen).toBeVisible();
  }

  async itemId(): Promise<string> {
    return (await this.screen.getAttribute('data-item-id'))!;
  }

  /** A response's text as shown (formatted), by its letter. */
  async responseText(slot: string): Promise<string> {
    return (await this.page.getByTestId(`response-${slot}-text`).innerText()).trim();
  }

  async promptText(): Promise<string> {
    return (await this.page.getByTestId('prompt').innerText()).trim();
  }

  /** Letters of the responses on screen (A, B… in display order). */
  async letters(): Promise<string[]> {
    return this.testIds(
      this.page.getByTestId('responses').locator('article[data-testid^="response-"]'),
      'response-',
    );
  }

  /** The test ids of the elements a locator finds, in page order, less a prefix. */
  private async testIds(list: Locator, prefix: string): Promise<string[]> {
    const ids: string[] = [];
    for (const el of await list.all())
      ids.push(((await el.getAttribute('data-testid')) ?? '').slice(prefix.length));
    return ids;
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
    await this.expectSaved();
  }

  /**
   * No judgment is on its way to disk: the next item shows as soon as a key judges, and the
   * save finishes behind it, so a test that reads the project file waits for this first.
   */
  async expectSaved(): Promise<void> {
    await expect(this.page.locator('[data-testid="save-status"][data-saving]')).toHaveCount(0);
  }

  /** Wait until another item than `before` is shown (and the judgment on `before` is saved). */
  async expectMovedFrom(before: string): Promise<void> {
    await expect(this.screen).not.toHaveAttribute('data-item-id', before);
    await this.expectSaved();
  }

  async expectProgress(done: number, total: number): Promise<void> {
    await expect(this.progressText).toHaveText(`${done} / ${total}`);
  }

  async expectItem(id: string): Promise<void> {
    await expect(this.screen).toHaveAttribute('data-item-id', id);
    await this.expectSaved();
  }

  /** Every text on screen has been formatted (or given up on and shown plain). */
  async expectFormatted(): Promise<void> {
    await expect(
      this.page.locator('[data-testid="item-content"] .markdown[data-render="pending"]'),
    ).toHaveCount(0);
  }

  /** A control of the judgment bar by its accessible name. */
  control(name: string | RegExp): Locator {
    return this.page
      .getByTestId('judgment')
      .getByRole('button', { name, exact: typeof name === 'string' });
  }

  async expectPressed(name: string | RegExp, pressed = true): Promise<void> {
    await expect(this.control(name)).toHaveAttribute('aria-pressed', String(pressed));
  }

  async expectDraftKept(): Promise<void> {
    await expect(this.draftStatus).toHaveAttribute('data-status', 'saved');
  }

  // ---- ranking ----

  /** The ranking as shown: letters above the line, best first. */
  async ranking(): Promise<string[]> {
    const rows = await this.testIds(this.page.getByTestId('ranking-board').locator('li'), '');
    const cut = rows.indexOf('rank-divider');
    return rows.slice(0, cut).map((r) => r.slice('rank-row-'.length));
  }

  /** Drag a response's row onto another row (or the line), the way a mouse does. */
  async dragRank(letter: string, target: string): Promise<void> {
    const from = this.page.getByTestId(`rank-row-${letter}`).locator('.rank-handle');
    const to = this.page.getByTestId(target === 'line' ? 'rank-divider' : `rank-row-${target}`);
    // Rows slide into place after a drop (a CSS transition): measured mid-slide, the target
    // box is where a row was, not where it will be. On a busy machine the slide runs long.
    // (Polled from here: waitForFunction's in-page polling needs eval, which the CSP refuses.)
    const settled = async () => {
      for (let i = 0; i < 100; i++) {
        const moving = await this.page.evaluate(() =>
          (
            globalThis as unknown as { document: { getAnimations(): Array<{ playState: string }> } }
          ).document
            .getAnimations()
            .some((x) => x.playState === 'running'),
        );
        if (!moving) return;
        await this.page.waitForTimeout(25);
      }
    };
    // A box measured twice, 50 ms apart, the same: rows re-laid out after the last drop
    // (the "all ranked" line appearing) are not mid-move.
    const steadyBox = async (l: typeof from) => {
      let box = (await l.boundingBox())!;
      for (let i = 0; i < 40; i++) {
        await this.page.waitForTimeout(50);
        const again = (await l.boundingBox())!;
        if (again.x === box.x && again.y === box.y && again.height === box.height) return again;
        box = again;
      }
      return box;
    };
    const row = this.page.getByTestId(`rank-row-${letter}`);
    let b = (await to.boundingBox())!;
    for (let attempt = 0; ; attempt++) {
      await settled();
      const a = await steadyBox(from);
      b = await steadyBox(to);
      await this.page.mouse.move(a.x + 20, a.y + a.height / 2);
      await this.page.mouse.down();
      // Past the drag threshold first (pointer events, not a jump): the row is then dragging.
      await this.page.mouse.move(a.x + 20, a.y + a.height / 2 + 8, { steps: 2 });
      let dragging = false;
      for (let i = 0; i < 40 && !dragging; i++) {
        dragging = ((await row.getAttribute('class')) ?? '').includes('rank-dragging');
        if (!dragging) await this.page.waitForTimeout(25);
      }
      if (dragging) break;
      // The press missed the handle (the page moved under it): let go, as a hand would, and
      // take it again. A drag that starts and then does not reorder still fails the test.
      await this.page.mouse.up();
      if (attempt === 2) throw new Error(`dragging response ${letter} never started`);
    }
    await this.page.mouse.move(b.x + 20, b.y + b.height / 2, { steps: 12 });
    // Drop only once the app has taken the pointer there: a row target has slid out of the
    // way (dnd-kit shifts it). Playwright's moves arrive in a burst a busy page may not have
    // handled yet; a hand is slower. Small moves keep the pointer live meanwhile.
    if (target !== 'line') {
      for (let i = 0; i < 80; i++) {
        const shifted = await to.evaluate((el) =>
          /translate3d\(0px, -?[1-9]/.test(
            (el as unknown as { style: { transform: string } }).style.transform,
          ),
        );
        if (shifted) break;
        await this.page.mouse.move(b.x + 20 + (i % 2), b.y + b.height / 2);
        await this.page.waitForTimeout(25);
      }
    }
    await settled();
    await this.page.mouse.move(b.x + 21, b.y + b.height / 2);
    await this.page.mouse.up();
  }
}

export { ExportDialog } from './export-dialog';

/** The lead's settings screen. */
export class SettingsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await openView(this.page, 'settings');
    await expect(this.page.getByTestId('settings')).toBeVisible();
  }

  async saveTask(): Promise<string> {
    await this.page.getByTestId('settings-save').click();
    const status = this.page.getByTestId('settings-status');
    await expect(status).toHaveText(/Saved as version \d+/);
    return status.innerText();
  }

  async writeGuidelines(markdown: string): Promise<void> {
    const before = await this.page.getByTestId('guidelines-editor-version').innerText();
    await this.page.getByTestId('guidelines-editor').fill(markdown);
    await this.page.getByTestId('guidelines-save').click();
    await expect(this.page.getByTestId('guidelines-editor-version')).not.toHaveText(before);
  }
}

/** The item browser. */
export class BrowserPage {
  readonly list: Locator;
  constructor(readonly page: Page) {
    this.list = page.getByTestId('browser-list');
  }

  async openWithKey(): Promise<void> {
    await this.page.keyboard.press('i');
    await expect(this.page.getByTestId('item-browser')).toBeVisible();
  }

  rows(): Locator {
    return this.page.getByTestId('browser-row');
  }

  async expectCount(n: number): Promise<void> {
    await expect(this.page.getByTestId('browser-count')).toHaveText(
      `${n.toLocaleString('en-US')} item${n === 1 ? '' : 's'}`,
    );
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId('browser-search').fill(text);
  }

  async filter(id: string): Promise<void> {
    await this.page.getByTestId(`filter-${id}`).click();
  }
}
