// Proves the application menu sends typed commands and hides reload and dev tools outside development.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { UiLanguage } from '../../src/core/i18n';
import { buildMenuTemplate } from '../../src/main/menu';

function build(overrides: { isDev?: boolean; isMac?: boolean; language?: UiLanguage } = {}) {
  const sendMenuCommand = vi.fn();
  const showAbout = vi.fn();
  const template = buildMenuTemplate({
    appName: 'Sitrep',
    isDev: overrides.isDev ?? false,
    isMac: overrides.isMac ?? false,
    ...(overrides.language ? { language: overrides.language } : {}),
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
    expect(labels).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    expect(build().template.at(-1)?.role).toBe('help');
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

describe('application menu in the system language', () => {
  it('names every menu and item in Japanese, and still sends the same commands', () => {
    const { template, sendMenuCommand, showAbout } = build({ language: 'ja' });
    expect(template.map((item) => item.label)).toEqual(['ファイル', '編集', '表示', 'ウインドウ', 'ヘルプ']);
    const file = submenuOf(template, 'ファイル');
    expect(file.map((item) => item.label)).toEqual(['新しいインシデント…', 'ルームに参加…', undefined, 'Sitrep を終了']);
    click(file[0]);
    click(file[1]);
    click(submenuOf(template, '表示').find((item) => item.label === 'テーマを切り替え'));
    expect(sendMenuCommand.mock.calls).toEqual([['declare-incident'], ['join-room'], ['toggle-theme']]);
    const edit = submenuOf(template, '編集');
    expect(edit.find((item) => item.role === 'undo')?.label).toBe('取り消す');
    expect(edit.find((item) => item.role === 'copy')?.label).toBe('コピー');
    click(submenuOf(template, 'help').find((item) => item.label === 'Sitrep について'));
    expect(showAbout).toHaveBeenCalledOnce();
  });

  it('gives every role item a label, on a Mac and in development too, in each language', () => {
    for (const language of ['en', 'ja', 'zh-CN', 'ru'] as const) {
      const items = flatten(build({ language, isMac: true, isDev: true }).template).filter((item) => item.type !== 'separator');
      for (const item of items) {
        expect(item.label, `${language} ${item.role ?? ''}`).toBeTruthy();
        expect(item.label, `${language} ${item.role ?? ''}`).not.toMatch(/^role\.|\{/);
      }
    }
    expect(build({ language: 'ru' }).template.map((item) => item.label)).toEqual(['Файл', 'Правка', 'Вид', 'Окно', 'Справка']);
    expect(build({ language: 'zh-CN', isMac: true }).template[0]?.label).toBe('Sitrep');
  });
});
