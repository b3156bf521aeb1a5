// Timeline entries: what people wrote and what commands recorded, each authored and timestamped.
import { ATTACHMENT_NAME_MAX, isAttachmentSize, isSha256, SHA256_HEX, type AttachmentMeta } from '../attachments/metadata';
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
  },
  FORMAT_NAME,
);
