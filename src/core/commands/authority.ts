// Confirming an authority conflict left by a split room: which of the people made incident
// commander (or another single-holder role) stays, or which severity stands. Both original
// changes stay in the timeline; the confirmation is recorded next to them.
import * as Y from 'yjs';
import { readAuthorityConflicts, type RoleConflict, type SeverityConflict } from '../conflicts';
import { collection, incidentMap, incidentSchema, roleAssignmentSchema } from '../schema';
import { CommandError, personName, requireDeclared, runCommand, type Actor } from './command';
import { insertSeverityChange } from './incident';
import { ROLE_LABELS } from './roles';

export interface ResolveAuthorityConflictInput {
  /** `AuthorityConflict.id` as read. */
  readonly conflictId: string;
  /** The id of the claim to keep: a tenure id for a role, a severity change id for severity. */
  readonly keep: string;
}

/**
 * Keeps one claim of a conflict and settles the others, on every peer once synced. Anyone may
 * confirm: the incident commander is meant to, but may be the one who is offline.
 */
export function resolveAuthorityConflict(doc: Y.Doc, input: ResolveAuthorityConflictInput, by: Actor): void {
  requireDeclared(doc);
  const conflict = readAuthorityConflicts(doc).find((candidate) => candidate.id === input.conflictId);
  if (!conflict) {
    throw new CommandError('That conflict is already settled or has changed since it was shown. Look at the room again.');
  }
  if (conflict.kind === 'role') confirmRole(doc, conflict, input.keep, by);
  else confirmSeverity(doc, conflict, input.keep, by);
}

function confirmRole(doc: Y.Doc, conflict: RoleConflict, keep: string, by: Actor): void {
  const label = ROLE_LABELS[conflict.role].toLowerCase();
  const kept = conflict.claims.find((claim) => claim.id === keep);
  if (!kept) throw new CommandError(`Choose one of the people who were made ${label}.`);
  runCommand(doc, by, `Confirm ${kept.personName} as ${ROLE_LABELS[conflict.role]}`, ({ now, record }) => {
    // Every other open tenure of the role ends, a duplicate of the kept person's own included.
    const ended = new Set<string>();
    collection(doc, 'roles').forEach((tenure, id) => {
      if (!(tenure instanceof Y.Map) || id === kept.id) return;
      if (roleAssignmentSchema.get(tenure, 'role') !== conflict.role || typeof roleAssignmentSchema.get(tenure, 'endedAt') === 'number')
        return;
      roleAssignmentSchema.set(tenure, 'endedAt', now);
      const personId = roleAssignmentSchema.get(tenure, 'personId');
      if (personId !== kept.personId) ended.add(personName(doc, typeof personId === 'string' ? personId : null));
    });
    record({
      kind: 'event',
      event: 'authority.role-confirmed',
      text: `Confirmed ${kept.personName} as ${label} after the room was split${ended.size ? `; ${[...ended].join(', ')} no longer ${label}` : ''}`,
      subject: { collection: 'roles', id: kept.id },
    });
  });
}

function confirmSeverity(doc: Y.Doc, conflict: SeverityConflict, keep: string, by: Actor): void {
  const kept = conflict.claims.find((claim) => claim.id === keep);
  if (!kept) throw new CommandError('Choose one of the severities set while the room was split.');
  const others = conflict.claims.filter((claim) => claim !== kept).map((claim) => `${claim.severity} set by ${claim.byName}`);
  runCommand(doc, by, `Confirm severity ${kept.severity}`, (scope) => {
    const incident = incidentMap(doc);
    if (incidentSchema.get(incident, 'severity') !== kept.severity) incidentSchema.set(incident, 'severity', kept.severity);
    const entryId = scope.record({
      kind: 'event',
      event: 'authority.severity-confirmed',
      text: `Confirmed severity ${kept.severity} after the room was split; not kept: ${others.join(', ')}`,
    });
    // Based on every current head, this change joins the forked histories into one again.
    insertSeverityChange(scope, kept.severity, entryId);
  });
}
