// Changes made to production systems, with their rollback state.
import { CHANGE_STATES } from '../model';
import { FORMAT_NAME } from './exportFormat';
import { defineRecord, f } from './fields';

export const systemChangeSchema = defineRecord(
  {
    description: f.text(),
    system: f.text(),
    madeBy: f.text(),
    at: f.time(),
    state: f.choice(CHANGE_STATES, 'applied'),
    rolledBackAt: f.optionalTime(),
  },
  FORMAT_NAME,
);
