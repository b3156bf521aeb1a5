// Every action the palette, the shortcuts and the help list know, declared once. Components
// supply only what running an action means while they are mounted (see registry.ts).

export interface Shortcut {
  /** KeyboardEvent.key: a letter ('t'), a symbol ('?') or a named key ('F1'). */
  key: string;
  /** Ctrl, or Cmd on a Mac. */
  mod?: boolean;
  shift?: boolean;
  alt?: boolean;
}

export type ActionGroup = 'Incidents' | 'Quick entry' | 'Create' | 'Room' | 'Edit' | 'App';

export const ACTION_GROUPS: readonly ActionGroup[] = ['Incidents', 'Quick entry', 'Create', 'Room', 'Edit', 'App'];
/** In the war room, the room's own work leads; Home's actions (declare, join) come last. */
export const WAR_ROOM_GROUP_ORDER: readonly ActionGroup[] = ['Quick entry', 'Create', 'Room', 'Edit', 'App', 'Incidents'];

export interface ActionDeclaration {
  id: string;
  label: string;
  group: ActionGroup;
  /** Extra words the palette's search matches. */
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
  { id: 'incident.declare', label: 'Declare incident', group: 'Incidents', keywords: ['new', 'start', 'sev'] },
  { id: 'room.join', label: 'Join room', group: 'Incidents', keywords: ['code', 'invite', 'connect'] },
  { id: 'incident.import', label: 'Import incident', group: 'Incidents', keywords: ['json', 'file', 'open'] },
  { id: 'incident.search', label: 'Search incidents', group: 'Incidents', keywords: ['find', 'library'], shortcuts: [{ key: '/' }] },

  { id: 'entry.note', label: 'Add note', group: 'Quick entry', keywords: ['timeline', 'quick entry'], shortcuts: [{ key: 'n' }] },
  {
    id: 'entry.fact',
    label: 'Add fact',
    group: 'Quick entry',
    keywords: ['observed', 'evidence', 'quick entry'],
    shortcuts: [{ key: 'f' }],
  },
  { id: 'entry.decision', label: 'Add decision', group: 'Quick entry', keywords: ['decided', 'quick entry'], shortcuts: [{ key: 'd' }] },
  { id: 'entry.action', label: 'Add action taken', group: 'Quick entry', keywords: ['done', 'quick entry'], shortcuts: [{ key: 'a' }] },
  {
    id: 'entry.hypothesis',
    label: 'Add hypothesis',
    group: 'Quick entry',
    keywords: ['suspect', 'quick entry'],
    shortcuts: [{ key: 'h' }],
  },

  { id: 'task.new', label: 'New task', group: 'Create', keywords: ['assign', 'todo'], shortcuts: [{ key: 't' }] },
  { id: 'hypothesis.new', label: 'New hypothesis', group: 'Create', keywords: ['suspect', 'board'] },
  {
    id: 'milestone.mark',
    label: 'Mark milestone',
    group: 'Create',
    keywords: ['detected', 'mitigated', 'resolved'],
    shortcuts: [{ key: 'm' }],
  },
  { id: 'change.log', label: 'Log system change', group: 'Create', keywords: ['deploy', 'rollback', 'config'], shortcuts: [{ key: 'c' }] },
  { id: 'update.compose', label: 'Compose status update', group: 'Create', keywords: ['stakeholders', 'post'], shortcuts: [{ key: 'u' }] },
  { id: 'followup.add', label: 'Add follow-up', group: 'Create', keywords: ['postmortem', 'ticket'] },
  { id: 'person.add', label: 'Add person', group: 'Create', keywords: ['responder', 'people'] },
  { id: 'role.assign', label: 'Assign role', group: 'Create', keywords: ['lead', 'scribe', 'comms'] },

  {
    id: 'incident.export',
    label: 'Export incident',
    group: 'Room',
    keywords: ['zip', 'json', 'markdown', 'save'],
    shortcuts: [{ key: 'e' }],
  },
  { id: 'room.invite', label: 'Invite responders', group: 'Room', keywords: ['code', 'qr', 'share'], shortcuts: [{ key: 'i' }] },
  { id: 'room.connection', label: 'Connection details', group: 'Room', keywords: ['network', 'peers', 'status'] },
  { id: 'room.offline', label: 'Go offline', group: 'Room', keywords: ['disconnect', 'pause', 'network'] },
  { id: 'room.reconnect', label: 'Reconnect', group: 'Room', keywords: ['network', 'peers', 'online'] },
  { id: 'incident.details', label: 'Edit incident details', group: 'Room', keywords: ['title', 'severity', 'impact', 'summary'] },
  { id: 'command.handover', label: 'Hand over or assume command', group: 'Room', keywords: ['commander', 'ic', 'handoff'] },
  { id: 'room.policy', label: 'Room policy', group: 'Room', keywords: ['cadence', 'escalation', 'fatigue'] },
  { id: 'view.room', label: 'Show the room', group: 'Room', keywords: ['tab', 'war room'] },
  { id: 'view.review', label: 'Show the review', group: 'Room', keywords: ['tab', 'postmortem', 'retro'] },
  { id: 'room.leave', label: 'Back to incidents', group: 'Room', keywords: ['home', 'leave', 'list'] },

  { id: 'edit.undo', label: 'Undo', group: 'Edit', shortcuts: [{ key: 'z', mod: true }], bound: false },
  { id: 'edit.redo', label: 'Redo', group: 'Edit', shortcuts: [{ key: 'z', mod: true, shift: true }], bound: false },

  { id: 'app.palette', label: 'Command palette', group: 'App', shortcuts: [{ key: 'k', mod: true }], hiddenInPalette: true },
  { id: 'app.help', label: 'Keyboard shortcuts', group: 'App', keywords: ['help', 'keys'], shortcuts: [{ key: '?' }, { key: 'F1' }] },
  { id: 'app.theme', label: 'Toggle light or dark theme', group: 'App', keywords: ['theme', 'dark', 'light'] },
] as const satisfies readonly ActionDeclaration[];

export type ActionId = (typeof ACTIONS)[number]['id'];

/** Keys handled elsewhere that the help lists too, so it is the whole story. */
export const OTHER_KEYS: ReadonlyArray<{ label: string; keys: readonly Shortcut[]; where: string }> = [
  { label: 'Add the entry', keys: [{ key: 'Enter' }], where: 'Typing in the quick entry' },
  { label: 'New line', keys: [{ key: 'Enter', shift: true }], where: 'Typing in the quick entry' },
  {
    label: 'Choose the kind (note, fact, hypothesis, decision, action)',
    keys: [{ key: '1…5', mod: true }],
    where: 'Typing in the quick entry',
  },
  { label: 'Submit the dialog', keys: [{ key: 'Enter', mod: true }], where: 'Dialogs' },
  { label: 'Close the dialog', keys: [{ key: 'Escape' }], where: 'Dialogs' },
];

export const isMac = (): boolean => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

const KEY_NAMES: Record<string, string> = { Escape: 'Esc', ' ': 'Space' };

/** "Ctrl+Shift+Z", or "⌘⇧Z" on a Mac. */
export function formatShortcut(shortcut: Shortcut, mac = isMac()): string {
  const key = KEY_NAMES[shortcut.key] ?? (shortcut.key.length === 1 ? shortcut.key.toUpperCase() : shortcut.key);
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
  keywords: readonly string[];
  shortcut: string | null;
  /** Why it cannot run now; null when it can. */
  unavailable: string | null;
}

export interface PaletteSection {
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
  recentCount = 5,
  mac = isMac(),
  groupOrder: readonly ActionGroup[] = ACTION_GROUPS,
): PaletteSection[] {
  const items = new Map<string, PaletteItem>();
  for (const action of declarations) {
    if (action.hiddenInPalette) continue;
    const available = availability(action.id);
    if (!available) continue;
    items.set(action.id, {
      id: action.id,
      label: action.label,
      keywords: action.keywords ?? [],
      shortcut: action.shortcuts?.[0] ? formatShortcut(action.shortcuts[0], mac) : null,
      unavailable: available.unavailable,
    });
  }
  const recentItems = recent
    .map((id) => items.get(id))
    .filter((i): i is PaletteItem => i !== undefined)
    .slice(0, recentCount);
  const shownAsRecent = new Set(recentItems.map((i) => i.id));
  const sections: PaletteSection[] = recentItems.length > 0 ? [{ heading: 'Recent', items: recentItems }] : [];
  for (const group of groupOrder) {
    const inGroup = declarations
      .filter((a) => a.group === group && items.has(a.id) && !shownAsRecent.has(a.id))
      .map((a) => items.get(a.id)!);
    if (inGroup.length > 0) sections.push({ heading: group, items: inGroup });
  }
  return sections;
}

export interface HelpRow {
  label: string;
  keys: string[];
}

/** The help dialog's list: every declared shortcut by group, then the keys handled elsewhere. */
export function helpSections(declarations: readonly ActionDeclaration[], mac = isMac()): Array<{ heading: string; rows: HelpRow[] }> {
  const sections: Array<{ heading: string; rows: HelpRow[] }> = [];
  for (const group of ACTION_GROUPS) {
    const rows = declarations
      .filter((a) => a.group === group && a.shortcuts && a.shortcuts.length > 0)
      .map((a) => ({ label: a.label, keys: (a.shortcuts ?? []).map((s) => formatShortcut(s, mac)) }));
    if (rows.length > 0) sections.push({ heading: group, rows });
  }
  const wheres = [...new Set(OTHER_KEYS.map((k) => k.where))];
  for (const where of wheres) {
    sections.push({
      heading: where,
      rows: OTHER_KEYS.filter((k) => k.where === where).map((k) => ({ label: k.label, keys: k.keys.map((s) => formatShortcut(s, mac)) })),
    });
  }
  return sections;
}
