import { Menu, type MenuItemConstructorOptions } from 'electron';
import {
  buildMenuTemplate,
  type MenuAction,
  type MenuContext,
  type MenuSpec,
} from './policy/menu-template';

/** Install the application menu built from policy/menu-template.ts, routing clicks to `run`. */
export function installMenu(ctx: MenuContext, run: (action: MenuAction) => void): void {
  const toElectron = (spec: MenuSpec): MenuItemConstructorOptions => {
    const { action, submenu, role, ...rest } = spec;
    return {
      ...rest,
      ...(role ? { role: role as MenuItemConstructorOptions['role'] } : {}),
      ...(submenu ? { submenu: submenu.map(toElectron) } : {}),
      ...(action ? { click: () => run(action) } : {}),
    };
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(ctx).map(toElectron)));
}
