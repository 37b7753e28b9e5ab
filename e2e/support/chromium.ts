/**
 * How every browser run here starts Chromium: Debian's (never a downloaded one), without the
 * background traffic a test must not see. Shared by the Playwright config and the UI benches.
 */
export const chromiumLaunchOptions = {
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};
