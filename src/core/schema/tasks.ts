// Tasks, each assigned explicitly to a named person.
import { TASK_STATUSES } from '../model';
import { FORMAT_NAME } from './exportFormat';
import { addedLater, defineRecord, f } from './fields';

export const taskSchema = defineRecord(
  {
    title: f.text(),
    assigneeId: f.optionalId(),
    status: f.choice(TASK_STATUSES, 'todo'),
    dueAt: f.optionalTime(),
    hypothesisId: f.optionalId(),
    createdAt: f.time(),
    createdBy: f.text(),
    /** When the assignee is due to report back (the time box given at assignment); null when none. */
    checkBackAt: addedLater(f.optionalTime(), null),
  },
  FORMAT_NAME,
);
