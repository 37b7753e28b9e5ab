import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../shared/security/csp';
import { APP_SCHEME } from './policy/app-origin';
import { resolveAppPath } from './policy/app-path';

export { APP_HOST, APP_ORIGIN, APP_SCHEME } from './policy/app-origin';

/**
 * Must run before app 'ready'. `standard` and `secure` give the page a real origin and a
 * secure context; nothing else (no bypassCSP, no CORS exemptions, no service workers).
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Serve the built renderer from app://rankwise/ instead of file://, so the page has a real
 * origin to check and cannot read arbitrary files: every request goes through
 * resolveAppPath (host, traversal and symlink checks), and every response carries the CSP.
 */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const resolved = resolveAppPath(rendererDir, request.url);
    if ('status' in resolved) return new Response(resolved.reason, { status: resolved.status });
    const res = await net.fetch(pathToFileURL(resolved.file).toString());
    const headers = new Headers(res.headers);
    headers.set('content-security-policy', CONTENT_SECURITY_POLICY);
    headers.set('x-content-type-options', 'nosniff');
    headers.set('cross-origin-opener-policy', 'same-origin');
    return new Response(res.body, { status: res.status, headers });
  });
}
