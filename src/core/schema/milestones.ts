// Milestones: the key moments the metrics are computed from.
import { MILESTONE_KINDS } from '../model';
import { FORMAT_NAME } from './exportFormat';
import { defineRecord, f } from './fields';
import { correctionFields } from './revisions';

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
    // Earlier versions (time and note), and a retraction (a second "Started" by mistake): a
    // retracted milestone stays in the record and counts in no metric.
    ...correctionFields(),
  },
  FORMAT_NAME,
);
