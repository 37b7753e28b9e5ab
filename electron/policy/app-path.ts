import { realpathSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin';

export type AppPathResult = { file: string } | { status: 400 | 404; reason: string };

/**
 * Map an app:// request onto a file of the built renderer, or refuse it. Only our host; the
 * path decoded once and refused if it holds a NUL, a backslash or a `..` segment; resolved
 * under the renderer folder, also after following symlinks, so no request can read a file
 * outside it.
 */
export function resolveAppPath(rendererDir: string, requestUrl: string): AppPathResult {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { status: 400, reason: 'not a URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST)
    return { status: 404, reason: 'not our host' };
  let rel: string;
  try {
    rel = decodeURIComponent(url.pathname);
  } catch {
    return { status: 400, reason: 'malformed path' };
  }
  if (rel.includes('\0') || rel.includes('\\'))
    return { status: 400, reason: 'forbidden character' };
  if (rel.split('/').some((segment) => segment === '..'))
    return { status: 404, reason: 'outside the app' };
  const root = resolve(rendererDir);
  const file = resolve(root, rel === '/' ? 'index.html' : `.${rel}`);
  if (!file.startsWith(root + sep)) return { status: 404, reason: 'outside the app' };
  try {
    const real = realpathSync(file);
    if (!real.startsWith(realpathSync(root) + sep))
      return { status: 404, reason: 'outside the app' };
    // No directory listings, no devices: regular files only.
    if (!statSync(real).isFile()) return { status: 404, reason: 'not a file' };
    return { file: real };
  } catch {
    return { status: 404, reason: 'no such file' };
  }
}
