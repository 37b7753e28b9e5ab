// A browser as a newcomer's machine with a POSIX locale has it, for e2e/posix-locale.spec.ts:
// the npm registry's Chromium started with no locale variables and no locale override (in a
// process of its own: inside the test runner, Playwright applies its default "en-US" locale
// to every page). Opens the URL given, judges one item, opens Review, and prints what it saw
// as JSON.
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-chromium.mjs';

const url = process.argv[2];
const env = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^(LANG|LANGUAGE|LC_.*)$/.test(k)),
);
const browser = await chromium.launch({
  executablePath: findChromium({ only: 'registry' }).path,
  args: CHROMIUM_ARGS,
  env,
});
const seen = { language: '', errors: [], progress: '', review: false };
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => seen.errors.push(e.message));
  // What the browser reports, before the app's guard replaces an unusable tag.
  seen.language = await page.evaluate('navigator.language');
  await page.goto(url);
  await page.getByTestId('labelling').waitFor({ timeout: 15_000 });
  await page.keyboard.press('1');
  await page.getByTestId('progress-text').filter({ hasText: /^1 \// }).waitFor();
  seen.progress = await page.getByTestId('progress-text').innerText();
  // The review screen draws charts with uPlot, which formats numbers with Intl.
  await page.getByTestId('tab-review').click();
  await page.getByTestId('review-screen').waitFor();
  seen.review = true;
} catch (e) {
  seen.errors.push(`driver: ${e.message.split('\n')[0]}`);
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(seen));
