// Tasks are assigned explicitly to a named person: never to "someone".
import type * as Y from 'yjs';
import { TASK_STATUSES, type EpochMs, type TaskStatus } from '../model';
import { collection, taskSchema } from '../schema';
import { newId } from '../ids';
import {
  CommandError,
  LIMITS,
  existing,
  nameOf,
  oneOfValues,
  personName,
  requireDeclared,
  requiredText,
  runCommand,
  validTime,
  type Actor,
} from './command';
import { checkBackMinutes, checkBackTime } from './checkBacks';
import { listParam } from '../events/render';

export interface CreateTaskInput {
  readonly title: string;
  readonly assigneeId?: string | null;
  readonly dueAt?: EpochMs | null;
  readonly hypothesisId?: string | null;
  /** The assignee's time box: check back within this many minutes (see checkBacks.ts). */
  readonly checkBackMinutes?: number | null;
}

function optionalCheckBack(value: number | null | undefined): number | null {
  return value === undefined || value === null ? null : checkBackMinutes(value);
}

function checkAssignee(doc: Y.Doc, assigneeId: string | null | undefined): string | null {
  if (assigneeId === undefined || assigneeId === null || assigneeId === '') return null;
  existing(doc, 'people', assigneeId, 'person');
  return assigneeId;
}

function checkHypothesis(doc: Y.Doc, hypothesisId: string | null | undefined): string | null {
  if (hypothesisId === undefined || hypothesisId === null || hypothesisId === '') return null;
  existing(doc, 'hypotheses', hypothesisId, 'hypothesis');
  return hypothesisId;
}

export function createTask(doc: Y.Doc, input: CreateTaskInput, by: Actor): string {
  requireDeclared(doc);
  const title = requiredText(input.title, 'Task title', LIMITS.title);
  const assigneeId = checkAssignee(doc, input.assigneeId);
  // Assign explicitly, to a named person: "can someone look at…" gets nobody.
  if (!assigneeId) throw new CommandError('task.pickOwner');
  const hypothesisId = checkHypothesis(doc, input.hypothesisId);
  const dueAt = input.dueAt === undefined || input.dueAt === null ? null : validTime(input.dueAt, 'Due time');
  const checkBack = optionalCheckBack(input.checkBackMinutes);
  return runCommand(doc, by, `Create task ${title}`, ({ now, record }) => {
    const id = newId();
    const checkBackAt = checkBack === null ? null : checkBackTime(now, checkBack);
    collection(doc, 'tasks').set(
      id,
      taskSchema.create({ title, assigneeId, status: 'todo', dueAt, hypothesisId, createdAt: now, createdBy: by.id, checkBackAt }),
    );
    record({
      kind: 'event',
      event: 'task.created',
      params: {
        title,
        assigneeId,
        assigneeName: nameOf(doc, assigneeId),
        ...(checkBack === null ? {} : { checkBackMinutes: checkBack }),
      },
      subject: { collection: 'tasks', id },
    });
    return id;
  });
}

export function assignTask(doc: Y.Doc, input: { taskId: string; assigneeId: string; checkBackMinutes?: number | null }, by: Actor): void {
  const task = existing(doc, 'tasks', input.taskId, 'task');
  const assigneeId = checkAssignee(doc, input.assigneeId);
  const checkBack = optionalCheckBack(input.checkBackMinutes);
  if (!assigneeId) throw new CommandError('task.pickOwnerShort');
  if (taskSchema.get(task, 'assigneeId') === assigneeId) {
    throw new CommandError('task.alreadyOwns', { name: personName(doc, assigneeId) });
  }
  const name = personName(doc, assigneeId);
  runCommand(doc, by, `Assign task to ${name}`, ({ now, record }) => {
    taskSchema.set(task, 'assigneeId', assigneeId);
    // Without a new time box, a running check-back carries over to the new assignee.
    if (checkBack !== null) taskSchema.set(task, 'checkBackAt', checkBackTime(now, checkBack));
    record({
      kind: 'event',
      event: 'task.assigned',
      params: {
        title: taskSchema.get(task, 'title'),
        assigneeId,
        assigneeName: nameOf(doc, assigneeId),
        ...(checkBack === null ? {} : { checkBackMinutes: checkBack }),
      },
      subject: { collection: 'tasks', id: input.taskId },
    });
  });
}

const STATUS_WORDS: Record<TaskStatus, string> = {
  todo: 'to do',
  doing: 'in progress',
  blocked: 'blocked',
  done: 'done',
};

export function setTaskStatus(doc: Y.Doc, input: { taskId: string; status: TaskStatus }, by: Actor): void {
  const task = existing(doc, 'tasks', input.taskId, 'task');
  const status = oneOfValues(input.status, TASK_STATUSES, 'Task status');
  if (taskSchema.get(task, 'status') === status) throw new CommandError('task.alreadyStatus', { status: { word: `taskStatus.${status}` } });
  const clearsCheckBack = status === 'done' && taskSchema.get(task, 'checkBackAt') !== null;
  runCommand(doc, by, `Mark task ${STATUS_WORDS[status]}`, ({ record }) => {
    taskSchema.set(task, 'status', status);
    // A finished task needs no reminder; its check-back ends with it.
    if (clearsCheckBack) taskSchema.set(task, 'checkBackAt', null);
    record({
      kind: 'event',
      event: 'task.status-changed',
      params: { title: taskSchema.get(task, 'title'), status, ...(clearsCheckBack ? { checkBackCleared: 1 } : {}) },
      subject: { collection: 'tasks', id: input.taskId },
    });
  });
}

export function editTask(
  doc: Y.Doc,
  input: { taskId: string; title?: string; dueAt?: EpochMs | null; hypothesisId?: string | null },
  by: Actor,
): void {
  const task = existing(doc, 'tasks', input.taskId, 'task');
  const title = input.title === undefined ? undefined : requiredText(input.title, 'Task title', LIMITS.title);
  const dueAt = input.dueAt === undefined ? undefined : input.dueAt === null ? null : validTime(input.dueAt, 'Due time');
  const hypothesisId = input.hypothesisId === undefined ? undefined : checkHypothesis(doc, input.hypothesisId);
  runCommand(doc, by, 'Edit task', ({ record }) => {
    const before = taskSchema.get(task, 'title');
    const what: string[] = [];
    const params: Record<string, string | number> = {};
    if (title !== undefined && title !== before) {
      what.push('renamed');
      params.newTitle = title;
      taskSchema.set(task, 'title', title);
    }
    if (dueAt !== undefined && dueAt !== taskSchema.get(task, 'dueAt')) {
      what.push(dueAt === null ? 'dueCleared' : 'due');
      if (dueAt !== null) params.dueAt = dueAt;
      taskSchema.set(task, 'dueAt', dueAt);
    }
    if (hypothesisId !== undefined && hypothesisId !== taskSchema.get(task, 'hypothesisId')) {
      what.push(hypothesisId === null ? 'unlinked' : 'linked');
      taskSchema.set(task, 'hypothesisId', hypothesisId);
    }
    if (what.length === 0) throw new CommandError('input.nothingToChange');
    record({
      kind: 'event',
      event: 'task.edited',
      // The title as it reads now, as the record always named it.
      params: { title: taskSchema.get(task, 'title'), changes: listParam(what), ...params },
      subject: { collection: 'tasks', id: input.taskId },
    });
  });
}
