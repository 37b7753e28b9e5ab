import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findElectronBinary } from '../scripts/electron-binary.mjs';
import { ExportDialog, LabellingPage } from './pages/labelling-page';
import { REPO, rankwise } from './support/rankwise';

const binary = findElectronBinary();

/**
 * The same flow as the browser suite, in the real Electron shell. Machines without an
 * Electron binary (no internet access to its download) report this test as skipped, with
 * the reason, rather than passing it.
 */
test('Electron: identify, judge by keyboard, undo, export', async () => {
  test.skip(binary.path === null, `Electron e2e skipped: ${binary.reason}`);
  const dir = mkdtempSync(join(tmpdir(), 'rankwise-electron-'));
  const project = join(dir, 'e.rankwise');
  expect(
    rankwise(['import', join(REPO, 'e2e', 'fixtures', 'six-items.jsonl'), '--into', project]).code,
  ).toBe(0);
  const app = await electron.launch({
    executablePath: binary.path!,
    args: [join(REPO, 'dist', 'electron', 'main.cjs'), project],
    env: { ...process.env, RANKWISE_CONFIG_DIR: join(dir, 'config') },
  });
  try {
    const page = await app.firstWindow();
    await page.getByTestId('identify-name').fill('Grace');
    await page.getByTestId('identify-submit').click();
    const labelling = new LabellingPage(page);
    await expect(labelling.screen).toBeVisible();
    const picks: string[] = [];
    picks.push(await labelling.responseText('A'));
    await labelling.pressAndAdvance('1');
    picks.push(await labelling.responseText('B'));
    await labelling.pressAndAdvance('2');
    await labelling.pressAndAdvance('t');
    await labelling.pressAndAdvance('u');
    await labelling.expectItem('e3');
    await labelling.expectProgress(2, 6);
    const dialog = new ExportDialog(page);
    await dialog.openWithKey();
    const summary = await dialog.run();
    expect(summary).toMatch(/^Wrote 2 rows/);
    const path = /to (.+\.jsonl)$/.exec(summary.trim())![1]!;
    const rows = readFileSync(path, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { chosen: string });
    expect(rows.map((r) => r.chosen)).toEqual(picks);
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
