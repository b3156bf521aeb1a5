// Corrections keep what was there: each edit of a timeline entry or a milestone stores the
// version it replaced, with who replaced it and when, as a revision nested in the record (a
// Y.Map keyed by id, so two people correcting at once both keep theirs).
import { FORMAT_NAME } from './exportFormat';
import { addedLater, defineRecord, f, type ValuesOf, type YRecord } from './fields';

export const revisionSchema = defineRecord(
  {
    /** The text (an entry's text, a milestone's note) as it was before this correction. */
    text: f.text(),
    /** When it happened, as it was before this correction. */
    at: f.time(),
    /** When the correction was made. */
    editedAt: f.time(),
    editedById: f.text(),
    editedByName: f.displayName('Unknown'),
  },
  FORMAT_NAME,
);

export type Revision = ReturnType<typeof revisionSchema.read>;

/** Oldest correction first; ties by id so every peer lists them alike. */
export function compareRevisions(a: Revision, b: Revision): number {
  return a.editedAt - b.editedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

const REVISION_KEY_PREFIX = 'revision/';

/**
 * The `revisions` field of a correctable record (timeline entries, milestones): each revision
 * under its own key of the record, so corrections made at once on two laptops are all kept.
 */
function revisionsField() {
  return addedLater(f.keyed(REVISION_KEY_PREFIX, revisionSchema, compareRevisions), [] as readonly Revision[]);
}

/** Adds a revision (under a new id) to a correctable record. */
export function appendRevision(record: YRecord, id: string, values: ValuesOf<typeof revisionSchema.fields>): void {
  record.set(`${REVISION_KEY_PREFIX}${id}`, revisionSchema.plain(values));
}

/**
 * The fields that make a record correctable: its earlier versions, and its retraction (who, when,
 * why). A retracted record stays in the record, marked. Spread into a record's fields.
 */
export function correctionFields() {
  return {
    /** Earlier versions, oldest first; empty when never corrected. */
    revisions: revisionsField(),
    /** Set when it was retracted: it stays, marked, with who retracted it and why. */
    retractedAt: addedLater(f.optionalTime(), null),
    retractedById: addedLater(f.text(), ''),
    retractedByName: addedLater(f.displayName(), ''),
    retractionReason: addedLater(f.text(), ''),
  };
}
