// Follow-up action items for after the incident.
import { FOLLOW_UP_PRIORITIES, FOLLOW_UP_STATUSES } from '../model';
import { FORMAT_NAME } from './exportFormat';
import { defineRecord, f } from './fields';

export const followUpSchema = defineRecord(
  {
    title: f.text(),
    ownerId: f.optionalId(),
    dueAt: f.optionalTime(),
    priority: f.choice(FOLLOW_UP_PRIORITIES, 'P2'),
    status: f.choice(FOLLOW_UP_STATUSES, 'open'),
    createdAt: f.time(),
  },
  FORMAT_NAME,
);
