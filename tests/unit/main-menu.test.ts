// Proves the application menu sends typed commands and hides reload and dev tools outside development.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate } from '../../src/main/menu';

function build(overrides: { isDev?: boolean; isMac?: boolean } = {}) {
  const sendMenuCommand = vi.fn();
  const showAbout = vi.fn();
  const template = buildMenuTemplate({
    appName: 'Sitrep',
    isDev: overrides.isDev ?? false,
    isMac: overrides.isMac ?? false,
    sendMenuCommand,
    showAbout,
  });
  return { template, sendMenuCommand, showAbout };
}

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function submenuOf(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const menu = template.find((item) => item.label === label || item.role === label);
  if (menu === undefined || !Array.isArray(menu.submenu)) throw new Error(`no ${label} menu`);
  return menu.submenu;
}

function click(item: MenuItemConstructorOptions | undefined): void {
  if (item?.click === undefined) throw new Error('menu item has no click handler');
  (item.click as () => void)();
}

describe('application menu', () => {
  it('has File, Edit, View, Window and Help', () => {
    const labels = build().template.map((item) => item.label ?? item.role);
    expect(labels).toEqual(['File', 'Edit', 'View', 'Window', 'help']);
    expect(build({ isMac: true }).template[0]?.label).toBe('Sitrep');
  });

  it('File sends declare-incident and join-room to the renderer', () => {
    const { template, sendMenuCommand } = build();
    const file = submenuOf(template, 'File');
    click(file.find((item) => item.label === 'New incident…'));
    click(file.find((item) => item.label === 'Join room…'));
    expect(sendMenuCommand.mock.calls).toEqual([['declare-incident'], ['join-room']]);
  });

  it('View sends toggle-theme', () => {
    const { template, sendMenuCommand } = build();
    click(submenuOf(template, 'View').find((item) => item.label === 'Toggle theme'));
    expect(sendMenuCommand).toHaveBeenCalledWith('toggle-theme');
  });

  it('Edit carries the standard roles including undo and redo', () => {
    const roles = submenuOf(build().template, 'Edit').map((item) => item.role);
    expect(roles).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
  });

  it('offers reload and dev tools only in development', () => {
    const devRoles = flatten(build({ isDev: true }).template).map((item) => item.role);
    expect(devRoles).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
    const prodRoles = flatten(build({ isDev: false }).template).map((item) => item.role);
    expect(prodRoles).not.toContain('reload');
    expect(prodRoles).not.toContain('forceReload');
    expect(prodRoles).not.toContain('toggleDevTools');
    expect(prodRoles).toEqual(expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen']));
  });

  it('Help shows the About panel', () => {
    const { template, showAbout } = build();
    click(submenuOf(template, 'help').find((item) => item.label === 'About Sitrep'));
    expect(showAbout).toHaveBeenCalledOnce();
  });
});
