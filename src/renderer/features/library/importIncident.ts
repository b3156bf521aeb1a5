// Importing a JSON or ZIP incident export into the library. A file that does not parse creates nothing;
// an incident that is already here is never overwritten: the person chooses to import a copy.
// IncidentSessions.importSnapshot stores what the plan says to import.
import type { AttachmentMeta } from '@core/attachments';
import { importProblemText, parseIncidentExport } from '@core/import';
import { type ImportedFile, readIncidentZip, type RejectedFile } from '@core/importZip';
import { newId } from '@core/ids';
import type { IncidentSnapshot } from '@core/model';
import { translator, type TFunction } from '@core/i18n';
import type { LibraryView } from '../../app/services';

/** What a ZIP export brought beside the record: the files that match it, and those left out. */
export interface ImportEvidence {
  readonly files: readonly ImportedFile[];
  readonly rejected: readonly RejectedFile[];
  readonly missing: readonly AttachmentMeta[];
}

export type ImportPlan =
  | { readonly kind: 'refused'; readonly message: string }
  | { readonly kind: 'new'; readonly snapshot: IncidentSnapshot; readonly evidence?: ImportEvidence }
  /** The same incident (same id) is already in the library. */
  | {
      readonly kind: 'already-here';
      readonly snapshot: IncidentSnapshot;
      readonly existingTitle: string;
      readonly evidence?: ImportEvidence;
    };

async function planFor(library: LibraryView, snapshot: IncidentSnapshot, evidence?: ImportEvidence): Promise<ImportPlan> {
  const existing = await library.incidents.get(snapshot.incident.id);
  const extra = evidence ? { evidence } : {};
  if (existing) return { kind: 'already-here', snapshot, existingTitle: existing.title || snapshot.incident.title, ...extra };
  return { kind: 'new', snapshot, ...extra };
}

/** Reads the file's text and decides what importing it would do, writing nothing; a refusal is said in the language of `t`. */
export async function planImport(library: LibraryView, text: string, t: TFunction = translator('en')): Promise<ImportPlan> {
  const parsed = parseIncidentExport(text);
  if (!parsed.ok) return { kind: 'refused', message: importProblemText(parsed, t) };
  return planFor(library, parsed.snapshot);
}

/** The same for a ZIP export: the record inside it, and the attached files that match the record. */
export async function planZipImport(library: LibraryView, bytes: Uint8Array, t: TFunction = translator('en')): Promise<ImportPlan> {
  const read = await readIncidentZip(bytes);
  if (!read.ok) return { kind: 'refused', message: importProblemText(read, t) };
  return planFor(library, read.snapshot, { files: read.files, rejected: read.rejected, missing: read.missing });
}

/** A file the record names that did not come in with it, and why (app:import.leftOut.*). */
export interface LeftOutFile {
  readonly name: string;
  readonly reason: RejectedFile['reason'] | 'missing' | 'notStored';
  /** Why storing failed (the store's words), for 'notStored'. */
  readonly detail?: string;
}

/**
 * Stores the files of an imported incident (under its id in the library, a copy's own id) and
 * returns what was left out: the files the archive did not hold or held altered, and any the
 * store refused (a full disk). The record itself is already stored; the files left out stay
 * named in its entries, and a peer who has them can send them.
 */
export async function storeEvidence(
  attachments: Pick<LibraryView['attachments'], 'put'>,
  incidentId: string,
  evidence: ImportEvidence,
): Promise<{ stored: number; leftOut: LeftOutFile[] }> {
  const leftOut: LeftOutFile[] = [
    ...evidence.rejected.map(({ meta, reason }) => ({ name: meta.name, reason })),
    ...evidence.missing.map((meta) => ({ name: meta.name, reason: 'missing' as const })),
  ];
  let stored = 0;
  for (const { meta, bytes } of evidence.files) {
    try {
      await attachments.put(incidentId, meta, bytes);
      stored += 1;
    } catch (error) {
      console.error(`Sitrep: an imported file could not be stored (${meta.name})`, error);
      leftOut.push({ name: meta.name, reason: 'notStored', detail: error instanceof Error ? error.message : String(error) });
    }
  }
  return { stored, leftOut };
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
