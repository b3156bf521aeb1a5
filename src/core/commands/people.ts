// The people in the room and their duty status (active, resting, left).
import type * as Y from 'yjs';
import { PERSON_STATUSES, type PersonStatus } from '../model';
import { collection, personSchema } from '../schema';
import { newId } from '../ids';
import {
  CommandError,
  LIMITS,
  existing,
  oneOfValues,
  optionalText,
  requireDeclared,
  requiredText,
  runCommand,
  type Actor,
  type CommandScope,
} from './command';

export function insertPerson(scope: CommandScope, person: { id?: string; name: string; contact: string }): string {
  const id = person.id ?? newId();
  collection(scope.doc, 'people').set(
    id,
    personSchema.create({
      name: person.name,
      contact: person.contact,
      status: 'active',
      joinedAt: scope.now,
      statusSince: scope.now,
      dutyMsBefore: 0,
    }),
  );
  scope.record({
    kind: 'event',
    event: 'person.joined',
    text: `${person.name} joined the incident`,
    subject: { collection: 'people', id },
  });
  return id;
}

export function addPerson(doc: Y.Doc, input: { name: string; contact?: string; id?: string }, by: Actor): string {
  requireDeclared(doc);
  const name = requiredText(input.name, 'Name', LIMITS.name);
  const contact = optionalText(input.contact, 'Contact', LIMITS.contact);
  if (input.id !== undefined && collection(doc, 'people').has(input.id)) {
    throw new CommandError(`${name} is already in the incident.`);
  }
  return runCommand(doc, by, `Add ${name}`, (scope) => insertPerson(scope, { id: input.id, name, contact }));
}

export function updatePerson(doc: Y.Doc, input: { personId: string; name?: string; contact?: string }, by: Actor): void {
  const person = existing(doc, 'people', input.personId, 'person');
  const name = input.name === undefined ? undefined : requiredText(input.name, 'Name', LIMITS.name);
  const contact = input.contact === undefined ? undefined : optionalText(input.contact, 'Contact', LIMITS.contact);
  const before = String(personSchema.get(person, 'name'));
  runCommand(doc, by, `Edit ${before}`, ({ record }) => {
    if (name !== undefined) personSchema.set(person, 'name', name);
    if (contact !== undefined) personSchema.set(person, 'contact', contact);
    const what = [name !== undefined && name !== before ? `renamed to ${name}` : '', contact !== undefined ? 'contact updated' : '']
      .filter(Boolean)
      .join(', ');
    record({
      kind: 'event',
      event: 'person.updated',
      text: `${before}: ${what || 'details updated'}`,
      subject: { collection: 'people', id: input.personId },
    });
  });
}

const STATUS_WORDS: Record<PersonStatus, string> = {
  active: 'is back on duty',
  resting: 'is resting',
  left: 'left the incident',
};

/** Changes duty status, banking the active time so far so time on duty stays exact. */
export function setPersonStatus(doc: Y.Doc, input: { personId: string; status: PersonStatus }, by: Actor): void {
  const person = existing(doc, 'people', input.personId, 'person');
  const status = oneOfValues(input.status, PERSON_STATUSES, 'Status');
  const previous = personSchema.get(person, 'status');
  if (previous === status) throw new CommandError(`${String(personSchema.get(person, 'name'))} ${STATUS_WORDS[status]} already.`);
  runCommand(doc, by, `Mark ${String(personSchema.get(person, 'name'))} ${status}`, ({ now, record }) => {
    const since = personSchema.get(person, 'statusSince');
    const banked = personSchema.get(person, 'dutyMsBefore');
    if (previous === 'active' && typeof since === 'number') {
      personSchema.set(person, 'dutyMsBefore', (typeof banked === 'number' ? banked : 0) + Math.max(0, now - since));
    }
    personSchema.set(person, 'status', status);
    personSchema.set(person, 'statusSince', now);
    record({
      kind: 'event',
      event: 'person.status-changed',
      text: `${String(personSchema.get(person, 'name'))} ${STATUS_WORDS[status]}`,
      subject: { collection: 'people', id: input.personId },
    });
  });
}
