// People in the room and their role tenures.
import { PERSON_STATUSES, ROLES } from '../model';
import { FORMAT_NAME } from './exportFormat';
import { defineRecord, f } from './fields';

export const personSchema = defineRecord(
  {
    name: f.displayName('Unnamed'),
    contact: f.text(),
    status: f.choice(PERSON_STATUSES, 'active'),
    joinedAt: f.time(),
    /** When the current status began. */
    statusSince: f.time({ orField: 'joinedAt' }),
    /** Active time accumulated before `statusSince`. */
    dutyMsBefore: f.number(),
  },
  FORMAT_NAME,
);

/** One tenure of a role: who held it, from when, until when (open while held). */
export const roleAssignmentSchema = defineRecord(
  {
    role: f.choice(ROLES, 'subject-matter-expert'),
    personId: f.text(),
    assignedAt: f.time(),
    assignedBy: f.text(),
    endedAt: f.optionalTime(),
  },
  FORMAT_NAME,
);
