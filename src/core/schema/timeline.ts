// Timeline entries: what people wrote and what commands recorded, each authored and timestamped.
import { ATTACHMENT_NAME_MAX, isAttachmentSize, isSha256, SHA256_HEX, type AttachmentMeta } from '../attachments/metadata';
import * as Y from 'yjs';
import { COLLECTIONS, TIMELINE_KINDS, type CollectionName } from '../model';
import { ExportFormatError, id, list, mismatch, number, oneOf, record, text, type Codec } from './codec';
import { FORMAT_NAME } from './exportFormat';
import { addedLater, defineRecord, f, type Field, type YRecord } from './fields';
import { correctionFields } from './revisions';

/** What a timeline entry is about, so the UI can link to it. */
export interface EntrySubject {
  readonly collection: CollectionName;
  readonly id: string;
}

const subjectCodec: Codec<EntrySubject> = record<EntrySubject>({ collection: oneOf(COLLECTIONS), id }, FORMAT_NAME);

function loadSubject(value: unknown): EntrySubject | null {
  if (typeof value !== 'object' || value === null) return null;
  const { collection, id: subjectId } = value as Record<string, unknown>;
  if (typeof subjectId !== 'string' || !(COLLECTIONS as readonly unknown[]).includes(collection)) return null;
  return Object.freeze({ collection: collection as CollectionName, id: subjectId });
}

const ATTACHMENT_KEY_PREFIX = 'attachment/';

const attachmentCodec: Codec<AttachmentMeta> = (() => {
  const plain = record<AttachmentMeta>({ sha256: text, name: text, type: text, size: number }, FORMAT_NAME);
  return {
    expected: plain.expected,
    write: plain.write,
    read(value, path) {
      const meta = plain.read(value, path);
      if (!isSha256(meta.sha256)) throw mismatch(`${path}.sha256`, `64 lower-case hex digits (${SHA256_HEX.source})`, meta.sha256);
      if (!isAttachmentSize(meta.size)) throw new ExportFormatError(`${path}.size must be a whole number of bytes up to 10 MB.`);
      if (meta.name === '' || meta.name.length > ATTACHMENT_NAME_MAX) {
        throw new ExportFormatError(`${path}.name must be 1 to ${ATTACHMENT_NAME_MAX} characters.`);
      }
      return meta;
    },
  };
})();

function loadAttachment(sha256: string, value: unknown): AttachmentMeta | null {
  if (!isSha256(sha256) || typeof value !== 'object' || value === null) return null;
  const { name, type, size } = value as Record<string, unknown>;
  if (typeof name !== 'string' || name === '' || typeof type !== 'string' || !isAttachmentSize(size)) return null;
  return Object.freeze({ sha256, name, type, size });
}

/** An automatic entry's parameters: plain strings and numbers by name (see core/events/render.ts). */
export type EntryParams = Readonly<Record<string, string | number>>;

const PARAM_NAME = /^[A-Za-z][A-Za-z0-9]{0,63}$/;
const PARAMS_MAX = 64;

const paramsCodec: Codec<EntryParams> = {
  expected: 'an object of strings and numbers',
  read(value, path) {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw mismatch(path, 'an object of strings and numbers', value);
    const entries = Object.entries(value);
    if (entries.length > PARAMS_MAX) throw new ExportFormatError(`${path} has more than ${PARAMS_MAX} parameters.`);
    for (const [key, item] of entries) {
      if (!PARAM_NAME.test(key))
        throw new ExportFormatError(`${path} has a parameter named ${JSON.stringify(key)}; names are letters and digits.`);
      if (typeof item === 'string') continue;
      if (typeof item !== 'number' || !Number.isFinite(item)) throw mismatch(`${path}.${key}`, 'a string or a finite number', item);
    }
    return Object.freeze({ ...(value as Record<string, string | number>) });
  },
  write: (value) => ({ ...value }),
};

/** A peer's parameters as stored: the well-formed ones kept, anything else dropped (the renderer then shows a generic line). */
function loadParams(value: unknown): EntryParams | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Y.AbstractType) return null;
  const out: Record<string, string | number> = {};
  let count = 0;
  for (const [key, item] of Object.entries(value)) {
    if (++count > PARAMS_MAX) break;
    if (!PARAM_NAME.test(key)) continue;
    if (typeof item === 'string' || (typeof item === 'number' && Number.isFinite(item))) out[key] = item;
  }
  return Object.freeze(out);
}

/**
 * The files attached to an entry, metadata only, each under its own key of the entry
 * (`attachment/<sha256>`): two people attaching at once both keep theirs, and attaching the
 * same file twice keeps one. Listed by name, then hash, so every peer shows them alike.
 */
function attachmentsField(): Field<readonly AttachmentMeta[]> {
  return {
    codec: list(attachmentCodec),
    load: () => undefined,
    fallback(source) {
      const items: AttachmentMeta[] = [];
      source.forEach?.((value, key) => {
        if (!key.startsWith(ATTACHMENT_KEY_PREFIX)) return;
        const meta = loadAttachment(key.slice(ATTACHMENT_KEY_PREFIX.length), value);
        if (meta) items.push(meta);
      });
      items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.sha256 < b.sha256 ? -1 : a.sha256 > b.sha256 ? 1 : 0));
      return Object.freeze(items);
    },
    store: () => undefined,
    storeInto(map, values) {
      for (const meta of values) putAttachment(map, meta);
    },
  };
}

/** Adds a file's metadata to an entry (a no-op for a file it already carries). */
export function putAttachment(entry: YRecord, meta: AttachmentMeta): void {
  const key = `${ATTACHMENT_KEY_PREFIX}${meta.sha256}`;
  // A map not yet in a document (a record being created) cannot be read, and is new anyway.
  if (entry.doc !== null && entry.has(key)) return;
  entry.set(key, { name: meta.name, type: meta.type, size: meta.size });
}

export const timelineEntrySchema = defineRecord(
  {
    kind: f.choice(TIMELINE_KINDS, 'note'),
    text: f.text(),
    /** When it happened (UTC ms); the timeline is ordered by it. */
    at: f.time(),
    /** When it was written down; later than `at` for backdated entries. */
    recordedAt: f.time({ orField: 'at' }),
    /** Tie-breaker among entries of the same millisecond, in the order they were written. */
    seq: f.number(),
    authorId: f.text(),
    authorName: f.displayName('Unknown'),
    /** For automatic records: the command that wrote it, such as `task.assigned`. */
    event: f.optionalId(),
    subject: f.object(subjectCodec, loadSubject),
    /**
     * The person who said or did it, when someone else wrote it down (the scribe records for
     * the room); null when the author did. The name is copied so the record reads on its own.
     */
    saidById: addedLater(f.optionalId(), null),
    saidByName: addedLater(f.displayName(), ''),
    ...correctionFields(),
    /** Files attached as evidence (metadata only; the bytes are stored beside the document). */
    attachments: addedLater(attachmentsField(), [] as readonly AttachmentMeta[]),
    /**
     * An automatic entry's parameters (who, what, before, after), rendered in each reader's
     * language from the `events` catalog by `event`; null for what people wrote, and for
     * entries recorded before events had parameters (they show their stored text).
     */
    params: addedLater(f.object(paramsCodec, loadParams), null as EntryParams | null),
  },
  FORMAT_NAME,
);
