// Milestones: the key moments the metrics are computed from.
import { MILESTONE_KINDS } from '../model';
import { FORMAT_NAME } from './exportFormat';
import { defineRecord, f } from './fields';

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
  },
  FORMAT_NAME,
);
