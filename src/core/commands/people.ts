// The people in the room and their duty status (active, resting, left).
import { cleanName } from '../names';
import * as Y from 'yjs';
import { PERSON_STATUSES, type PersonStatus } from '../model';
import { collection, personSchema, taskSchema } from '../schema';
import { newId } from '../ids';
import { listParam } from '../events/render';
import { readCollection } from '../read';
import { incidentCommander } from '../selectors';
import {
  CommandError,
  LIMITS,
  existing,
  oneOfValues,
  personName,
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
    params: { personId: id, name: person.name },
    subject: { collection: 'people', id },
  });
  return id;
}

/** A name as people mean it: NFC, case-insensitive, whitespace collapsed ("aiko  " is "Aiko"). */
export function nameKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/gu, ' ').toLocaleLowerCase('en');
}

/** The person already in the roster under this name (whatever their status), or null. */
export function personNamed(doc: Y.Doc, name: string, except?: string): { id: string; name: string; status: PersonStatus } | null {
  const key = nameKey(name);
  for (const [id, record] of collection(doc, 'people').entries()) {
    if (id === except || !(record instanceof Y.Map)) continue;
    const existingName = String(personSchema.get(record, 'name'));
    if (nameKey(existingName) === key) return { id, name: existingName, status: personSchema.get(record, 'status') };
  }
  return null;
}

function refuseDuplicateName(doc: Y.Doc, name: string, except?: string): void {
  const same = personNamed(doc, name, except);
  if (!same) return;
  throw new CommandError(same.status === 'left' ? 'person.duplicateNameLeft' : 'person.duplicateName', { name: same.name });
}

export function addPerson(doc: Y.Doc, input: { name: string; contact?: string; id?: string }, by: Actor): string {
  requireDeclared(doc);
  // Bidirectional controls go before anything else (see names.ts): a name made only of them is empty.
  const name = requiredText(withoutBidiControls(input.name), 'Name', LIMITS.name);
  const contact = optionalText(input.contact, 'Contact', LIMITS.contact);
  if (input.id !== undefined && collection(doc, 'people').has(input.id)) {
    throw new CommandError('person.alreadyIn', { name });
  }
  refuseDuplicateName(doc, name);
  return runCommand(doc, by, `Add ${name}`, (scope) => insertPerson(scope, { id: input.id, name, contact }));
}

export function updatePerson(doc: Y.Doc, input: { personId: string; name?: string; contact?: string }, by: Actor): void {
  const person = existing(doc, 'people', input.personId, 'person');
  const name = input.name === undefined ? undefined : requiredText(withoutBidiControls(input.name), 'Name', LIMITS.name);
  const contact = input.contact === undefined ? undefined : optionalText(input.contact, 'Contact', LIMITS.contact);
  const before = String(personSchema.get(person, 'name'));
  if (name !== undefined && nameKey(name) !== nameKey(before)) refuseDuplicateName(doc, name, input.personId);
  runCommand(doc, by, `Edit ${before}`, ({ record }) => {
    if (name !== undefined) personSchema.set(person, 'name', name);
    if (contact !== undefined) personSchema.set(person, 'contact', contact);
    const renamed = name !== undefined && name !== before;
    const what = [renamed ? 'renamed' : '', contact !== undefined ? 'contact' : ''].filter(Boolean);
    record({
      kind: 'event',
      event: 'person.updated',
      params: { personId: input.personId, name: before, changes: listParam(what), ...(renamed ? { newName: name } : {}) },
      subject: { collection: 'people', id: input.personId },
    });
  });
}

/** Why setting a status is refused: it is already so. */
const ALREADY: Record<PersonStatus, string> = {
  active: 'person.alreadyActive',
  resting: 'person.alreadyResting',
  left: 'person.alreadyLeft',
};

/** Changes duty status, banking the active time so far so time on duty stays exact. */
export function setPersonStatus(doc: Y.Doc, input: { personId: string; status: PersonStatus }, by: Actor): void {
  const person = existing(doc, 'people', input.personId, 'person');
  const status = oneOfValues(input.status, PERSON_STATUSES, 'Status');
  const previous = personSchema.get(person, 'status');
  if (previous === status) throw new CommandError(ALREADY[status], { name: String(personSchema.get(person, 'name')) });
  if (status === 'left') {
    markPersonLeft(doc, { personId: input.personId }, by);
    return;
  }
  runCommand(doc, by, `Mark ${String(personSchema.get(person, 'name'))} ${status}`, ({ now, record }) => {
    changeStatus(person, previous, status, now);
    record({
      kind: 'event',
      event: 'person.status-changed',
      params: { personId: input.personId, name: String(personSchema.get(person, 'name')), status },
      subject: { collection: 'people', id: input.personId },
    });
  });
}

/** Sets the status, banking the active time so far so time on duty stays exact. */
function changeStatus(person: Y.Map<unknown>, previous: PersonStatus, status: PersonStatus, now: number): void {
  const since = personSchema.get(person, 'statusSince');
  const banked = personSchema.get(person, 'dutyMsBefore');
  if (previous === 'active' && typeof since === 'number') {
    personSchema.set(person, 'dutyMsBefore', (typeof banked === 'number' ? banked : 0) + Math.max(0, now - since));
  }
  personSchema.set(person, 'status', status);
  personSchema.set(person, 'statusSince', now);
}

/** The ids of the tasks still open (not done) that this person is assigned to. */
export function openTasksOf(doc: Y.Doc, personId: string): string[] {
  const open: string[] = [];
  for (const [id, record] of collection(doc, 'tasks').entries()) {
    if (!(record instanceof Y.Map)) continue;
    if (taskSchema.get(record, 'assigneeId') === personId && taskSchema.get(record, 'status') !== 'done') open.push(id);
  }
  return open;
}

/** Only the incident commander takes someone off the roster (anyone may say they left themselves). */
function requireCommanderFor(doc: Y.Doc, personId: string, by: Actor, what: string): void {
  const ic = incidentCommander(readCollection(doc, 'roles'));
  if (by.id === personId && what === 'mark as left') return;
  if (!ic || ic.personId !== by.id)
    throw new CommandError(what === 'remove' ? 'person.onlyCommanderRemoves' : 'person.onlyCommanderMarksLeft', {
      name: personName(doc, personId),
    });
}

/**
 * Marks a person as left: they stay in the history and the exports, are not offered for new
 * work, and the record says which of their tasks are still open. `removed` is the IC taking
 * them out of the room (the room is re-keyed by the network, never through the document).
 */
export function markPersonLeft(doc: Y.Doc, input: { personId: string; removed?: boolean }, by: Actor): void {
  const person = existing(doc, 'people', input.personId, 'person');
  const name = String(personSchema.get(person, 'name'));
  const removed = input.removed === true;
  requireCommanderFor(doc, input.personId, by, removed ? 'remove' : 'mark as left');
  if (removed && by.id === input.personId) throw new CommandError('person.cannotRemoveSelf');
  const previous = personSchema.get(person, 'status');
  if (previous === 'left' && !removed) throw new CommandError('person.alreadyLeft', { name });
  const open = openTasksOf(doc, input.personId).length;
  runCommand(doc, by, removed ? `Remove ${name}` : `Mark ${name} left`, ({ now, record }) => {
    if (previous !== 'left') changeStatus(person, previous, 'left', now);
    record({
      kind: 'event',
      event: removed ? 'person.removed' : 'person.status-changed',
      params: removed
        ? { personId: input.personId, name, byId: by.id, byName: by.name, openTasks: open }
        : { personId: input.personId, name, status: 'left', openTasks: open },
      subject: { collection: 'people', id: input.personId },
    });
  });
}

/**
 * Records that a laptop joined the room as a person already in the roster (one person may
 * use several laptops). Only that person's own laptop says so.
 */
export function linkDevice(doc: Y.Doc, input: { personId: string }, by: Actor): void {
  const person = existing(doc, 'people', input.personId, 'person');
  const name = String(personSchema.get(person, 'name'));
  if (by.id !== input.personId) throw new CommandError('person.onlyOwnLaptop', { name });
  if (personSchema.get(person, 'status') === 'left') {
    throw new CommandError('person.leftRejoin', { name });
  }
  runCommand(doc, by, `Join as ${name}`, ({ record }) =>
    record({
      kind: 'event',
      event: 'person.device-linked',
      params: { personId: input.personId, name },
      subject: { collection: 'people', id: input.personId },
    }),
  );
}

function withoutBidiControls(name: unknown): unknown {
  return typeof name === 'string' ? cleanName(name) : name;
}
