// Matching a name written in a log to a person in the incident's roster, the way people read
// names: "ana lima", "Ána Lima", "@ana.lima" and "Ana" (when only one Ana is in the room) are Ana Lima.

/** A person the log's names can be matched to. */
export interface RosterPerson {
  readonly id: string;
  readonly name: string;
}

// Only Latin, Greek and Cyrillic accents (U+0300–U+036F) are dropped: kana voicing marks and the
// like change which name it is.
const ACCENTS = /[\u0300-\u036f]/g;

/**
 * The form two names are compared in: NFKC (full-width letters, ligatures), case folded (ß is
 * ss), accents dropped, a leading @ dropped, runs of spaces as one, trimmed.
 */
export function comparableName(name: string): string {
  return name
    .normalize('NFKC')
    .toUpperCase()
    .toLowerCase()
    .normalize('NFD')
    .replace(ACCENTS, '')
    .normalize('NFC')
    .replace(/^\s*@/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The name with the separators of handles and spacing gone: "ana.lima", "ana_lima" and "ana lima" agree, as do "山田 太郎" and "山田太郎". */
function compactName(comparable: string): string {
  return comparable.replace(/[\s._-]+/g, '');
}

function firstWord(comparable: string): string {
  return comparable.split(' ')[0] ?? '';
}

function only(ids: readonly string[]): string | null {
  const distinct = new Set(ids);
  return distinct.size === 1 ? [...distinct][0]! : null;
}

/**
 * The id of the roster person `authorName` means, or null when nobody or more than one person
 * fits. Tried in order, each only when the one before finds nobody: the same name; the same
 * name ignoring spaces, dots, dashes and underscores; a one-word name equal to the first word
 * of exactly one person's name ("Ana" for Ana Lima); a longer name whose first word is exactly
 * one person's one-word name ("Ana Lima" for Ana). Comparison as comparableName describes.
 */
export function matchAuthorToRoster(authorName: string, roster: readonly RosterPerson[]): string | null {
  const wanted = comparableName(authorName);
  if (wanted === '') return null;
  const people = roster.map((person) => ({ id: person.id, name: comparableName(person.name) }));
  const steps: ((person: { id: string; name: string }) => boolean)[] = [
    (person) => person.name === wanted,
    (person) => compactName(person.name) === compactName(wanted),
    (person) => !wanted.includes(' ') && firstWord(person.name) === wanted,
    (person) => wanted.includes(' ') && !person.name.includes(' ') && person.name === firstWord(wanted),
  ];
  for (const step of steps) {
    const ids = people.filter((person) => person.name !== '' && step(person)).map((person) => person.id);
    if (ids.length > 0) return only(ids);
  }
  return null;
}
