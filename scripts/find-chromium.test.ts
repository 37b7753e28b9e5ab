import { describe, expect, it } from 'vitest';
import { findChromium, systemCandidates } from './find-chromium.mjs';

const none = () => ({ reason: 'registry: none here' });

describe('findChromium', () => {
  const everywhere = {
    env: { CHROMIUM_PATH: '/opt/env-chromium', PATH: '/usr/bin' },
    platform: 'linux' as const,
    exists: () => true,
    playwright: () => '/home/u/.cache/ms-playwright/chromium-1/chrome',
    registry: () => ({ path: '/repo/node_modules/.cache/rankwise-chromium/143/chromium' }),
  };

  it('takes $CHROMIUM_PATH first, then a system browser, then Playwright’s, then the registry’s', () => {
    expect(findChromium(everywhere)).toEqual({ path: '/opt/env-chromium', source: 'env' });
    const noEnv = { ...everywhere, env: { PATH: '/usr/bin' } };
    expect(findChromium(noEnv)).toEqual({ path: '/usr/bin/chromium', source: 'system' });
    const onlyPw = { ...noEnv, exists: (p: string) => p.includes('ms-playwright') };
    expect(findChromium(onlyPw).source).toBe('playwright');
    const onlyRegistry = { ...noEnv, exists: () => false };
    expect(findChromium(onlyRegistry)).toEqual({
      path: '/repo/node_modules/.cache/rankwise-chromium/143/chromium',
      source: 'registry',
    });
  });

  it('skips a $CHROMIUM_PATH that does not exist', () => {
    const r = findChromium({
      ...everywhere,
      exists: (p: string) => p === '/usr/bin/google-chrome',
    });
    expect(r).toEqual({ path: '/usr/bin/google-chrome', source: 'system' });
  });

  it('can be held to one source, whatever else is installed', () => {
    expect(findChromium({ ...everywhere, only: 'registry' }).source).toBe('registry');
    expect(() => findChromium({ ...everywhere, only: 'registry', registry: none })).toThrow(
      /No Chromium found: registry: none here/,
    );
  });

  it('names every place it looked when there is no browser', () => {
    const err = () =>
      findChromium({
        env: { CHROMIUM_PATH: '/nope', PATH: '' },
        platform: 'linux',
        exists: () => false,
        playwright: () => null,
        registry: none,
      });
    expect(err).toThrow(
      'No Chromium found: CHROMIUM_PATH=/nope does not exist; no system Chromium or Chrome in the usual places or on the PATH; no browser downloaded by Playwright; registry: none here.',
    );
  });
});

describe('systemCandidates', () => {
  it('looks in the Linux install places and along the PATH', () => {
    const c = systemCandidates('linux', { PATH: '/usr/bin:/home/u/bin' });
    expect(c.slice(0, 2)).toEqual(['/usr/bin/chromium', '/usr/bin/chromium-browser']);
    expect(c).toContain('/home/u/bin/google-chrome');
    expect(new Set(c).size).toBe(c.length);
  });

  it('looks in /Applications on macOS and Program Files on Windows', () => {
    expect(systemCandidates('darwin', { HOME: '/Users/u' })).toContain(
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    );
    const win = systemCandidates('win32', { PROGRAMFILES: 'C:\\Program Files' });
    expect(win.some((p) => p.includes('Google') && p.endsWith('chrome.exe'))).toBe(true);
  });
});
