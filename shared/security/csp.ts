/**
 * The page's Content-Security-Policy, the same in Electron (app://) and the browser host:
 * only our own scripts, styles and fonts; no inline script, no remote anything, no frames,
 * no forms. Dataset text is rendered as React text nodes, so this is the second wall, not
 * the first.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "font-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
  "object-src 'none'",
].join('; ');
