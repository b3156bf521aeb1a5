// Milestones: the key moments the metrics are computed from.
import { MILESTONE_KINDS } from '../model';
import { FORMAT_NAME } from './exportFormat';
import { addedLater, defineRecord, f } from './fields';
import { revisionsField } from './revisions';

export const milestoneSchema = defineRecord(
  {
    kind: f.choice(MILESTONE_KINDS, 'custom'),
    /** Name of a custom milestone; empty for the standard kinds. */
    label: f.text(),
    /** When it happened; may be earlier than `recordedAt`. */
    at: f.time(),
    recordedAt: f.time({ orField: 'at' }),
    note: f.text(),
    by: f.text(),
    /** Earlier versions (time and note), oldest first; empty when never corrected. */
    revisions: revisionsField(),
    /** Set when the milestone was retracted (a second "Started" by mistake): kept, marked, out of the metrics. */
    retractedAt: addedLater(f.optionalTime(), null),
    retractedById: addedLater(f.text(), ''),
    retractedByName: addedLater(f.text(), ''),
    retractionReason: addedLater(f.text(), ''),
  },
  FORMAT_NAME,
);
