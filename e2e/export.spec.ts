import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { duckdb, lit } from '../db/test-support/duckdb';
import { ExportDialog } from './pages/export-dialog';
import { LabellingPage } from './pages/labelling-page';
import { REPO, serveProject, type Served } from './support/rankwise';

const FIXTURE = join(REPO, 'e2e', 'fixtures', 'six-items.jsonl');

let served: Served;
test.beforeEach(async () => {
  served = await serveProject(FIXTURE, { name: 'Ada', id: '0190a000-0000-7000-8000-000000000003' });
});
test.afterEach(async () => served.stop());

test('the export dialog previews each policy, writes a dataset folder, and downloads it as a zip', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const labelling = new LabellingPage(page);
  await labelling.open(served.url);
  // Four items: A better, B better, a tie, both bad.
  for (const key of ['1', '2', 't', 'b']) await labelling.pressAndAdvance(key);
  await labelling.expectProgress(4, 6);

  const dialog = new ExportDialog(page);
  await dialog.openWithKey();
  // TRL by default: two preference rows; the tie and the both-bad are counted as left out.
  await dialog.expectPreview(
    /^2 rows from 4 judgments on 4 items\. Left out: 1 ties, 1 both-bad\.$/,
  );
  expect(await dialog.policyRows('majority')).toBe('2');
  await expect(page.getByTestId('export-preview-rows').locator('dl')).toHaveCount(2);

  // KTO keeping ties: the tie gives two desirable rows, both-bad two undesirable ones.
  await dialog.select('export-format', 'kto');
  await dialog.select('export-ties', 'keep');
  await dialog.expectPreview(/^8 rows from 4 judgments/);
  await dialog.select('export-container', 'folder');
  await page.getByText('Filters and split').click();
  await page.getByTestId('export-split').fill('50');
  await dialog.expectPreview(/^8 rows \(train \d, test \d\)/);
  const shot = test.info().outputPath('export-dialog.png');
  await page.screenshot({ path: shot });
  if (process.env['UPDATE_SCREENSHOTS'])
    copyFileSync(shot, join(REPO, 'docs', 'screenshots', 'export-dialog.png'));

  expect(await dialog.run()).toMatch(/^Wrote 8 rows \(0 ties and 0 both-bad left out\)/);
  await expect(page.getByTestId('export-counts')).toContainText(/Train \d, test \d\./);
  await expect(page.getByTestId('export-download')).toHaveText('Download (zip)');
  // The zip downloaded by itself; the link fetches the same files again (zipped anew, so
  // compared by the names and contents inside, not by the archive's bytes and dates).
  const zip = await dialog.downloadPath();
  const again = await dialog.downloadAgainPath();
  for (const args of [['-Z1'], ['-p']])
    expect(spawnSync('unzip', [...args, again]).stdout).toEqual(
      spawnSync('unzip', [...args, zip]).stdout,
    );

  // Independent readers: unzip for the archive, DuckDB for the Parquet inside it.
  expect(spawnSync('unzip', ['-t', zip], { encoding: 'utf8' }).status).toBe(0);
  const names = spawnSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).stdout.trim().split('\n');
  const root = names[0]!.split('/')[0]!;
  expect(names).toContain(`${root}/README.md`);
  const out = mkdtempSync(join(tmpdir(), 'rankwise-zip-'));
  expect(spawnSync('unzip', ['-q', zip, '-d', out]).status).toBe(0);
  const rows = await duckdb(
    `SELECT completion, label FROM read_parquet(${lit(join(out, root, 'data', '*.parquet'))})`,
  );
  expect(rows).toHaveLength(8);
  expect(rows.filter((r) => r['label'] === true)).toHaveLength(4);
  const card = readFileSync(join(out, root, 'README.md'), 'utf8');
  expect(card).toContain('Ties and both-bad: `keep`');
  expect(errors).toEqual([]);
});

test('the preview follows the criterion and the format, and warns when nothing would be written', async ({
  page,
}) => {
  const labelling = new LabellingPage(page);
  await labelling.open(served.url);
  await labelling.pressAndAdvance('1');
  const dialog = new ExportDialog(page);
  await dialog.openWithKey();
  await dialog.expectPreview(/^1 rows from 1 judgments/);
  // The pairwise judgment has no verdict on the rating aspect "overall": nothing to export.
  await dialog.select('export-criterion', 'overall');
  await dialog.expectPreview(
    /^0 rows from 1 judgments on 1 items\. Left out: 1 nothing on the criterion\.$/,
  );
  await expect(dialog.preview).toContainText('No rows were produced');
  // Raw has no policy to choose: every revision is a row.
  await dialog.select('export-format', 'raw');
  await dialog.expectPreview(/^1 rows from 1 judgments/);
  await expect(page.getByTestId('export-policy')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(dialog.dialog).toBeHidden();
});
