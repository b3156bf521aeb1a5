// The palette's recently run actions, kept in this window's localStorage (an ordering hint only:
// losing it loses nothing), bounded.
import { ACTIONS, parseRecent, rememberRecent } from './actions';

const KEY = 'sitrep.palette.recent';
const MAX = 8;
const KNOWN: ReadonlySet<string> = new Set(ACTIONS.map((a) => a.id));

export function loadRecent(): string[] {
  try {
    return parseRecent(localStorage.getItem(KEY), KNOWN, MAX);
  } catch (error) {
    console.warn('Sitrep: the recent actions could not be read', error);
    return [];
  }
}

export function saveRecent(id: string): string[] {
  const next = rememberRecent(loadRecent(), id, MAX);
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch (error) {
    console.warn('Sitrep: the recent actions could not be saved', error);
  }
  return next;
}
