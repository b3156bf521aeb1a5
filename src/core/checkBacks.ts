// Which check-backs have run out: the IC and each assignee are told, so silence is noticed.
import { timersRun, type TimerState } from './cadence';
import type { EpochMs, IncidentSnapshot, Person, Task } from './model';

export interface DueCheckBack {
  readonly task: Task;
  /** Null when the task has no assignee or the assignee's record is gone. */
  readonly assignee: Person | null;
  readonly checkBackAt: EpochMs;
  /** How long ago the check-back ran out, in ms (0 at the exact moment). */
  readonly lateMs: number;
}

/** A task's check-back as a clock: none, running with time left, or overdue. */
export type CheckBackState =
  | { readonly kind: 'none' }
  | { readonly kind: 'running'; readonly msLeft: number }
  | { readonly kind: 'overdue'; readonly lateMs: number };

export function checkBackState(task: Task, now: EpochMs): CheckBackState {
  if (task.checkBackAt === null || task.status === 'done') return { kind: 'none' };
  const msLeft = task.checkBackAt - now;
  return msLeft > 0 ? { kind: 'running', msLeft } : { kind: 'overdue', lateMs: -msLeft };
}

/**
 * Expired check-backs of unfinished tasks, the longest overdue first. With the incident's timer
 * state given, none once it is resolved, and none for an imported incident.
 */
export function checkBacksDue(snapshot: Pick<IncidentSnapshot, 'tasks' | 'people'> & Partial<TimerState>, now: EpochMs): DueCheckBack[] {
  if (snapshot.incident && !timersRun({ ...snapshot, incident: snapshot.incident })) return [];
  const people = new Map(snapshot.people.map((person) => [person.id, person]));
  const due: DueCheckBack[] = [];
  for (const task of snapshot.tasks) {
    const state = checkBackState(task, now);
    if (state.kind !== 'overdue' || task.checkBackAt === null) continue;
    due.push({
      task,
      assignee: task.assigneeId === null ? null : (people.get(task.assigneeId) ?? null),
      checkBackAt: task.checkBackAt,
      lateMs: state.lateMs,
    });
  }
  return due.sort((a, b) => a.checkBackAt - b.checkBackAt || a.task.id.localeCompare(b.task.id));
}

/**
 * The due check-backs a person should see: all of them for the incident commander, their own
 * tasks for everyone else.
 */
export function checkBacksFor(due: readonly DueCheckBack[], personId: string, isCommander: boolean): DueCheckBack[] {
  return isCommander ? [...due] : due.filter((item) => item.task.assigneeId === personId);
}
