// Entries people write straight into the timeline (notes, facts, decisions, actions), and the
// corrections of any entry. Nothing is erased: a correction keeps the version it replaces, with
// who replaced it and when, and a retraction marks the entry instead of deleting it.
import type * as Y from 'yjs';
import type { AttachmentMeta } from '../attachments/metadata';
import { listParam } from '../events/render';
import { AUTHORED_ENTRY_KINDS, type AuthoredEntryKind, type EpochMs } from '../model';
import { appendRevision, collection, personSchema, putAttachment, timelineEntrySchema, type YRecord } from '../schema';
import { checkAttachments } from '../attachments/check';
import { newId } from '../ids';
import {
  CommandError,
  LIMITS,
  existing,
  oneOfValues,
  optionalText,
  requireDeclared,
  requiredText,
  runCommand,
  timeNotInFuture,
  type Actor,
} from './command';
import { insertPerson } from './people';

export interface RecordEntryInput {
  readonly kind: AuthoredEntryKind;
  readonly text: string;
  /** When it happened; defaults to now and may be earlier (back-filled). */
  readonly at?: EpochMs;
  /** The person in the roster who said or did it, when it is not the one writing it down. */
  readonly saidById?: string | null;
  /** Files attached as it is written (already stored locally; metadata only here). */
  readonly attachments?: readonly AttachmentMeta[];
}

/** The roster person an entry is said by, or null for the author; refused when not in the roster. */
export function saidBy(doc: Y.Doc, personId: string | null | undefined, author: Actor): { id: string; name: string } | null {
  if (personId === undefined || personId === null || personId === '' || personId === author.id) return null;
  const person = existing(doc, 'people', personId, 'person');
  return { id: personId, name: personSchema.get(person, 'name') };
}

export function recordEntry(doc: Y.Doc, input: RecordEntryInput, by: Actor): string {
  requireDeclared(doc);
  const kind = oneOfValues(input.kind, AUTHORED_ENTRY_KINDS, 'Entry kind');
  const text = requiredText(input.text, 'The entry', LIMITS.text);
  const speaker = saidBy(doc, input.saidById, by);
  const files = checkAttachments(input.attachments ?? [], []);
  return runCommand(doc, by, `Record ${kind}`, ({ now, record }) => {
    const entryId = record({ kind, text, at: timeNotInFuture(input.at, now, 'The entry time'), saidBy: speaker });
    const entry = collection(doc, 'timeline').get(entryId) as YRecord;
    for (const meta of files) putAttachment(entry, meta);
    return entryId;
  });
}

function entryRecord(doc: Y.Doc, entryId: unknown): YRecord {
  const entry = existing(doc, 'timeline', entryId, 'entry');
  if (timelineEntrySchema.get(entry, 'retractedAt') !== null) {
    throw new CommandError('entry.retracted');
  }
  return entry;
}

/** Adds the version being replaced to a record's revisions. */
export function keepRevision(record: YRecord, previous: { text: string; at: EpochMs }, now: EpochMs, by: Actor): void {
  appendRevision(record, newId(), { text: previous.text, at: previous.at, editedAt: now, editedById: by.id, editedByName: by.name });
}

export interface CorrectEntryInput {
  readonly entryId: string;
  /** The corrected text; omit to keep it. Only what a person typed can be reworded. */
  readonly text?: string;
  /** The corrected time it happened; omit to keep it. */
  readonly at?: EpochMs;
  /** Who said it; omit to keep, null for the author. */
  readonly saidById?: string | null;
}

/**
 * Corrects a timeline entry. The version it replaces stays in the entry's revisions, and the
 * correction itself is recorded, so the history is one click away and in every export.
 */
export function correctEntry(doc: Y.Doc, input: CorrectEntryInput, by: Actor): void {
  const entry = entryRecord(doc, input.entryId);
  const before = timelineEntrySchema.read(input.entryId, entry);
  const isAutomatic = before.kind === 'event';
  if (isAutomatic && input.text !== undefined) {
    throw new CommandError('entry.automaticReword');
  }
  const text = input.text === undefined ? before.text : requiredText(input.text, 'The entry', LIMITS.text);
  const speaker = input.saidById === undefined ? undefined : saidBy(doc, input.saidById, { id: before.authorId, name: before.authorName });
  runCommand(doc, by, 'Correct entry', ({ now, record }) => {
    const at = input.at === undefined ? before.at : timeNotInFuture(input.at, now, 'The entry time');
    const speakerChanged = speaker !== undefined && (speaker?.id ?? null) !== before.saidById;
    if (text === before.text && at === before.at && !speakerChanged) throw new CommandError('input.nothingToChange');
    keepRevision(entry, { text: before.text, at: before.at }, now, by);
    timelineEntrySchema.assign(entry, {
      text,
      at,
      ...(speakerChanged ? { saidById: speaker?.id ?? null, saidByName: speaker?.name ?? '' } : {}),
    });
    const what = [text !== before.text ? 'text' : '', at !== before.at ? 'time' : '', speakerChanged ? 'speaker' : ''].filter(Boolean);
    record({
      kind: 'event',
      event: 'entry.corrected',
      params: { changes: listParam(what) },
      subject: { collection: 'timeline', id: input.entryId },
    });
  });
}

/** Retracts a timeline entry: it stays, marked retracted, with who retracted it and why. */
export function retractEntry(doc: Y.Doc, input: { entryId: string; reason?: string }, by: Actor): void {
  const entry = entryRecord(doc, input.entryId);
  const reason = optionalText(input.reason, 'Reason', LIMITS.text);
  runCommand(doc, by, 'Retract entry', ({ now, record }) => {
    timelineEntrySchema.assign(entry, { retractedAt: now, retractedById: by.id, retractedByName: by.name, retractionReason: reason });
    record({
      kind: 'event',
      event: 'entry.retracted',
      params: { reason },
      subject: { collection: 'timeline', id: input.entryId },
    });
  });
}

/** One line of a back-filled log, as the person approved it in the preview. */
export interface BackfillEntryInput {
  readonly kind: AuthoredEntryKind;
  readonly text: string;
  /** When it happened, from the log. */
  readonly at: EpochMs;
  /** Who said it: a roster person, or a name to add to the roster (once, however many lines). */
  readonly saidBy: { readonly personId: string } | { readonly newPersonName: string } | null;
}

/** How many back-filled lines a single paste may write. */
export const BACKFILL_LIMIT = 5_000;

/**
 * Writes a back-filled log in one transaction: every line becomes its own entry with its own
 * time and speaker, the people it names but the roster lacks are added first, and one record
 * says what was back-filled. Validated whole before anything is written: one bad line refuses
 * the lot, with its number.
 */
export function backfillEntries(doc: Y.Doc, input: { lines: readonly BackfillEntryInput[] }, by: Actor): string[] {
  requireDeclared(doc);
  if (input.lines.length === 0) throw new CommandError('entry.backfillEmpty');
  if (input.lines.length > BACKFILL_LIMIT) {
    throw new CommandError('entry.backfillTooMany', { max: BACKFILL_LIMIT, count: input.lines.length });
  }
  const now = by.now ? by.now() : Date.now();
  const newNames = new Map<string, string>();
  const lines = input.lines.map((line, index) => {
    const where = `Line ${index + 1}`;
    const kind = oneOfValues(line.kind, AUTHORED_ENTRY_KINDS, `${where}: the entry kind`);
    const text = requiredText(line.text, `${where}: the entry`, LIMITS.text);
    const at = timeNotInFuture(line.at, now, `${where}: the time`);
    let speaker: { personId: string } | { newPersonKey: string } | null = null;
    if (line.saidBy && 'personId' in line.saidBy) {
      existing(doc, 'people', line.saidBy.personId, 'person');
      speaker = { personId: line.saidBy.personId };
    } else if (line.saidBy) {
      const name = requiredText(line.saidBy.newPersonName, `${where}: the name`, LIMITS.name);
      const key = name.normalize('NFKC').toLocaleLowerCase();
      if (!newNames.has(key)) newNames.set(key, name);
      speaker = { newPersonKey: key };
    }
    return { kind, text, at, speaker };
  });
  return runCommand(doc, by, `Back-fill ${lines.length} entries`, (scope) => {
    const added = new Map<string, { id: string; name: string }>();
    for (const [key, name] of newNames) added.set(key, { id: insertPerson(scope, { name, contact: '' }), name });
    const ids = lines.map(({ kind, text, at, speaker }) => {
      let said: { id: string; name: string } | null = null;
      if (speaker && 'personId' in speaker) said = saidBy(doc, speaker.personId, by);
      else if (speaker) said = added.get(speaker.newPersonKey) ?? null;
      if (said?.id === by.id) said = null;
      return scope.record({ kind, text, at, saidBy: said });
    });
    scope.record({
      kind: 'event',
      event: 'timeline.backfilled',
      params: {
        count: lines.length,
        ...(added.size > 0
          ? { addedIds: listParam([...added.values()].map((p) => p.id)), addedNames: listParam([...added.values()].map((p) => p.name)) }
          : {}),
      },
    });
    return ids;
  });
}

/** Attaches files to a timeline entry (a file the entry already carries is kept once). */
export function attachToEntry(doc: Y.Doc, input: { entryId: string; files: readonly AttachmentMeta[] }, by: Actor): void {
  const entry = existing(doc, 'timeline', input.entryId, 'entry');
  if (timelineEntrySchema.get(entry, 'retractedAt') !== null) {
    throw new CommandError('entry.retractedAttach');
  }
  if (input.files.length === 0) throw new CommandError('entry.chooseFile');
  const files = checkAttachments(input.files, timelineEntrySchema.get(entry, 'attachments'));
  if (files.length === 0) throw new CommandError('entry.alreadyAttached');
  runCommand(doc, by, 'Attach files', ({ record }) => {
    for (const meta of files) putAttachment(entry, meta);
    record({
      kind: 'event',
      event: 'entry.attached',
      params: { names: listParam(files.map((meta) => meta.name)), sizes: listParam(files.map((meta) => String(meta.size))) },
      subject: { collection: 'timeline', id: input.entryId },
    });
  });
}
