// Check-back timers: the time box a task's assignee is given to report back, so silence is
// noticed. The time lives on the task (`checkBackAt`), so every peer flags the same expiry.
import type * as Y from 'yjs';
import type { EpochMs } from '../model';
import { CommandError, LIMITS, existing, optionalText, nameOf, runCommand, type Actor } from './command';
import { taskSchema, type YRecord } from '../schema';
import { minutesInWords } from '../time/durations';

/** The time boxes offered at assignment; any whole number of minutes up to the limit also works. */
export const CHECK_BACK_CHOICES_MINUTES = [5, 10, 15, 30] as const;
export const CHECK_BACK_MAX_MINUTES = 24 * 60;
/** What "+5 min" on an alert adds. */
export const CHECK_BACK_EXTENSION_MINUTES = 5;

/** Validates a time box in minutes: a whole number from 1 to a day. */
export function checkBackMinutes(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > CHECK_BACK_MAX_MINUTES) {
    throw new CommandError('checkBack.range', { max: CHECK_BACK_MAX_MINUTES });
  }
  return value;
}

export function checkBackTime(now: EpochMs, minutes: number): EpochMs {
  return now + minutes * 60_000;
}

function openTask(doc: Y.Doc, taskId: string): YRecord {
  const task = existing(doc, 'tasks', taskId, 'task');
  if (taskSchema.get(task, 'status') === 'done') throw new CommandError('checkBack.taskDone');
  return task;
}

function title(task: YRecord): string {
  return String(taskSchema.get(task, 'title'));
}

/** The assignee for an event's parameters (a name '' reads as "someone"). */
function assignee(doc: Y.Doc, task: YRecord): { assigneeId: string; assigneeName: string } {
  const id = taskSchema.get(task, 'assigneeId');
  return typeof id === 'string' && id !== '' ? { assigneeId: id, assigneeName: nameOf(doc, id) } : { assigneeId: '', assigneeName: '' };
}

/** Sets a task's check-back time box from now, or clears it with `minutes: null`. */
export function setCheckBack(doc: Y.Doc, input: { taskId: string; minutes: number | null }, by: Actor): void {
  const task = openTask(doc, input.taskId);
  const minutes = input.minutes === null ? null : checkBackMinutes(input.minutes);
  if (minutes === null && typeof taskSchema.get(task, 'checkBackAt') !== 'number') {
    throw new CommandError('checkBack.nothingToClear');
  }
  runCommand(doc, by, minutes === null ? 'Clear check-back' : `Check back in ${minutesInWords(minutes)}`, ({ now, record }) => {
    taskSchema.set(task, 'checkBackAt', minutes === null ? null : checkBackTime(now, minutes));
    record({
      kind: 'event',
      event: minutes === null ? 'task.check-back-cleared' : 'task.check-back-set',
      params: minutes === null ? { title: title(task) } : { title: title(task), ...assignee(doc, task), minutes },
      subject: { collection: 'tasks', id: input.taskId },
    });
  });
}

/**
 * Gives more time. An overdue check-back restarts from now (the extra minutes are real
 * minutes); one still running is pushed later by that much.
 */
export function extendCheckBack(doc: Y.Doc, input: { taskId: string; minutes?: number }, by: Actor): EpochMs {
  const task = openTask(doc, input.taskId);
  const minutes = checkBackMinutes(input.minutes ?? CHECK_BACK_EXTENSION_MINUTES);
  const current = taskSchema.get(task, 'checkBackAt');
  if (typeof current !== 'number') throw new CommandError('checkBack.nothingToExtend');
  return runCommand(doc, by, `Extend check-back by ${minutesInWords(minutes)}`, ({ now, record }) => {
    const next = checkBackTime(Math.max(now, current), minutes);
    taskSchema.set(task, 'checkBackAt', next);
    record({
      kind: 'event',
      event: 'task.check-back-extended',
      params: { title: title(task), minutes },
      subject: { collection: 'tasks', id: input.taskId },
    });
    return next;
  });
}

/**
 * Records that the assignee reported back, with what they said; the check-back is cleared, or
 * a new time box starts when `nextMinutes` is given.
 */
export function checkInOnTask(doc: Y.Doc, input: { taskId: string; note?: string; nextMinutes?: number | null }, by: Actor): void {
  const task = openTask(doc, input.taskId);
  const note = optionalText(input.note, 'Check-in note', LIMITS.text);
  const next = input.nextMinutes === undefined || input.nextMinutes === null ? null : checkBackMinutes(input.nextMinutes);
  runCommand(doc, by, `Check in on ${title(task)}`, ({ now, record }) => {
    taskSchema.set(task, 'checkBackAt', next === null ? null : checkBackTime(now, next));
    record({
      kind: 'event',
      event: 'task.checked-in',
      params: { title: title(task), ...assignee(doc, task), note, ...(next === null ? {} : { nextMinutes: next }) },
      subject: { collection: 'tasks', id: input.taskId },
    });
  });
}
