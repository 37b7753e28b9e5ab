import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { populatedProject } from '../db/test-support/populated';
import { tempDir } from '../db/test-support/temp-project';
import { LabellingPage } from './pages/labelling-page';
import { REPO, rankwise } from './support/rankwise';

/**
 * A person's link to a team host, opened in Chromium: the token is traded for an HttpOnly
 * cookie and gone from the address before the page runs, never sent as a Referer, unreadable by
 * the page's script, and the page works on the cookie alone (its calls and its event stream).
 */
test('a team link becomes an HttpOnly cookie; the token leaves the address, the history and the Referer', async ({
  page,
}) => {
  const t = tempDir('rankwise-e2e-team-');
  const { path } = await populatedProject(t.dir, { items: 4, judged: 0, name: 'team.rankwise' });
  const invited = rankwise(['invite', path, '--name', 'Ada', '--role', 'labeller', '--json']);
  expect(invited.code).toBe(0);
  const { token, url: link } = JSON.parse(invited.stdout) as { token: string; url: string };
  const child = spawn(
    process.execPath,
    [join(REPO, 'bin', 'rankwise.mjs'), 'serve', path, '--team'],
    {
      env: { ...process.env, RANKWISE_CONFIG_DIR: join(t.dir, 'config') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  try {
    const base = new URL(
      await new Promise<string>((ok, fail) => {
        createInterface({ input: child.stdout }).once('line', ok);
        child.once('exit', (code) => fail(new Error(`rankwise serve --team exited with ${code}`)));
      }),
    ).origin;
    const sent: Array<{ url: string; referer: string | undefined }> = [];
    page.on('request', (r) => sent.push({ url: r.url(), referer: r.headers()['referer'] }));

    const labelling = new LabellingPage(page);
    await labelling.open(`${base}${link}`);
    await labelling.expectProgress(0, 4);
    // Ada's queue, through the cookie: answer one and the next comes.
    await labelling.pressAndAdvance('1');
    await labelling.expectProgress(1, 4);

    expect(page.url()).toBe(`${base}/`);
    const seen = await page.evaluate<{ cookie: string; navigation: string[]; stored: string }>(`({
      cookie: document.cookie,
      navigation: performance.getEntriesByType('navigation').map((e) => e.name),
      stored: JSON.stringify({ ...sessionStorage, ...localStorage }),
    })`);
    expect(seen.cookie).toBe('');
    expect(seen.navigation).toEqual([`${base}/`]);
    expect(seen.stored).not.toContain(token);
    const cookies = await page.context().cookies(base);
    expect(cookies).toEqual([
      expect.objectContaining({ value: token, httpOnly: true, sameSite: 'Strict' }),
    ]);
    // Only the link itself carried the token; no request after it, and no Referer, ever did.
    expect(sent.filter((r) => r.url.includes(token)).map((r) => r.url)).toEqual([`${base}${link}`]);
    expect(sent.filter((r) => r.referer?.includes(token) ?? false)).toEqual([]);
    expect(sent.length).toBeGreaterThan(3);
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    t.cleanup();
  }
});

/**
 * Links arrive by mail or chat, so they are opened from another site. The browser does not
 * send a SameSite=Strict cookie on a navigation that began on another site, even after the
 * redirect: the page must still load (its files are the public UI, no project data) and then
 * work, its own calls being same-site.
 */
test('a team link clicked on another site opens the page, which works on the cookie', async ({
  page,
}) => {
  const t = tempDir('rankwise-e2e-team-');
  const { path } = await populatedProject(t.dir, { items: 4, judged: 0, name: 'team.rankwise' });
  const invited = rankwise(['invite', path, '--name', 'Bo', '--role', 'labeller', '--json']);
  const { url: link } = JSON.parse(invited.stdout) as { url: string };
  const child = spawn(
    process.execPath,
    [join(REPO, 'bin', 'rankwise.mjs'), 'serve', path, '--team'],
    {
      env: { ...process.env, RANKWISE_CONFIG_DIR: join(t.dir, 'config') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  // Another site: "localhost" and "127.0.0.1" are different sites to a browser.
  const mail = createServer((_, res) => {
    res.setHeader('content-type', 'text/html');
    res.end(`<a id="go" href="${target}">your link</a>`);
  });
  let target = '';
  try {
    const base = new URL(
      await new Promise<string>((ok, fail) => {
        createInterface({ input: child.stdout }).once('line', ok);
        child.once('exit', (code) => fail(new Error(`rankwise serve --team exited with ${code}`)));
      }),
    ).origin;
    target = `${base}${link}`;
    await new Promise<void>((r) => mail.listen(0, 'localhost', () => r()));
    const { port } = mail.address() as { port: number };
    await page.goto(`http://localhost:${port}/`);
    await page.click('#go');
    const labelling = new LabellingPage(page);
    await expect(labelling.screen).toBeVisible();
    await labelling.expectProgress(0, 4);
    await labelling.pressAndAdvance('1');
    await labelling.expectProgress(1, 4);
    expect(page.url()).toBe(`${base}/`);
  } finally {
    mail.close();
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    t.cleanup();
  }
});
