// Timeline entries: what people wrote and what commands recorded, each authored and timestamped.
import { COLLECTIONS, TIMELINE_KINDS, type CollectionName } from '../model';
import { id, oneOf, record, type Codec } from './codec';
import { FORMAT_NAME } from './exportFormat';
import { addedLater, defineRecord, f } from './fields';
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
    authorName: f.text('Unknown'),
    /** For automatic records: the command that wrote it, such as `task.assigned`. */
    event: f.optionalId(),
    subject: f.object(subjectCodec, loadSubject),
    /**
     * The person who said or did it, when someone else wrote it down (the scribe records for
     * the room); null when the author did. The name is copied so the record reads on its own.
     */
    saidById: addedLater(f.optionalId(), null),
    saidByName: addedLater(f.text(), ''),
    ...correctionFields(),
  },
  FORMAT_NAME,
);
