import { basename } from 'node:path';
import type { AppCommand } from '../../shared/api/methods/app';

/** What a menu item does: something the shell does itself, or a command for the UI. */
export type MenuAction =
  | { kind: 'main'; action: 'new-project' | 'open-project' | 'clear-recent' }
  | { kind: 'open-recent'; path: string }
  | { kind: 'renderer'; command: AppCommand };

/** Electron's MenuItemConstructorOptions, as plain data (no click functions) for tests. */
export interface MenuSpec {
  id?: string;
  label?: string;
  role?: string;
  type?: 'separator';
  accelerator?: string;
  /** Show the accelerator but leave the key to the page (the UI's own undo on Ctrl+Z). */
  registerAccelerator?: boolean;
  enabled?: boolean;
  action?: MenuAction;
  submenu?: MenuSpec[];
}

export interface MenuContext {
  platform: NodeJS.Platform;
  recent: readonly string[];
  /** Whether a project is open (as opposed to refused and showing its recovery screen). */
  projectOpen: boolean;
  /** Developer tools only in development builds. */
  devTools: boolean;
}

const SEP: MenuSpec = { type: 'separator' };

/**
 * The application menu. Items for flows other issues own (Import, Merge, Guidelines) join it
 * when those flows exist; until then the menu offers nothing that does nothing.
 */
export function buildMenuTemplate(ctx: MenuContext): MenuSpec[] {
  const mac = ctx.platform === 'darwin';
  const file: MenuSpec = {
    label: '&File',
    submenu: [
      {
        id: 'new',
        label: 'New Project…',
        accelerator: 'CmdOrCtrl+N',
        action: { kind: 'main', action: 'new-project' },
      },
      {
        id: 'open',
        label: 'Open Project…',
        accelerator: 'CmdOrCtrl+O',
        action: { kind: 'main', action: 'open-project' },
      },
      {
        id: 'open-recent',
        label: 'Open Recent',
        submenu: [
          ...ctx.recent.map((path): MenuSpec => ({
            label: `${basename(path)} — ${path}`,
            action: { kind: 'open-recent', path },
          })),
          ...(ctx.recent.length ? [SEP] : []),
          {
            id: 'clear-recent',
            label: 'Clear Recent',
            enabled: ctx.recent.length > 0,
            action: { kind: 'main', action: 'clear-recent' },
          },
        ],
      },
      SEP,
      {
        id: 'export',
        label: 'Export…',
        accelerator: 'CmdOrCtrl+E',
        enabled: ctx.projectOpen,
        action: { kind: 'renderer', command: { command: 'open-export' } },
      },
      {
        id: 'backups',
        label: 'Backups',
        accelerator: 'CmdOrCtrl+Shift+B',
        enabled: ctx.projectOpen,
        action: { kind: 'renderer', command: { command: 'show-view', view: 'backups' } },
      },
      SEP,
      mac ? { role: 'close' } : { role: 'quit', label: 'E&xit' },
    ],
  };
  const edit: MenuSpec = {
    label: '&Edit',
    submenu: [
      // Ctrl+Z is the labelling screen's undo; text fields undo natively without the menu.
      { role: 'undo', registerAccelerator: false },
      { role: 'redo', registerAccelerator: false },
      SEP,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  const view: MenuSpec = {
    label: '&View',
    submenu: [
      {
        id: 'view-label',
        label: 'Label',
        accelerator: 'CmdOrCtrl+1',
        enabled: ctx.projectOpen,
        action: { kind: 'renderer', command: { command: 'show-view', view: 'label' } },
      },
      SEP,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      SEP,
      { role: 'togglefullscreen' },
      ...(ctx.devTools ? [SEP, { role: 'reload' }, { role: 'toggleDevTools' }] : []),
    ],
  };
  const help: MenuSpec = {
    role: 'help',
    label: '&Help',
    submenu: [
      {
        id: 'shortcuts',
        label: 'Keyboard Shortcuts',
        action: { kind: 'renderer', command: { command: 'show-shortcuts' } },
      },
      ...(mac ? [] : [SEP, { role: 'about' }]),
    ],
  };
  return [
    ...(mac ? [{ role: 'appMenu' }] : []),
    file,
    edit,
    view,
    ...(mac ? [{ role: 'windowMenu' }] : []),
    help,
  ];
}
