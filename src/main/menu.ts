// The application menu, in the system's language until the window says which one it speaks.
// Incident actions are forwarded to the renderer as typed `menu:command` events.
import type { MenuItemConstructorOptions } from 'electron';
import { translator, type UiLanguage } from '../core/i18n';
import type { SOURCE_CATALOGS } from '../core/i18n/catalogs';
import type { MenuCommand } from '../shared/ipc';

export interface MenuTemplateOptions {
  appName: string;
  isMac: boolean;
  /** Reload and developer tools exist only in development builds. */
  isDev: boolean;
  sendMenuCommand: (command: MenuCommand) => void;
  showAbout: () => void;
  /** The menu's language; English when not given. */
  language?: UiLanguage;
}

type MenuRole = Exclude<MenuItemConstructorOptions['role'], undefined>;

/** The roles this menu uses: each has a label under menu:role. */
type Role = MenuRole & keyof (typeof SOURCE_CATALOGS)['menu']['role'];

export function buildMenuTemplate(options: MenuTemplateOptions): MenuItemConstructorOptions[] {
  const { appName, isMac, isDev, sendMenuCommand, showAbout } = options;
  const t = translator(options.language ?? 'en');
  // Electron names role items in English on Linux and Windows: each gets its label from the catalog.
  const role = (name: Role): MenuItemConstructorOptions => ({ role: name, label: t(`role.${name}`, { ns: 'menu', appName }) });
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
            { label: t('about', { ns: 'menu', appName }), click: showAbout },
            { type: 'separator' },
            role('services'),
            { type: 'separator' },
            role('hide'),
            role('hideOthers'),
            role('unhide'),
            { type: 'separator' },
            role('quit'),
          ],
        },
      ]
    : [];

  const file: MenuItemConstructorOptions = {
    label: t('file', { ns: 'menu' }),
    submenu: [
      command(t('newIncident', { ns: 'menu' }), 'CmdOrCtrl+N', 'declare-incident'),
      command(t('joinRoom', { ns: 'menu' }), 'CmdOrCtrl+J', 'join-room'),
      { type: 'separator' },
      isMac ? role('close') : role('quit'),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: t('edit', { ns: 'menu' }),
    submenu: [
      role('undo'),
      role('redo'),
      { type: 'separator' },
      role('cut'),
      role('copy'),
      role('paste'),
      role('pasteAndMatchStyle'),
      role('delete'),
      role('selectAll'),
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: t('view', { ns: 'menu' }),
    submenu: [
      command(t('toggleTheme', { ns: 'menu' }), 'CmdOrCtrl+Shift+L', 'toggle-theme'),
      { type: 'separator' },
      ...(isDev ? ([role('reload'), role('forceReload'), role('toggleDevTools'), { type: 'separator' }] as const) : []),
      role('resetZoom'),
      role('zoomIn'),
      role('zoomOut'),
      { type: 'separator' },
      role('togglefullscreen'),
    ],
  };

  const windowMenu: MenuItemConstructorOptions = {
    label: t('window', { ns: 'menu' }),
    submenu: isMac ? [role('minimize'), role('zoom'), { type: 'separator' }, role('front')] : [role('minimize'), role('close')],
  };

  const help: MenuItemConstructorOptions = {
    label: t('help', { ns: 'menu' }),
    role: 'help',
    submenu: [{ label: t('about', { ns: 'menu', appName }), click: showAbout }],
  };

  return [...macAppMenu, file, edit, view, windowMenu, help];
}
