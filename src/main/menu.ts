// The application menu. Incident actions are forwarded to the renderer as typed `menu:command` events.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/ipc';

export interface MenuTemplateOptions {
  appName: string;
  isMac: boolean;
  /** Reload and developer tools exist only in development builds. */
  isDev: boolean;
  sendMenuCommand: (command: MenuCommand) => void;
  showAbout: () => void;
}

export function buildMenuTemplate(options: MenuTemplateOptions): MenuItemConstructorOptions[] {
  const { appName, isMac, isDev, sendMenuCommand, showAbout } = options;
  const command = (label: string, accelerator: string, menuCommand: MenuCommand): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => sendMenuCommand(menuCommand),
  });

  const macAppMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: appName,
          submenu: [
            { label: `About ${appName}`, click: showAbout },
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      command('New incident…', 'CmdOrCtrl+N', 'declare-incident'),
      command('Join room…', 'CmdOrCtrl+J', 'join-room'),
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'pasteAndMatchStyle' },
      { role: 'delete' },
      { role: 'selectAll' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      command('Toggle theme', 'CmdOrCtrl+Shift+L', 'toggle-theme'),
      { type: 'separator' },
      ...(isDev ? ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as const) : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const windowMenu: MenuItemConstructorOptions = {
    label: 'Window',
    submenu: isMac
      ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close' }],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [{ label: `About ${appName}`, click: showAbout }],
  };

  return [...macAppMenu, file, edit, view, windowMenu, help];
}
