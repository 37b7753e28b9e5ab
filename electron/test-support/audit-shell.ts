import type { FakeWebContents, Recording } from './fake-electron';

/** What the renderer's window must be given, whatever Electron's defaults are this year. */
export const REQUIRED_WEB_PREFERENCES: Record<string, unknown> = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
};

function prevented(contents: FakeWebContents, event: string, ...args: unknown[]): boolean {
  let stopped = false;
  const e = { preventDefault: () => (stopped = true), url: args[0] };
  contents.emit(event, e, ...args);
  return stopped;
}

/**
 * Audit what the built main process asked of Electron (recorded by fake-electron.ts): the
 * window's webPreferences, the app:// protocol, session permission handlers, navigation and
 * window-open guards, IPC sender checks, single instance, the menu. Returns every violation
 * found, so a test can show both that the real bundle passes and that a weakened one fails.
 */
export async function auditShell(rec: Recording): Promise<string[]> {
  const v: string[] = [];
  const win = rec.windows[0];
  if (!win) return ['no window was created'];
  const prefs = (win.options['webPreferences'] ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(REQUIRED_WEB_PREFERENCES)) {
    if (prefs[key] !== value)
      v.push(`webPreferences.${key} is ${String(prefs[key])}, must be ${String(value)}`);
  }
  if ('enableBlinkFeatures' in prefs) v.push('webPreferences.enableBlinkFeatures is set');
  if (!String(prefs['preload']).endsWith('preload.cjs')) v.push('the preload is not preload.cjs');
  if (!win.loadedUrl?.startsWith('app://rankwise/'))
    v.push(`the window loads ${win.loadedUrl}, not app://rankwise/`);

  // The app:// scheme and its handler.
  const scheme = rec.privilegedSchemes.find((s) => (s as { scheme?: string }).scheme === 'app') as
    { privileges: Record<string, boolean> } | undefined;
  if (!scheme) v.push('app:// is not registered');
  else {
    for (const p of ['bypassCSP', 'corsEnabled', 'allowServiceWorkers']) {
      if (scheme.privileges[p]) v.push(`app:// is registered with ${p}`);
    }
  }
  const handler = rec.protocolHandlers.get('app');
  if (!handler) v.push('no app:// handler');
  else {
    const index = await handler(new Request('app://rankwise/'));
    if (index.status !== 200) v.push(`app://rankwise/ answers ${index.status}`);
    if (!index.headers.get('content-security-policy')?.includes("script-src 'self'"))
      v.push('app://rankwise/ is served without the CSP');
    // Deep enough to reach / from wherever the renderer folder is.
    const up = (sep: string) => `..${sep}`.repeat(24);
    for (const url of [
      `app://rankwise/${up('/')}etc/passwd`,
      `app://rankwise/${up('%2f').replace(/\.\./g, '%2e%2e')}etc%2fpasswd`,
      `app://rankwise/${up('%2f')}etc%2fpasswd`,
      `app://rankwise/${up('%5c')}etc%5cpasswd`,
      'app://other/index.html',
    ]) {
      const res = await handler(new Request(url));
      if (res.status < 400) v.push(`${url} answers ${res.status}`);
    }
  }

  // Session: deny by default.
  if (!rec.permissionRequestHandler) v.push('no permission request handler');
  else {
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'clipboard-read',
      'fullscreen',
    ]) {
      let granted: boolean | null = null;
      rec.permissionRequestHandler(null, permission, (ok) => (granted = ok), {
        requestingUrl: 'app://rankwise/',
      });
      if (granted !== false) v.push(`permission ${permission} is not denied`);
    }
  }
  if (!rec.permissionCheckHandler) v.push('no permission check handler');
  else if (rec.permissionCheckHandler(null, 'media', 'app://rankwise') !== false)
    v.push('permission checks are not denied');
  if (!rec.devicePermissionHandler) v.push('no device permission handler');
  else if (rec.devicePermissionHandler({ deviceType: 'hid' }) !== false)
    v.push('devices are not denied');

  // Navigation, redirects, new windows, webviews.
  const wc = win.webContents;
  if (!prevented(wc, 'will-navigate', 'https://evil.example/'))
    v.push('navigation to another origin is allowed');
  if (!prevented(wc, 'will-navigate', 'app://rankwise.evil.example/'))
    v.push('navigation to a look-alike origin is allowed');
  if (!prevented(wc, 'will-navigate', 'file:///etc/passwd'))
    v.push('navigation to file:// is allowed');
  if (prevented(wc, 'will-navigate', 'app://rankwise/index.html'))
    v.push('navigation within the app is refused');
  if (!prevented(wc, 'will-redirect', 'https://evil.example/'))
    v.push('redirects to another origin are allowed');
  if (!prevented(wc, 'will-attach-webview')) v.push('webviews may be attached');
  if (!wc.windowOpenHandler) v.push('no window-open handler');
  else {
    for (const url of [
      'https://example.com/',
      'app://rankwise/index.html',
      'javascript:alert(1)',
    ]) {
      const r = wc.windowOpenHandler({ url, disposition: 'other' });
      if (r.action !== 'deny') v.push(`window.open(${url}) is allowed`);
    }
  }

  // IPC: only our origin may call.
  const call = rec.ipcHandlers.get('rankwise:call');
  if (!call) v.push('no IPC call handler');
  else {
    const foreign = (await call(
      { senderFrame: { url: 'https://evil.example/' } },
      'project.info',
      {},
    )) as { ok: boolean };
    if (foreign.ok) v.push('IPC accepts calls from another origin');
    const missing = (await call({ senderFrame: null }, 'project.info', {})) as { ok: boolean };
    if (missing.ok) v.push('IPC accepts calls without a sender frame');
    const own = (await call(
      { senderFrame: { url: 'app://rankwise/index.html' } },
      'project.info',
      {},
    )) as { ok: boolean };
    if (!own.ok) v.push('IPC refuses our own window');
  }

  if (!rec.singleInstanceLockRequested) v.push('no single-instance lock');
  const labels = JSON.stringify(rec.menu ?? []);
  for (const label of [
    'New Project…',
    'Open Project…',
    'Open Recent',
    'Export…',
    'Backups',
    'Keyboard Shortcuts',
  ]) {
    if (!labels.includes(label)) v.push(`the menu has no “${label}”`);
  }
  return v;
}
