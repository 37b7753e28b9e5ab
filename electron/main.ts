/**
 * The Electron shell: lifecycle, one window, IPC binding. Deliberately thin: everything it
 * serves comes from db/ through the same dispatch the browser host uses.
 */
import { app, BrowserWindow, dialog } from 'electron';
import { join } from 'node:path';
import { createBackend, type Backend } from '../db/backend';
import { fileIdentityStore } from '../db/identity-file';
import { openProject } from '../db/open';
import { hardenApp } from './hardening';
import { bindIpc } from './ipc';
import { registerAppScheme, serveRenderer } from './protocol';
import { createMainWindow } from './window';

const distDir = join(__dirname, '..');
let backend: Backend | null = null;

registerAppScheme();
hardenApp();

/** The project to open: the first argument that is not a flag, or RANKWISE_PROJECT. */
function projectFromArgs(argv: string[]): string | undefined {
  const args = argv.slice(app.isPackaged ? 1 : 2).filter((a) => !a.startsWith('-'));
  return args[0] ?? process.env['RANKWISE_PROJECT'];
}

void app.whenReady().then(() => {
  serveRenderer(join(distDir, 'renderer'));
  const projectPath = projectFromArgs(process.argv);
  if (!projectPath) {
    dialog.showErrorBox('Rankwise', 'No project to open. Start Rankwise with a .rankwise file.');
    app.quit();
    return;
  }
  try {
    backend = createBackend({
      project: openProject(projectPath),
      host: 'electron',
      identity: fileIdentityStore(join(app.getPath('userData'), 'identity.json')),
    });
  } catch (e) {
    dialog.showErrorBox('Rankwise could not open the project', (e as Error).message);
    app.quit();
    return;
  }
  bindIpc(backend);
  createMainWindow(join(distDir, 'electron', 'preload.cjs'));
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0)
      createMainWindow(join(distDir, 'electron', 'preload.cjs'));
  });
});

app.on('window-all-closed', () => {
  void backend?.close().finally(() => app.quit());
});
