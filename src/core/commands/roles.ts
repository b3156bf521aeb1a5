// Roles are tenures: assigning a single-holder role ends the previous holder's tenure, so the
// history of who held each role is never overwritten.
import * as Y from 'yjs';
import { ROLES, SINGLE_HOLDER_ROLES, type Role } from '../model';
import { collection, roleAssignmentSchema } from '../schema';
import { newId } from '../ids';
import { listParam } from '../events/render';
import { CommandError, existing, nameOf, oneOfValues, personName, runCommand, type Actor, type CommandScope } from './command';
import { readCollection } from '../read';
import { currentHolders } from '../selectors';

export const ROLE_LABELS: Record<Role, string> = {
  'incident-commander': 'Incident commander',
  deputy: 'Deputy',
  'technical-lead': 'Technical lead',
  'communications-lead': 'Communications lead',
  scribe: 'Scribe',
  'subject-matter-expert': 'Subject-matter expert',
  liaison: 'Liaison',
};

function openTenures(doc: Y.Doc, role: Role): Array<[string, Y.Map<unknown>]> {
  const open: Array<[string, Y.Map<unknown>]> = [];
  collection(doc, 'roles').forEach((tenure, id) => {
    if (
      tenure instanceof Y.Map &&
      roleAssignmentSchema.get(tenure, 'role') === role &&
      typeof roleAssignmentSchema.get(tenure, 'endedAt') !== 'number'
    ) {
      open.push([id, tenure]);
    }
  });
  return open;
}

export function insertRoleAssignment(scope: CommandScope, role: Role, personId: string): string {
  const id = newId();
  collection(scope.doc, 'roles').set(
    id,
    roleAssignmentSchema.create({ role, personId, assignedAt: scope.now, assignedBy: scope.actor.id, endedAt: null }),
  );
  return id;
}

/** Ends the open tenures of a single-holder role; returns the names of who held it. */
function endTenures(scope: CommandScope, role: Role): string[] {
  const ended: string[] = [];
  for (const [, tenure] of openTenures(scope.doc, role)) {
    roleAssignmentSchema.set(tenure, 'endedAt', scope.now);
    ended.push(personName(scope.doc, String(roleAssignmentSchema.get(tenure, 'personId'))));
  }
  return ended;
}

function checkAssignable(doc: Y.Doc, role: Role, personId: string): string {
  existing(doc, 'people', personId, 'person');
  const name = personName(doc, personId);
  // After a split a single-holder role may have several open tenures; only the one the room
  // shows as current counts, so giving the role to an outranked claimant settles the fork.
  if (currentHolders(readCollection(doc, 'roles'), role).some((tenure) => tenure.personId === personId)) {
    throw new CommandError('role.alreadyHolds', { name, role: { word: `role.${role}` } });
  }
  return name;
}

export function assignRole(doc: Y.Doc, input: { role: Role; personId: string }, by: Actor): string {
  const role = oneOfValues(input.role, ROLES, 'Role');
  if (role === 'incident-commander') {
    // Command is never taken with one click: see authority.ts.
    throw new CommandError('role.commandNotRole');
  }
  const name = checkAssignable(doc, role, input.personId);
  return runCommand(doc, by, `Make ${name} ${ROLE_LABELS[role]}`, (scope) => {
    const previous = SINGLE_HOLDER_ROLES.has(role) ? endTenures(scope, role) : [];
    const id = insertRoleAssignment(scope, role, input.personId);
    scope.record({
      kind: 'event',
      event: 'role.assigned',
      params: { personId: input.personId, name, role, ...(previous.length ? { replacedNames: listParam(previous) } : {}) },
      subject: { collection: 'roles', id },
    });
    return id;
  });
}

export function releaseRole(doc: Y.Doc, input: { assignmentId: string }, by: Actor): void {
  const tenure = existing(doc, 'roles', input.assignmentId, 'role assignment');
  if (typeof roleAssignmentSchema.get(tenure, 'endedAt') === 'number') throw new CommandError('role.alreadyReleased');
  const role = oneOfValues(roleAssignmentSchema.get(tenure, 'role'), ROLES, 'Role');
  const holderId = String(roleAssignmentSchema.get(tenure, 'personId'));
  const name = personName(doc, holderId);
  // Releasing the commander would leave the room with nobody in command, open to anyone's claim.
  if (role === 'incident-commander' && by.id !== holderId && !isCommander(doc, by.id)) {
    throw new CommandError('role.onlyHolderStepsDown', { name });
  }
  runCommand(doc, by, `Release ${name} from ${ROLE_LABELS[role]}`, ({ now, record }) => {
    roleAssignmentSchema.set(tenure, 'endedAt', now);
    record({
      kind: 'event',
      event: 'role.released',
      params: { personId: holderId, name: nameOf(doc, holderId), role },
      subject: { collection: 'roles', id: input.assignmentId },
    });
  });
}

/** Whether a person holds an open commander tenure: the current one, or a claimant a split left. */
export function isCommander(doc: Y.Doc, personId: string): boolean {
  return openTenures(doc, 'incident-commander').some(([, tenure]) => roleAssignmentSchema.get(tenure, 'personId') === personId);
}

/** Refuses an act only the commander may do, unless nobody holds command. */
export function requireCommander(doc: Y.Doc, by: Actor, act: string): void {
  if (openTenures(doc, 'incident-commander').length === 0 || isCommander(doc, by.id)) return;
  const holder = currentHolders(readCollection(doc, 'roles'), 'incident-commander')[0];
  throw new CommandError(`role.only${holder ? 'Named' : ''}Commander${act === 'offer command' ? 'Offers' : 'HandsOver'}`, {
    name: holder ? personName(doc, holder.personId) : '',
  });
}

/** Checks that a person can take command (exists, not already IC); returns their name. */
export function checkCanTakeCommand(doc: Y.Doc, personId: string): string {
  return checkAssignable(doc, 'incident-commander', personId);
}

/**
 * Moves command inside a running command: ends the open IC tenures and opens the new one.
 * Shared by the immediate handover and the accepted handoff, so both keep the same history.
 */
export function transferCommand(scope: CommandScope, toPersonId: string): { tenureId: string; previous: string[] } {
  const previous = endTenures(scope, 'incident-commander');
  return { tenureId: insertRoleAssignment(scope, 'incident-commander', toPersonId), previous };
}

/** Hands incident command to another person; the outgoing commander's tenure ends. */
export function handOverCommand(doc: Y.Doc, input: { toPersonId: string }, by: Actor): string {
  const name = checkCanTakeCommand(doc, input.toPersonId);
  requireCommander(doc, by, 'hand over command');
  return runCommand(doc, by, `Hand command to ${name}`, (scope) => {
    const { tenureId: id, previous } = transferCommand(scope, input.toPersonId);
    scope.record({
      kind: 'event',
      event: 'command.handed-over',
      params: {
        toId: input.toPersonId,
        toName: nameOf(doc, input.toPersonId),
        ...(previous.length ? { fromNames: listParam(previous) } : {}),
      },
      subject: { collection: 'roles', id },
    });
    return id;
  });
}
