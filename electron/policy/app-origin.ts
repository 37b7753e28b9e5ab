/**
 * The renderer's origin: the built UI is served from app://rankwise/ (electron/protocol.ts),
 * never file://, so every check below has a real origin to compare against.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'rankwise';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Whether `url` is a page of our own UI. Parsed, never prefix-matched (app://rankwise.evil/). */
export function isAppUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}
