import { app, BrowserWindow, dialog, session, shell, type WebContents } from 'electron';
import { externalLinkDecision } from './policy/external-links';
import { navigationDecision, windowOpenDecision } from './policy/navigation';
import { devicePermissionDecision, permissionDecision } from './policy/permissions';

/**
 * App-wide locks, applied before any window exists: no web contents may navigate away from
 * our origin, be redirected, open a window or attach a webview; every permission request
 * and check is denied (policy/permissions.ts). An https link that asks for a new window is
 * offered to the user's browser after they confirm the address.
 */
export function hardenApp(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (e, url) => {
      if (navigationDecision(url) === 'deny') e.preventDefault();
    });
    contents.on('will-frame-navigate', (e) => {
      if (navigationDecision(e.url) === 'deny') e.preventDefault();
    });
    contents.on('will-redirect', (e, url) => {
      if (navigationDecision(url) === 'deny') e.preventDefault();
    });
    contents.setWindowOpenHandler((details) => {
      const linkClick = details.disposition !== 'other';
      void offerExternal(contents, details.url, linkClick);
      return windowOpenDecision();
    });
    contents.on('will-attach-webview', (e) => e.preventDefault());
  });
  void app.whenReady().then(() => {
    const s = session.defaultSession;
    s.setPermissionRequestHandler((_wc, permission, callback, details) =>
      callback(permissionDecision(permission, details.requestingUrl)),
    );
    s.setPermissionCheckHandler((_wc, permission, requestingOrigin) =>
      permissionDecision(permission, requestingOrigin),
    );
    s.setDevicePermissionHandler((details) => devicePermissionDecision(details.deviceType));
    // Nothing is downloaded into the app's session (exports are written by the backend).
    s.on('will-download', (e) => e.preventDefault());
  });
}

/** shell.openExternal, only through policy/external-links.ts and the user's confirmation. */
export async function offerExternal(
  contents: WebContents | null,
  url: string,
  userGesture: boolean,
): Promise<void> {
  const decision = externalLinkDecision(url, { userGesture });
  if (decision.action === 'deny') return;
  const options = {
    type: 'question' as const,
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: decision.message,
    detail: decision.detail,
  };
  const owner = contents ? BrowserWindow.fromWebContents(contents) : null;
  const { response } = owner
    ? await dialog.showMessageBox(owner, options)
    : await dialog.showMessageBox(options);
  if (response === 0) await shell.openExternal(decision.url);
}
