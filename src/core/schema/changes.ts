// Changes made to production systems, with their rollback state.
import { CHANGE_STATES } from '../model';
import { FORMAT_NAME } from './exportFormat';
import { addedLater, defineRecord, f } from './fields';

export const systemChangeSchema = defineRecord(
  {
    description: f.text(),
    system: f.text(),
    madeBy: f.text(),
    /** When it was applied; may be earlier than when it was written down. */
    at: f.time(),
    state: f.choice(CHANGE_STATES, 'applied'),
    rolledBackAt: f.optionalTime(),
    /** When it was written down, when later than `at` (logged after the fact); null when at once. */
    recordedAt: addedLater(f.optionalTime(), null),
  },
  FORMAT_NAME,
);
