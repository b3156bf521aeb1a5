// Follow-up action items for after the incident, each with an owner and a due date.
import type * as Y from 'yjs';
import { FOLLOW_UP_PRIORITIES, FOLLOW_UP_STATUSES, type EpochMs, type FollowUpPriority, type FollowUpStatus } from '../model';
import { collection, followUpSchema } from '../schema';
import { newId } from '../ids';
import {
  CommandError,
  LIMITS,
  existing,
  oneOfValues,
  nameOf,
  personName,
  requireDeclared,
  requiredText,
  runCommand,
  validTime,
  type Actor,
} from './command';

export function addFollowUp(
  doc: Y.Doc,
  input: { title: string; ownerId?: string | null; dueAt?: EpochMs | null; priority?: FollowUpPriority },
  by: Actor,
): string {
  requireDeclared(doc);
  const title = requiredText(input.title, 'Follow-up', LIMITS.title);
  if (input.ownerId) existing(doc, 'people', input.ownerId, 'person');
  const ownerId = input.ownerId ? input.ownerId : null;
  const dueAt = input.dueAt === undefined || input.dueAt === null ? null : validTime(input.dueAt, 'Due date');
  const priority = oneOfValues(input.priority ?? 'P2', FOLLOW_UP_PRIORITIES, 'Priority');
  return runCommand(doc, by, 'Add follow-up', ({ now, record }) => {
    const id = newId();
    collection(doc, 'followUps').set(id, followUpSchema.create({ title, ownerId, dueAt, priority, status: 'open', createdAt: now }));
    record({
      kind: 'event',
      event: 'follow-up.added',
      params: { priority, title, ...(ownerId ? { ownerId, ownerName: nameOf(doc, ownerId) } : {}) },
      subject: { collection: 'followUps', id },
    });
    return id;
  });
}

export function setFollowUpStatus(doc: Y.Doc, input: { followUpId: string; status: FollowUpStatus }, by: Actor): void {
  const item = existing(doc, 'followUps', input.followUpId, 'follow-up');
  const status = oneOfValues(input.status, FOLLOW_UP_STATUSES, 'Follow-up status');
  if (followUpSchema.get(item, 'status') === status)
    throw new CommandError('followUp.alreadyStatus', { status: { word: `followUpStatus.${status}` } });
  runCommand(doc, by, `Mark follow-up ${status}`, ({ record }) => {
    followUpSchema.set(item, 'status', status);
    record({
      kind: 'event',
      event: 'follow-up.status-changed',
      params: { title: followUpSchema.get(item, 'title'), status },
      subject: { collection: 'followUps', id: input.followUpId },
    });
  });
}

export function assignFollowUp(doc: Y.Doc, input: { followUpId: string; ownerId: string }, by: Actor): void {
  const item = existing(doc, 'followUps', input.followUpId, 'follow-up');
  existing(doc, 'people', input.ownerId, 'person');
  const name = personName(doc, input.ownerId);
  runCommand(doc, by, `Give follow-up to ${name}`, ({ record }) => {
    followUpSchema.set(item, 'ownerId', input.ownerId);
    record({
      kind: 'event',
      event: 'follow-up.assigned',
      params: { title: followUpSchema.get(item, 'title'), ownerId: input.ownerId, ownerName: nameOf(doc, input.ownerId) },
      subject: { collection: 'followUps', id: input.followUpId },
    });
  });
}
