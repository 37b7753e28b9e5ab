import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/**
 * A recording stand-in for the `electron` module, for loading the built main bundle in
 * plain Node (no Electron binary can be had here). It records what the shell asks of
 * Electron — window options, session handlers, protocol handlers, IPC handlers, the menu —
 * and lets a test drive the events Electron would fire.
 */
export interface Recording {
  windows: FakeWindow[];
  privilegedSchemes: unknown[];
  protocolHandlers: Map<string, (req: Request) => Promise<Response>>;
  permissionRequestHandler:
    | ((
        wc: unknown,
        permission: string,
        cb: (ok: boolean) => void,
        details: { requestingUrl: string },
      ) => void)
    | null;
  permissionCheckHandler: ((wc: unknown, permission: string, origin: string) => boolean) | null;
  devicePermissionHandler: ((details: { deviceType: string }) => boolean) | null;
  ipcHandlers: Map<string, (event: unknown, ...args: unknown[]) => unknown>;
  ipcListeners: Map<string, (event: unknown, ...args: unknown[]) => void>;
  menu: unknown[] | null;
  singleInstanceLockRequested: boolean;
  openedExternally: string[];
  app: EventEmitter;
  sessionEvents: EventEmitter;
  /** Resolves when the first window has been created. */
  firstWindow: Promise<FakeWindow>;
}

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  windowOpenHandler:
    ((details: { url: string; disposition: string }) => { action: string }) | null = null;
  mainFrame = { url: 'app://rankwise/index.html' };
  sent: unknown[][] = [];
  reloads = 0;
  setWindowOpenHandler(h: FakeWebContents['windowOpenHandler']) {
    this.windowOpenHandler = h;
  }
  isDestroyed() {
    return false;
  }
  send(...args: unknown[]) {
    this.sent.push(args);
  }
  reload() {
    this.reloads++;
  }
}

export class FakeWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  title = '';
  constructor(readonly options: Record<string, unknown>) {
    super();
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show() {}
  focus() {}
  restore() {}
  maximize() {}
  isMinimized() {
    return false;
  }
  isMaximized() {
    return false;
  }
  getNormalBounds() {
    return { x: 10, y: 10, width: 1000, height: 700 };
  }
  setTitle(t: string) {
    this.title = t;
  }
  setRepresentedFilename() {}
}

export function createFakeElectron(userData: string) {
  let resolveFirst!: (w: FakeWindow) => void;
  const rec: Recording = {
    windows: [],
    privilegedSchemes: [],
    protocolHandlers: new Map(),
    permissionRequestHandler: null,
    permissionCheckHandler: null,
    devicePermissionHandler: null,
    ipcHandlers: new Map(),
    ipcListeners: new Map(),
    menu: null,
    singleInstanceLockRequested: false,
    openedExternally: [],
    app: new EventEmitter(),
    sessionEvents: new EventEmitter(),
    firstWindow: new Promise((r) => (resolveFirst = r)),
  };
  const app = Object.assign(rec.app, {
    isPackaged: false,
    whenReady: () => Promise.resolve(),
    requestSingleInstanceLock: () => ((rec.singleInstanceLockRequested = true), true),
    getPath: (name: string) => (name === 'documents' ? userData : userData),
    quit: () => undefined,
    addRecentDocument: () => undefined,
    clearRecentDocuments: () => undefined,
    getVersion: () => '0.0.0-test',
  });
  class BrowserWindow extends FakeWindow {
    constructor(options: Record<string, unknown>) {
      super(options);
      rec.windows.push(this);
      // Electron fires this for every web contents; the shell hardens them there.
      app.emit('web-contents-created', {}, this.webContents);
      if (rec.windows.length === 1) resolveFirst(this);
    }
    static getAllWindows = () => rec.windows;
    static fromWebContents = (wc: unknown) => rec.windows.find((w) => w.webContents === wc) ?? null;
  }
  const session = {
    defaultSession: Object.assign(rec.sessionEvents, {
      setPermissionRequestHandler: (h: Recording['permissionRequestHandler']) =>
        (rec.permissionRequestHandler = h),
      setPermissionCheckHandler: (h: Recording['permissionCheckHandler']) =>
        (rec.permissionCheckHandler = h),
      setDevicePermissionHandler: (h: Recording['devicePermissionHandler']) =>
        (rec.devicePermissionHandler = h),
    }),
  };
  const electron = {
    app,
    BrowserWindow,
    session,
    protocol: {
      registerSchemesAsPrivileged: (list: unknown[]) => rec.privilegedSchemes.push(...list),
      handle: (scheme: string, h: (req: Request) => Promise<Response>) =>
        rec.protocolHandlers.set(scheme, h),
    },
    net: {
      // Enough of net.fetch for file:// URLs, which is all the protocol handler fetches.
      fetch: async (url: string) => {
        try {
          return new Response(await readFile(fileURLToPath(url)), { status: 200 });
        } catch {
          return new Response('not found', { status: 404 });
        }
      },
    },
    ipcMain: {
      handle: (ch: string, h: (event: unknown, ...args: unknown[]) => unknown) =>
        rec.ipcHandlers.set(ch, h),
      on: (ch: string, h: (event: unknown, ...args: unknown[]) => void) =>
        rec.ipcListeners.set(ch, h),
      removeHandler: (ch: string) => rec.ipcHandlers.delete(ch),
      removeListener: (ch: string) => rec.ipcListeners.delete(ch),
    },
    webContents: { getAllWebContents: () => rec.windows.map((w) => w.webContents) },
    Menu: {
      buildFromTemplate: (t: unknown[]) => t,
      setApplicationMenu: (m: unknown[]) => (rec.menu = m),
    },
    dialog: {
      showErrorBox: () => undefined,
      showMessageBox: () => Promise.resolve({ response: 1 }),
      showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
      showSaveDialog: () => Promise.resolve({ canceled: true }),
    },
    shell: { openExternal: (url: string) => (rec.openedExternally.push(url), Promise.resolve()) },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  };
  return { electron, rec };
}
