import { chromiumLaunchOptions as launchOptions } from '../../scripts/find-chromium.mjs';

/**
 * How every browser run here starts Chromium: the one the browser finder returns
 * (scripts/find-chromium.mjs: $CHROMIUM_PATH, a system Chromium or Chrome, Playwright's own,
 * else the one inside the @sparticuz/chromium package), never a downloaded one. Shared by the
 * Playwright config and the UI benches.
 */
export const chromiumLaunchOptions = launchOptions();
