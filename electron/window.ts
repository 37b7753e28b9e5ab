import { BrowserWindow, screen } from 'electron';
import { APP_ORIGIN } from './policy/app-origin';
import { MIN_SIZE, restoreBounds, windowStateStore } from './policy/window-state';

/**
 * The main window. Its webPreferences are written out here, in one literal, by Electron's
 * security checklist — no Node, isolated and sandboxed, web security on, no webview, no
 * insecure content, no experimental features, auxclick off — so that both Electronegativity
 * (which reads this source) and the bundle test (which records what the built main passes)
 * see exactly what runs.
 */
export function createMainWindow(preloadPath: string, stateFile: string): BrowserWindow {
  const store = windowStateStore(stateFile);
  const { bounds, maximized } = restoreBounds(
    store.read(),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Rankwise',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: false,
    },
  });
  if (maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  // Remembered on close: size, position and whether it was maximised.
  win.on('close', () =>
    store.write({ bounds: win.getNormalBounds(), maximized: win.isMaximized() }),
  );
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
