/**
 * The Electron shell: lifecycle, one window, menus, dialogs, the IPC binding. Deliberately
 * thin: everything it serves comes from db/ through the same ProjectHost and dispatch the
 * browser host uses, and every decision worth testing lives in electron/policy/.
 */
import { app, BrowserWindow, dialog } from 'electron';
import { basename, join } from 'node:path';
import { EventHub } from '../db/events';
import { setEscapePolicy } from '../db/fault-boundary';
import { fileIdentityStore } from '../db/identity-file';
import { openProject } from '../db/open';
import { ProjectHost } from '../db/project-host';
import { hardenApp } from './hardening';
import { bindIpc } from './ipc';
import { installMenu } from './menu';
import { latestWins } from './policy/latest-wins';
import type { MenuAction } from './policy/menu-template';
import {
  classifyDropped,
  DATA_EXTENSIONS,
  projectFromArgv,
  PROJECT_EXTENSION,
} from './policy/open-files';
import { recentProjectsStore } from './policy/recent-projects';
import { registerAppScheme, serveRenderer } from './protocol';
import { createMainWindow } from './window';

const distDir = join(__dirname, '..');
const preload = join(distDir, 'electron', 'preload.cjs');
const PROJECT_FILTER = { name: 'Rankwise projects', extensions: [PROJECT_EXTENSION.slice(1)] };

registerAppScheme();
hardenApp();

/** The window's events: the open project's, forwarded, and the shell's own app commands. */
const events = new EventHub();
let host: ProjectHost | null = null;
let unforward: (() => void) | null = null;
let win: BrowserWindow | null = null;
let ready = false;
let pendingPath: string | null = null;

// An error that escapes an IPC call or a job is logged with it and fails it; the app and its
// open project stay up (db/fault-boundary.ts).
setEscapePolicy({ kind: 'stay-up', log: (line) => console.error(line) });

// One Rankwise at a time: a second launch (double-clicking a project) hands its file to the
// first, which comes to the front.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv, cwd) => {
    focusWindow();
    const path = projectFromArgv(argv, cwd);
    if (path) void openPath(path);
  });
  // macOS delivers opened files (Finder, the Dock) as events, possibly before 'ready'.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (ready) void openPath(path);
    else pendingPath = path;
  });
  void app.whenReady().then(start);
}

const userData = () => app.getPath('userData');
const recent = () => recentProjectsStore(join(userData(), 'recent-projects.json'));

async function start(): Promise<void> {
  ready = true;
  serveRenderer(join(distDir, 'renderer'));
  bindIpc({ handlers: () => host?.handlers ?? null, events, onDrop });
  const first =
    pendingPath ??
    projectFromArgv(process.argv, process.cwd()) ??
    process.env['RANKWISE_PROJECT'] ??
    recent().read()[0] ??
    (await askForProject());
  if (!first) {
    app.quit();
    return;
  }
  await openPath(first, { reload: false });
  win = createMainWindow(preload, join(userData(), 'window-state.json'));
  win.on('closed', () => (win = null));
  refreshWindow();
}

/**
 * Switch the window to another project (File > Open, Open Recent, a drop, the OS). Opens run
 * one at a time and the latest asked for wins, so exactly one project is ever left open.
 */
const openPath = latestWins(switchProject);

async function switchProject(path: string, { reload = true } = {}): Promise<void> {
  const previous = host;
  unforward?.();
  host = null;
  await previous?.close();
  host = new ProjectHost({
    path,
    host: 'electron',
    identity: fileIdentityStore(join(userData(), 'identity.json')),
    scheduleBackups: true,
    analysisWorker: join(distDir, 'electron', 'analysis-worker.cjs'),
    // Imports parse in a worker thread, so a big file never stalls the window's calls.
    importWorker: join(distDir, 'electron', 'import-worker.cjs'),
    // The window shows the project at once; quick_check reads the file in a worker meanwhile.
    check: 'background',
    checkWorker: join(distDir, 'electron', 'check-worker.cjs'),
    pickFile: pickDatasetFile,
  });
  unforward = host.events.subscribe((name, payload) => events.emit(name, payload as never));
  const status = host.status();
  if (status.state === 'open' || status.problem.kind !== 'missing') {
    recent().add(path);
    app.addRecentDocument(path);
  } else recent().remove(path);
  refreshWindow();
  if (reload) win?.webContents.reload();
}

function refreshWindow(): void {
  const open = host?.status().state === 'open';
  installMenu(
    {
      platform: process.platform,
      recent: recent().read(),
      projectOpen: open,
      devTools: !app.isPackaged,
    },
    (action) => void runMenuAction(action),
  );
  if (win && host) {
    win.setTitle(`${basename(host.path, PROJECT_EXTENSION)} — Rankwise`);
    if (process.platform === 'darwin') win.setRepresentedFilename(host.path);
  }
}

async function runMenuAction(action: MenuAction): Promise<void> {
  if (action.kind === 'renderer') {
    focusWindow();
    events.emit('app.command', action.command);
  } else if (action.kind === 'open-recent') await openPath(action.path);
  else if (action.action === 'open-project') {
    const path = await chooseProject();
    if (path) await openPath(path);
  } else if (action.action === 'new-project') {
    const path = await chooseNewProject();
    if (path) await openPath(path);
  } else {
    recent().write([]);
    app.clearRecentDocuments();
    refreshWindow();
  }
}

async function chooseProject(): Promise<string | null> {
  const options = {
    title: 'Open Project',
    properties: ['openFile' as const],
    filters: [PROJECT_FILTER],
  };
  const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return r.canceled ? null : (r.filePaths[0] ?? null);
}

async function chooseNewProject(): Promise<string | null> {
  const options = {
    title: 'New Project',
    defaultPath: join(app.getPath('documents'), `Untitled${PROJECT_EXTENSION}`),
    filters: [PROJECT_FILTER],
  };
  const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  if (r.canceled || !r.filePath) return null;
  const path = r.filePath.endsWith(PROJECT_EXTENSION)
    ? r.filePath
    : `${r.filePath}${PROJECT_EXTENSION}`;
  try {
    openProject(path, { create: true }).close();
    return path;
  } catch (e) {
    dialog.showErrorBox('Rankwise could not create the project', (e as Error).message);
    return null;
  }
}

/** The native file dialog for imports (imports.pickFile): the path never comes from the page. */
async function pickDatasetFile(): Promise<string | null> {
  const options = {
    title: 'Import a dataset',
    properties: ['openFile' as const],
    filters: [
      { name: 'Datasets', extensions: DATA_EXTENSIONS.map((e) => e.slice(1)) },
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return r.canceled ? null : (r.filePaths[0] ?? null);
}

/** Started without a project and none recent: open one, make one, or quit. */
async function askForProject(): Promise<string | null> {
  const { response } = await dialog.showMessageBox({
    type: 'none',
    message: 'Welcome to Rankwise',
    detail: 'Open a project file (.rankwise) or create a new one.',
    buttons: ['Open Project…', 'New Project…', 'Quit'],
    defaultId: 0,
    cancelId: 2,
  });
  if (response === 0) return chooseProject();
  if (response === 1) return chooseNewProject();
  return null;
}

/** Files dropped on the window: a project opens, data goes to the UI's import, the rest is explained. */
function onDrop(paths: string[]): void {
  const dropped = paths.map(classifyDropped);
  const project = dropped.find((d) => d.kind === 'project');
  if (project) {
    void openPath(project.path);
    return;
  }
  const data = dropped.find((d) => d.kind === 'data');
  if (data) {
    // Registered here, in the main process: the page names the file by id, never by path.
    const upload = host?.uploads?.registerPath(data.path);
    events.emit('app.command', { command: 'import-file', path: data.path, upload });
    return;
  }
  void dialog.showMessageBox({
    type: 'info',
    message: 'Rankwise cannot open that file',
    detail: `It opens projects (${PROJECT_EXTENSION}) and imports ${DATA_EXTENSIONS.join(', ')} files.`,
  });
}

function focusWindow(): void {
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.focus();
}

app.on('activate', () => {
  if (ready && BrowserWindow.getAllWindows().length === 0) {
    win = createMainWindow(preload, join(userData(), 'window-state.json'));
    win.on('closed', () => (win = null));
    refreshWindow();
  }
});

app.on('window-all-closed', () => {
  const closing = host;
  host = null;
  void (closing?.close() ?? Promise.resolve()).finally(() => app.quit());
});
