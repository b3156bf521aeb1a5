// Every action the palette, the shortcuts and the help list know, declared once. Components
// supply only what running an action means while they are mounted (see registry.ts). Labels and
// group headings come from the palette catalog by id, in the language the caller's `t` speaks.
// (No catalog is imported here: the E2E specs read these declarations in plain Node.)
import type { TFunction } from '@core/i18n';

export interface Shortcut {
  /** KeyboardEvent.key: a letter ('t'), a symbol ('?') or a named key ('F1'). */
  key: string;
  /** Ctrl, or Cmd on a Mac. */
  mod?: boolean;
  shift?: boolean;
  alt?: boolean;
}

export type ActionGroup = 'incidents' | 'quickEntry' | 'create' | 'room' | 'edit' | 'app';

export const ACTION_GROUPS: readonly ActionGroup[] = ['incidents', 'quickEntry', 'create', 'room', 'edit', 'app'];
/** In the war room, the room's own work leads; Home's actions (declare, join) come last. */
export const WAR_ROOM_GROUP_ORDER: readonly ActionGroup[] = ['quickEntry', 'create', 'room', 'edit', 'app', 'incidents'];

export interface ActionDeclaration {
  id: string;
  group: ActionGroup;
  /** Extra English words the palette's search matches (in every language: the translated label is searched too). */
  keywords?: readonly string[];
  shortcuts?: readonly Shortcut[];
  /** False when another part of the app already handles the keys (undo in the war room): shown, never bound here. */
  bound?: boolean;
  /** Not offered in the palette (the palette itself). */
  hiddenInPalette?: boolean;
}

// Single letters only fire outside text fields and dialogs, so typing never triggers them; screen
// readers in browse mode keep their own letters, and the palette reaches everything without them.
export const ACTIONS = [
  { id: 'incident.declare', group: 'incidents', keywords: ['new', 'start', 'sev'] },
  { id: 'room.join', group: 'incidents', keywords: ['code', 'invite', 'connect'] },
  { id: 'incident.import', group: 'incidents', keywords: ['json', 'file', 'open'] },
  { id: 'incident.search', group: 'incidents', keywords: ['find', 'library'], shortcuts: [{ key: '/' }] },

  { id: 'entry.note', group: 'quickEntry', keywords: ['timeline', 'quick entry'], shortcuts: [{ key: 'n' }] },
  {
    id: 'entry.fact',
    group: 'quickEntry',
    keywords: ['observed', 'evidence', 'quick entry'],
    shortcuts: [{ key: 'f' }],
  },
  { id: 'entry.decision', group: 'quickEntry', keywords: ['decided', 'quick entry'], shortcuts: [{ key: 'd' }] },
  { id: 'entry.action', group: 'quickEntry', keywords: ['done', 'quick entry'], shortcuts: [{ key: 'a' }] },
  {
    id: 'entry.hypothesis',
    group: 'quickEntry',
    keywords: ['suspect', 'quick entry'],
    shortcuts: [{ key: 'h' }],
  },

  { id: 'task.new', group: 'create', keywords: ['assign', 'todo'], shortcuts: [{ key: 't' }] },
  { id: 'hypothesis.new', group: 'create', keywords: ['suspect', 'board'] },
  {
    id: 'milestone.mark',
    group: 'create',
    keywords: ['detected', 'mitigated', 'resolved'],
    shortcuts: [{ key: 'm' }],
  },
  { id: 'change.log', group: 'create', keywords: ['deploy', 'rollback', 'config'], shortcuts: [{ key: 'c' }] },
  { id: 'update.compose', group: 'create', keywords: ['stakeholders', 'post'], shortcuts: [{ key: 'u' }] },
  { id: 'followup.add', group: 'create', keywords: ['postmortem', 'ticket'] },
  { id: 'person.add', group: 'create', keywords: ['responder', 'people'] },
  { id: 'role.assign', group: 'create', keywords: ['lead', 'scribe', 'comms'] },

  {
    id: 'incident.export',
    group: 'room',
    keywords: ['zip', 'json', 'markdown', 'save'],
    shortcuts: [{ key: 'e' }],
  },
  { id: 'room.invite', group: 'room', keywords: ['code', 'qr', 'share'], shortcuts: [{ key: 'i' }] },
  { id: 'room.connection', group: 'room', keywords: ['network', 'peers', 'status'] },
  { id: 'room.offline', group: 'room', keywords: ['disconnect', 'pause', 'network'] },
  { id: 'room.reconnect', group: 'room', keywords: ['network', 'peers', 'online'] },
  { id: 'incident.details', group: 'room', keywords: ['title', 'severity', 'impact', 'summary'] },
  { id: 'command.handover', group: 'room', keywords: ['commander', 'ic', 'handoff'] },
  { id: 'room.policy', group: 'room', keywords: ['cadence', 'escalation', 'fatigue'] },
  { id: 'view.room', group: 'room', keywords: ['tab', 'war room'] },
  { id: 'view.review', group: 'room', keywords: ['tab', 'postmortem', 'retro'] },
  { id: 'room.leave', group: 'room', keywords: ['home', 'leave', 'list'] },

  { id: 'edit.undo', group: 'edit', shortcuts: [{ key: 'z', mod: true }], bound: false },
  { id: 'edit.redo', group: 'edit', shortcuts: [{ key: 'z', mod: true, shift: true }], bound: false },

  { id: 'app.palette', group: 'app', shortcuts: [{ key: 'k', mod: true }], hiddenInPalette: true },
  { id: 'app.help', group: 'app', keywords: ['help', 'keys'], shortcuts: [{ key: '?' }, { key: 'F1' }] },
  { id: 'app.theme', group: 'app', keywords: ['theme', 'dark', 'light'] },
  { id: 'app.settings', group: 'app', keywords: ['settings', 'preferences', 'language', 'time zone', 'utc', 'theme'] },
] as const satisfies readonly ActionDeclaration[];

export type ActionId = (typeof ACTIONS)[number]['id'];

/** A translation function of the default namespace: the window's (`useT('common')`, `uiI18n().t`) or a fixed language's. */
export type Translate = TFunction;

/** An action's label in the language of `t`. */
export function actionLabel(id: ActionId, t: Translate): string {
  return t(`action.${id}`, { ns: 'palette' });
}

/** A group's heading in the language of `t`. */
export function groupHeading(group: ActionGroup | 'recent' | 'openIncident', t: Translate): string {
  return t(`group.${group}`, { ns: 'palette' });
}

type OtherKeyLabel = 'addEntry' | 'newLine' | 'chooseKind' | 'submitDialog' | 'closeDialog';
type OtherKeyWhere = 'quickEntry' | 'dialogs';

/** Keys handled elsewhere that the help lists too, so it is the whole story. */
export const OTHER_KEYS: ReadonlyArray<{ label: OtherKeyLabel; keys: readonly Shortcut[]; where: OtherKeyWhere }> = [
  { label: 'addEntry', keys: [{ key: 'Enter' }], where: 'quickEntry' },
  { label: 'newLine', keys: [{ key: 'Enter', shift: true }], where: 'quickEntry' },
  { label: 'chooseKind', keys: [{ key: '1…5', mod: true }], where: 'quickEntry' },
  { label: 'submitDialog', keys: [{ key: 'Enter', mod: true }], where: 'dialogs' },
  { label: 'closeDialog', keys: [{ key: 'Escape' }], where: 'dialogs' },
];

export const isMac = (): boolean => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** "Ctrl+Shift+Z", or "⌘⇧Z" on a Mac. Key names stay as printed on keyboards (Ctrl, Shift, Esc). */
export function formatShortcut(shortcut: Shortcut, mac = isMac()): string {
  const named = shortcut.key === 'Escape' ? 'Esc' : shortcut.key === ' ' ? 'Space' : null;
  const key = named ?? (shortcut.key.length === 1 ? shortcut.key.toUpperCase() : shortcut.key);
  const parts = [
    shortcut.mod ? (mac ? '⌘' : 'Ctrl') : null,
    shortcut.alt ? (mac ? '⌥' : 'Alt') : null,
    shortcut.shift ? (mac ? '⇧' : 'Shift') : null,
  ];
  const mods = parts.filter((p): p is string => p !== null);
  // A lone symbol such as "?" is shown as typed: Shift is part of how it is typed, not of the shortcut.
  return mac ? `${mods.join('')}${key}` : [...mods, key].join('+');
}

/** What matching needs from a KeyboardEvent (a plain object in unit tests). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  repeat?: boolean;
  isComposing?: boolean;
  defaultPrevented?: boolean;
  target: EventTarget | { closest?: (selector: string) => unknown } | null;
}

const FIELD = 'input, textarea, select, [contenteditable=""], [contenteditable="true"]';
const DIALOG = '[role="dialog"], [role="alertdialog"]';

function closestOf(target: KeyPress['target'], selector: string): boolean {
  const closest = (target as { closest?: (s: string) => unknown } | null)?.closest;
  return typeof closest === 'function' ? Boolean(closest.call(target, selector)) : false;
}

/** True when the key press is someone typing: in a text field or a select. */
export const isTyping = (press: KeyPress): boolean => closestOf(press.target, FIELD);
/** True when focus is inside a dialog: its keys belong to it. */
export const isInDialog = (press: KeyPress): boolean => closestOf(press.target, DIALOG);

/**
 * Whether a key press is this shortcut. A printable key with no Ctrl/Cmd (a letter, "?") never
 * matches while typing in a field or inside a dialog; Ctrl/Cmd and named keys match in fields but
 * still not inside a dialog (its own keys come first).
 */
export function matchesShortcut(press: KeyPress, shortcut: Shortcut): boolean {
  if (press.repeat || press.isComposing || press.defaultPrevented) return false;
  if (isInDialog(press)) return false;
  const mod = press.ctrlKey || press.metaKey;
  if (mod !== Boolean(shortcut.mod) || press.altKey !== Boolean(shortcut.alt)) return false;
  const printable = shortcut.key.length === 1;
  if (printable && !shortcut.mod) {
    if (isTyping(press)) return false;
    // The character typed already says whether Shift was held ("?" or "T"); letters are exact.
    return press.key === shortcut.key;
  }
  if (press.shiftKey !== Boolean(shortcut.shift)) return false;
  return press.key.toLowerCase() === shortcut.key.toLowerCase();
}

/** The bound action a key press asks for, among those that can run now, or null. */
export function actionForKeyPress(
  press: KeyPress,
  declarations: readonly ActionDeclaration[],
  canRun: (id: string) => boolean,
): ActionDeclaration | null {
  for (const action of declarations) {
    if (action.bound === false || !action.shortcuts) continue;
    if (action.shortcuts.some((s) => matchesShortcut(press, s)) && canRun(action.id)) return action;
  }
  return null;
}

/** Recently run actions, newest first, without repeats, at most `max`. */
export function rememberRecent(recent: readonly string[], id: string, max = 8): string[] {
  return [id, ...recent.filter((r) => r !== id)].slice(0, max);
}

/** Reads a stored recent list, dropping anything that is not an action's id. */
export function parseRecent(stored: string | null, known: ReadonlySet<string>, max = 8): string[] {
  if (!stored) return [];
  try {
    const value: unknown = JSON.parse(stored);
    if (!Array.isArray(value)) return [];
    return [...new Set(value.filter((v): v is string => typeof v === 'string' && known.has(v)))].slice(0, max);
  } catch {
    // A damaged entry is only a lost ordering hint: start a fresh list.
    return [];
  }
}

export interface PaletteItem {
  id: string;
  label: string;
  /** The English keywords, and the English label when the label is in another language. */
  keywords: readonly string[];
  shortcut: string | null;
  /** Why it cannot run now; null when it can. */
  unavailable: string | null;
}

export interface PaletteSection {
  /** The group, or 'recent'. */
  group: ActionGroup | 'recent';
  heading: string;
  items: PaletteItem[];
}

/**
 * The palette's sections: recently run actions first (at most `recentCount`), then each group in
 * declaration order. Only actions available now (registered by a mounted component) are listed.
 */
export function paletteSections(
  declarations: readonly ActionDeclaration[],
  availability: (id: string) => { unavailable: string | null } | null,
  recent: readonly string[],
  t: Translate,
  recentCount = 5,
  mac = isMac(),
  groupOrder: readonly ActionGroup[] = ACTION_GROUPS,
  /** English, so that an English word finds an action whatever the UI speaks; `t` itself when that is English. */
  en: Translate = t,
): PaletteSection[] {
  const items = new Map<string, PaletteItem>();
  for (const action of declarations) {
    if (action.hiddenInPalette) continue;
    const available = availability(action.id);
    if (!available) continue;
    const id = action.id as ActionId;
    const label = actionLabel(id, t);
    const englishLabel = actionLabel(id, en);
    items.set(action.id, {
      id: action.id,
      label,
      // Typing English still finds an action in any language, and the label itself is what cmdk scores.
      keywords: [...(label === englishLabel ? [] : [englishLabel]), ...(action.keywords ?? [])],
      shortcut: action.shortcuts?.[0] ? formatShortcut(action.shortcuts[0], mac) : null,
      unavailable: available.unavailable,
    });
  }
  const recentItems = recent
    .map((id) => items.get(id))
    .filter((i): i is PaletteItem => i !== undefined)
    .slice(0, recentCount);
  const shownAsRecent = new Set(recentItems.map((i) => i.id));
  const sections: PaletteSection[] =
    recentItems.length > 0 ? [{ group: 'recent', heading: groupHeading('recent', t), items: recentItems }] : [];
  for (const group of groupOrder) {
    const inGroup = declarations
      .filter((a) => a.group === group && items.has(a.id) && !shownAsRecent.has(a.id))
      .map((a) => items.get(a.id)!);
    if (inGroup.length > 0) sections.push({ group, heading: groupHeading(group, t), items: inGroup });
  }
  return sections;
}

export interface HelpRow {
  label: string;
  keys: string[];
}

/** The help dialog's list: every declared shortcut by group, then the keys handled elsewhere. */
export function helpSections(
  declarations: readonly ActionDeclaration[],
  t: Translate,
  mac = isMac(),
): Array<{ heading: string; rows: HelpRow[] }> {
  const sections: Array<{ heading: string; rows: HelpRow[] }> = [];
  for (const group of ACTION_GROUPS) {
    const rows = declarations
      .filter((a) => a.group === group && a.shortcuts && a.shortcuts.length > 0)
      .map((a) => ({ label: actionLabel(a.id as ActionId, t), keys: (a.shortcuts ?? []).map((s) => formatShortcut(s, mac)) }));
    if (rows.length > 0) sections.push({ heading: groupHeading(group, t), rows });
  }
  const wheres = [...new Set(OTHER_KEYS.map((k) => k.where))];
  for (const where of wheres) {
    sections.push({
      heading: t(`otherKeys.where.${where}`, { ns: 'palette' }),
      rows: OTHER_KEYS.filter((k) => k.where === where).map((k) => ({
        label: t(`otherKeys.${k.label}`, { ns: 'palette' }),
        keys: k.keys.map((s) => formatShortcut(s, mac)),
      })),
    });
  }
  return sections;
}
