// The keyboard layer's one declaration: the palette, the shortcuts and the help all read it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { translator } from '../../src/core/i18n';
import {
  type ActionDeclaration,
  type ActionId,
  ACTIONS,
  actionForKeyPress,
  actionLabel,
  formatShortcut,
  groupHeading,
  helpSections,
  type KeyPress,
  matchesShortcut,
  OTHER_KEYS,
  paletteSections,
  parseRecent,
  rememberRecent,
  WAR_ROOM_GROUP_ORDER,
} from '../../src/renderer/features/commands/actions';
import { ActionRegistry } from '../../src/renderer/features/commands/registry';

/** A key press on an element that is (or is inside) what `inside` matches. */
function press(key: string, opts: Partial<KeyPress> = {}, inside: string[] = []): KeyPress {
  return {
    key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...opts,
    target: { closest: (selector: string) => (inside.some((s) => selector.includes(s)) ? {} : null) },
  };
}

const everyAction = () => ({ unavailable: null });
const en = translator('en');
/** The declaration seen as plain declarations (its literal types are for ids). */
const DECLARED: readonly ActionDeclaration[] = ACTIONS;

describe('one declaration', () => {
  it('gives every action a unique id, and no two bound actions the same key', () => {
    const ids = DECLARED.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    const keys = DECLARED.filter((a) => a.bound !== false).flatMap((a) => (a.shortcuts ?? []).map((s) => formatShortcut(s, false)));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('lists every declared shortcut in the help, under its group, and the keys handled elsewhere', () => {
    const help = helpSections(ACTIONS, en, false);
    const rows = help.flatMap((section) => section.rows.map((row) => `${section.heading}|${row.label}|${row.keys.join(' ')}`));
    for (const action of DECLARED) {
      if (!action.shortcuts) continue;
      const label = actionLabel(action.id as ActionId, en);
      expect(rows).toContain(
        `${groupHeading(action.group, en)}|${label}|${action.shortcuts.map((s) => formatShortcut(s, false)).join(' ')}`,
      );
    }
    expect(help.map((s) => s.heading)).toEqual(expect.arrayContaining(['Typing in the quick entry', 'Dialogs']));
    expect(rows.filter((r) => r.startsWith('Typing in the quick entry|') || r.startsWith('Dialogs|'))).toHaveLength(OTHER_KEYS.length);
    expect(rows).toContain('Dialogs|Close the dialog|Esc');
    expect(rows).toContain('App|Keyboard shortcuts|? F1');
    expect(rows).toContain('Create|New task|T');
  });

  it('offers in the palette exactly the actions available now, with the same labels and shortcuts', () => {
    const available = new Set(['task.new', 'incident.export', 'app.help', 'app.palette']);
    const sections = paletteSections(ACTIONS, (id) => (available.has(id) ? { unavailable: null } : null), [], en, 5, false);
    const items = sections.flatMap((s) => s.items);
    // The palette does not list itself.
    expect(items.map((i) => i.id).sort()).toEqual(['app.help', 'incident.export', 'task.new']);
    expect(items.find((i) => i.id === 'task.new')).toMatchObject({ label: 'New task', shortcut: 'T' });
    expect(sections.map((s) => s.heading)).toEqual(['Create', 'Room', 'App']);
  });

  it('puts the room’s work first in the war room, Home’s actions last', () => {
    const sections = paletteSections(ACTIONS, everyAction, [], en, 5, false, WAR_ROOM_GROUP_ORDER);
    expect(sections.map((s) => s.heading)).toEqual(['Quick entry', 'Create', 'Room', 'Edit', 'App', 'Incidents']);
    expect(paletteSections(ACTIONS, everyAction, [], en, 5, false)[0]!.heading).toBe('Incidents');
  });

  it('shows an action that cannot run now with the reason', () => {
    const sections = paletteSections(
      ACTIONS,
      (id) => (id === 'edit.undo' ? { unavailable: 'Nothing of yours to undo.' } : null),
      [],
      en,
      5,
      false,
    );
    expect(sections).toEqual([
      {
        group: 'edit',
        heading: 'Edit',
        items: [expect.objectContaining({ id: 'edit.undo', unavailable: 'Nothing of yours to undo.', shortcut: 'Ctrl+Z' })],
      },
    ]);
  });

  it('speaks the language asked for, and an English word still finds a translated action', () => {
    const ja = translator('ja');
    const sections = paletteSections(ACTIONS, everyAction, ['task.new'], ja, 5, false, undefined, en);
    expect(sections.map((s) => s.heading)).toEqual(['最近使った操作', 'インシデント', 'クイック入力', '作成', 'ルーム', '編集', 'アプリ']);
    const task = sections[0]!.items[0]!;
    expect(task).toMatchObject({ id: 'task.new', label: '新しいタスク', shortcut: 'T' });
    // cmdk searches the value (the label) and the keywords: the English label and words stay findable.
    expect(task.keywords).toEqual(['New task', 'assign', 'todo']);
    const help = helpSections(ACTIONS, translator('ru'), false);
    expect(help.find((s) => s.heading === 'Создать')?.rows).toContainEqual({ label: 'Новая задача', keys: ['T'] });
    expect(help.at(-1)).toMatchObject({ heading: 'Диалоги', rows: expect.arrayContaining([{ label: 'Закрыть диалог', keys: ['Esc'] }]) });
  });

  it('has a label in every language for every declared action', () => {
    for (const language of ['en', 'ja', 'zh-CN', 'ru'] as const) {
      const t = translator(language);
      for (const action of DECLARED) {
        const label = actionLabel(action.id as ActionId, t);
        expect(label, `${language} ${action.id}`).not.toMatch(/^action\./);
        expect(label.length, `${language} ${action.id}`).toBeGreaterThan(0);
      }
    }
  });

  it('formats keys for a Mac', () => {
    expect(formatShortcut({ key: 'z', mod: true, shift: true }, true)).toBe('⌘⇧Z');
    expect(formatShortcut({ key: 'k', mod: true }, false)).toBe('Ctrl+K');
  });
});

describe('recent actions first', () => {
  it('puts recently run actions first, newest first, and not again in their group', () => {
    const sections = paletteSections(ACTIONS, everyAction, ['milestone.mark', 'task.new'], en, 5, false);
    expect(sections[0]).toEqual({
      group: 'recent',
      heading: 'Recent',
      items: [expect.objectContaining({ id: 'milestone.mark' }), expect.objectContaining({ id: 'task.new' })],
    });
    const create = sections.find((s) => s.heading === 'Create')!;
    expect(create.items.map((i) => i.id)).not.toContain('task.new');
    expect(create.items.map((i) => i.id)).toContain('hypothesis.new');
  });

  it('skips recent actions that are not available here, and shows at most the count asked', () => {
    const sections = paletteSections(
      ACTIONS,
      (id) => (id === 'task.new' ? null : { unavailable: null }),
      ['task.new', 'app.help', 'app.theme'],
      en,
      1,
      false,
    );
    expect(sections[0]!.items.map((i) => i.id)).toEqual(['app.help']);
  });

  it('remembers a run action at the front, once, within the bound', () => {
    let recent: string[] = [];
    for (const id of ['a', 'b', 'c', 'a', 'd']) recent = rememberRecent(recent, id, 3);
    expect(recent).toEqual(['d', 'a', 'c']);
  });

  it('reads back only known ids from storage and survives damage', () => {
    const known = new Set(['task.new', 'app.help']);
    expect(parseRecent('["task.new","gone.away",3,"task.new","app.help"]', known)).toEqual(['task.new', 'app.help']);
    expect(parseRecent('{not json', known)).toEqual([]);
    expect(parseRecent('{"a":1}', known)).toEqual([]);
    expect(parseRecent(null, known)).toEqual([]);
  });
});

describe('shortcut matching', () => {
  it('matches a letter outside text fields, and never while typing in one or inside a dialog', () => {
    expect(matchesShortcut(press('t'), { key: 't' })).toBe(true);
    expect(matchesShortcut(press('t', {}, ['textarea']), { key: 't' })).toBe(false);
    expect(matchesShortcut(press('t', {}, ['input']), { key: 't' })).toBe(false);
    expect(matchesShortcut(press('t', {}, ['contenteditable']), { key: 't' })).toBe(false);
    expect(matchesShortcut(press('t', {}, ['role="dialog"']), { key: 't' })).toBe(false);
  });

  it('tells letters apart by case and modifiers', () => {
    expect(matchesShortcut(press('T', { shiftKey: true }), { key: 't' })).toBe(false);
    expect(matchesShortcut(press('t', { ctrlKey: true }), { key: 't' })).toBe(false);
    expect(matchesShortcut(press('t', { altKey: true }), { key: 't' })).toBe(false);
    // "?" is typed with Shift: the character is what counts.
    expect(matchesShortcut(press('?', { shiftKey: true }), { key: '?' })).toBe(true);
  });

  it('matches Ctrl or Cmd shortcuts in text fields too, but not inside a dialog', () => {
    expect(matchesShortcut(press('k', { ctrlKey: true }, ['textarea']), { key: 'k', mod: true })).toBe(true);
    expect(matchesShortcut(press('K', { metaKey: true }), { key: 'k', mod: true })).toBe(true);
    expect(matchesShortcut(press('k', { ctrlKey: true, shiftKey: true }), { key: 'k', mod: true })).toBe(false);
    expect(matchesShortcut(press('k', { ctrlKey: true }, ['role="dialog"']), { key: 'k', mod: true })).toBe(false);
    expect(matchesShortcut(press('F1', {}, ['input']), { key: 'F1' })).toBe(true);
  });

  it('ignores held-down repeats, composition and keys already handled', () => {
    expect(matchesShortcut(press('t', { repeat: true }), { key: 't' })).toBe(false);
    expect(matchesShortcut(press('t', { isComposing: true }), { key: 't' })).toBe(false);
    expect(matchesShortcut(press('t', { defaultPrevented: true }), { key: 't' })).toBe(false);
  });

  it('finds the action for a key among those that can run, never one bound elsewhere', () => {
    const all = () => true;
    expect(actionForKeyPress(press('t'), ACTIONS, all)?.id).toBe('task.new');
    expect(actionForKeyPress(press('?', { shiftKey: true }), ACTIONS, all)?.id).toBe('app.help');
    expect(actionForKeyPress(press('F1'), ACTIONS, all)?.id).toBe('app.help');
    expect(actionForKeyPress(press('t', {}, ['textarea']), ACTIONS, all)).toBeNull();
    expect(actionForKeyPress(press('t'), ACTIONS, (id) => id !== 'task.new')).toBeNull();
    // Undo is handled by the war room itself: declared for the help, not bound twice.
    expect(actionForKeyPress(press('z', { ctrlKey: true }), ACTIONS, all)).toBeNull();
  });
});

describe('registry', () => {
  it('runs the latest mounted registration and falls back when it unmounts', () => {
    const registry = new ActionRegistry();
    const first = vi.fn();
    const second = vi.fn();
    const dropFirst = registry.register('task.new', { run: first, unavailable: null });
    const dropSecond = registry.register('task.new', { run: second, unavailable: null });
    expect(registry.run('task.new')).toBe(true);
    expect(second).toHaveBeenCalledTimes(1);
    dropSecond();
    registry.run('task.new');
    expect(first).toHaveBeenCalledTimes(1);
    dropFirst();
    expect(registry.get('task.new')).toBeNull();
    expect(registry.run('task.new')).toBe(false);
  });

  it('does not run an action that cannot run now, and tells listeners of every change', () => {
    const registry = new ActionRegistry();
    const listener = vi.fn();
    registry.subscribe(listener);
    const run = vi.fn();
    registry.register('edit.undo', { run, unavailable: 'Nothing of yours to undo.' });
    expect(registry.canRun('edit.undo')).toBe(false);
    expect(registry.run('edit.undo')).toBe(false);
    expect(run).not.toHaveBeenCalled();
    const drop = registry.setData('home', 'Open incident', [{ key: 'i1', label: 'Open “DB down”', keywords: [], run }]);
    expect(registry.data()).toEqual([{ heading: 'Open incident', items: [expect.objectContaining({ key: 'i1' })] }]);
    drop();
    expect(registry.data()).toEqual([]);
    expect(listener).toHaveBeenCalledTimes(3);
  });
});

describe('every declared action is offered somewhere', () => {
  // A registration line dropped in a panel's rewrite would hide its action from the palette and its key.
  const root = resolve(import.meta.dirname, '../../src/renderer');
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? files(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
    );
  const sources = files(root).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  const helpers = readFileSync(join(root, 'features/commands/featureActions.ts'), 'utf8');

  it('is registered by useAction, directly or through a helper a feature calls', () => {
    const helperOf = new Map<string, string>();
    for (const match of helpers.matchAll(/export function (use\w+)\([\s\S]*?\n}\n/g)) {
      for (const id of match[0].matchAll(/useAction\(\s*'([\w.]+)'/g)) helperOf.set(id[1]!, match[1]!);
    }
    const outside = sources.filter((s) => !s.path.endsWith('featureActions.ts'));
    const missing = DECLARED.filter((action) => {
      const direct = new RegExp(`useAction\\(\\s*'${action.id.replace('.', '\\.')}'`);
      if (outside.some((s) => direct.test(s.text))) return false;
      const helper = helperOf.get(action.id);
      return !(helper && outside.some((s) => s.text.includes(`${helper}(`)));
    }).map((a) => a.id);
    expect(missing).toEqual([]);
  });
});
