// Importing a JSON incident export into the library. A file that does not parse creates nothing;
// an incident that is already here is never overwritten: the person chooses to import a copy.
// IncidentSessions.importSnapshot stores what the plan says to import.
import { importProblemText, parseIncidentExport } from '@core/import';
import { newId } from '@core/ids';
import type { IncidentSnapshot } from '@core/model';
import { translator, type TFunction } from '@core/i18n';
import type { LibraryView } from '../../app/services';

export type ImportPlan =
  | { readonly kind: 'refused'; readonly message: string }
  | { readonly kind: 'new'; readonly snapshot: IncidentSnapshot }
  /** The same incident (same id) is already in the library. */
  | { readonly kind: 'already-here'; readonly snapshot: IncidentSnapshot; readonly existingTitle: string };

/** Reads the file's text and decides what importing it would do, writing nothing; a refusal is said in the language of `t`. */
export async function planImport(library: LibraryView, text: string, t: TFunction = translator('en')): Promise<ImportPlan> {
  const parsed = parseIncidentExport(text);
  if (!parsed.ok) return { kind: 'refused', message: importProblemText(parsed, t) };
  const existing = await library.incidents.get(parsed.snapshot.incident.id);
  if (existing) return { kind: 'already-here', snapshot: parsed.snapshot, existingTitle: existing.title || parsed.snapshot.incident.title };
  return { kind: 'new', snapshot: parsed.snapshot };
}

/** The copy's title in English; the import button passes the UI language's ("… (コピー)"). */
const englishCopyTitle = (title: string): string => `${title} (copy)`;

/** The same incident under a new id, its title marked so the two can be told apart in the list. */
export function copyOf(
  snapshot: IncidentSnapshot,
  id: string = newId(16),
  copyTitle: (title: string) => string = englishCopyTitle,
): IncidentSnapshot {
  return { ...snapshot, incident: { ...snapshot.incident, id, title: copyTitle(snapshot.incident.title) } };
}
