// Confirming an authority conflict left by a split room: which of the people made incident
// commander (or another single-holder role) stays, or which severity stands. Both original
// changes stay in the timeline; the confirmation is recorded next to them.
import * as Y from 'yjs';
import { readAuthorityConflicts, type RoleConflict, type SeverityConflict } from '../conflicts';
import { SEVERITIES, type Severity } from '../model';
import { newId } from '../ids';
import { listParam } from '../events/render';
import { readCollection } from '../read';
import { incidentCommander, openTenures } from '../selectors';
import {
  collection,
  commandHandoffSchema,
  incidentMap,
  incidentSchema,
  personSchema,
  putAuthorityRecord,
  readAuthorityRecords,
  roleAssignmentSchema,
  type CommandAssumptionRecord,
  type CommandResponseRecord,
  type SeverityDecisionRecord,
  type SeverityProposalRecord,
} from '../schema';
import {
  CommandError,
  LIMITS,
  existing,
  nameOf,
  oneOfValues,
  optionalText,
  personName,
  requireDeclared,
  requiredText,
  runCommand,
  type Actor,
  type CommandScope,
} from './command';
import { insertSeverityChange } from './incident';
import { ROLE_LABELS, transferCommand } from './roles';

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
    throw new CommandError('authority.conflictSettled');
  }
  if (conflict.kind === 'role') confirmRole(doc, conflict, input.keep, by);
  else confirmSeverity(doc, conflict, input.keep, by);
}

function confirmRole(doc: Y.Doc, conflict: RoleConflict, keep: string, by: Actor): void {
  const _label = ROLE_LABELS[conflict.role].toLowerCase();
  const role = conflict.role;
  const kept = conflict.claims.find((claim) => claim.id === keep);
  if (!kept) throw new CommandError('authority.chooseRolePerson', { role: { word: `role.${conflict.role}` } });
  runCommand(doc, by, `Confirm ${kept.personName} as ${ROLE_LABELS[conflict.role]}`, ({ now, record }) => {
    // Every other open tenure of the role ends, a duplicate of the kept person's own included.
    const ended = new Set<string>();
    const endedIds: string[] = [];
    collection(doc, 'roles').forEach((tenure, id) => {
      if (!(tenure instanceof Y.Map) || id === kept.id) return;
      if (roleAssignmentSchema.get(tenure, 'role') !== conflict.role || typeof roleAssignmentSchema.get(tenure, 'endedAt') === 'number')
        return;
      roleAssignmentSchema.set(tenure, 'endedAt', now);
      const personId = roleAssignmentSchema.get(tenure, 'personId');
      if (personId !== kept.personId && typeof personId === 'string' && !endedIds.includes(personId)) endedIds.push(personId);
      if (personId !== kept.personId) ended.add(nameOf(doc, typeof personId === 'string' ? personId : null));
    });
    record({
      kind: 'event',
      event: 'authority.role-confirmed',
      params: {
        personId: kept.personId,
        name: kept.personName,
        role,
        ...(ended.size ? { endedIds: listParam(endedIds), endedNames: listParam([...ended]) } : {}),
      },
      subject: { collection: 'roles', id: kept.id },
    });
  });
}

function confirmSeverity(doc: Y.Doc, conflict: SeverityConflict, keep: string, by: Actor): void {
  const kept = conflict.claims.find((claim) => claim.id === keep);
  if (!kept) throw new CommandError('authority.chooseSeverity');
  const others = conflict.claims.filter((claim) => claim !== kept);
  runCommand(doc, by, `Confirm severity ${kept.severity}`, (scope) => {
    const incident = incidentMap(doc);
    if (incidentSchema.get(incident, 'severity') !== kept.severity) incidentSchema.set(incident, 'severity', kept.severity);
    const entryId = scope.record({
      kind: 'event',
      event: 'authority.severity-confirmed',
      params: {
        severity: kept.severity,
        others: listParam(others.map((claim) => claim.severity)),
        otherByNames: listParam(others.map((claim) => claim.byName)),
      },
    });
    // Based on every current head, this change joins the forked histories into one again.
    insertSeverityChange(scope, kept.severity, entryId);
  });
}

// ---------------------------------------------------------------------------------------------
// The incident commander's authority. Command moves by a handover (offer and accept, see
// handoffs.ts) or by an explicit "Assume command" with a reason, which every peer sees and the
// replaced commander can contest: contesting gives command straight back to them, and the
// room keeps a banner naming both until someone dismisses it, so the dispute is settled by
// people, on the record, rather than by whoever clicked last. Severity is the commander's:
// anyone may raise it at once (practice demands it), anyone else's lowering is a proposal
// until the commander confirms or declines it.
//
// These checks run in every honest Sitrep. A modified client can still write anything into a
// document it shares; what it writes is then in the timeline and the banners for all to see.

/** Who holds command now (the room's pick after a split), or null when nobody does. */
export function currentCommanderId(doc: Y.Doc): string | null {
  return incidentCommander(readCollection(doc, 'roles'))?.personId ?? null;
}

/** Whether this person may act as commander: the current one, a claimant left by a split, or anyone when nobody is. */
export function actsAsCommander(doc: Y.Doc, personId: string): boolean {
  const open = openTenures(readCollection(doc, 'roles'), 'incident-commander');
  return open.length === 0 || open.some((tenure) => tenure.personId === personId);
}

export type AssumptionStatus = 'open' | 'contested' | 'accepted' | 'superseded';

export interface CommandAssumption extends CommandAssumptionRecord {
  readonly status: AssumptionStatus;
  /** The replaced commander's answer, when they gave one. */
  readonly response: CommandResponseRecord | null;
}

/** Every assumption of command, oldest first, with what became of it. */
export function readCommandAssumptions(doc: Y.Doc): readonly CommandAssumption[] {
  const incident = incidentMap(doc);
  const responses = new Map(
    readAuthorityRecords(incident, 'response')
      .filter((response) => response.response !== null)
      .map((response) => [response.id, response]),
  );
  const openIds = new Set(openTenures(readCollection(doc, 'roles'), 'incident-commander').map((tenure) => tenure.id));
  return Object.freeze(
    readAuthorityRecords(incident, 'assumption')
      .filter((assumption) => assumption.personId !== '')
      .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((assumption) => {
        const response = responses.get(assumption.id) ?? null;
        const status: AssumptionStatus = response
          ? (response.response as 'contested' | 'accepted')
          : openIds.has(assumption.tenureId)
            ? 'open'
            : 'superseded';
        return Object.freeze({ ...assumption, status, response });
      }),
  );
}

export const REASON_MAX = 500;

/** Takes command without a handover, for a reason every peer sees; the replaced commander may contest. */
export function assumeCommand(doc: Y.Doc, input: { reason: string }, by: Actor): string {
  requireDeclared(doc);
  const me = existing(doc, 'people', by.id, 'person');
  if (personSchema.get(me, 'status') === 'left') throw new CommandError('authority.leftCannotTakeCommand');
  const reason = requiredText(input.reason, 'The reason for taking command', REASON_MAX);
  const fromPersonId = currentCommanderId(doc);
  if (fromPersonId === by.id) throw new CommandError('authority.alreadyCommander');
  const fromName = fromPersonId ? personName(doc, fromPersonId) : '';
  return runCommand(doc, by, 'Assume command', (scope) => {
    const { tenureId } = transferCommand(scope, by.id);
    const id = newId();
    putAuthorityRecord(incidentMap(doc), 'assumption', id, {
      personId: by.id,
      personName: personName(doc, by.id),
      fromPersonId,
      fromName,
      reason,
      at: scope.now,
      tenureId,
    });
    const withdrawn = withdrawPendingOffers(scope);
    scope.record({
      kind: 'event',
      event: 'command.assumed',
      params: {
        byId: by.id,
        byName: by.name,
        ...(fromPersonId ? { fromId: fromPersonId, fromName } : {}),
        reason,
        ...(withdrawn.length ? { withdrawnNames: listParam(withdrawn) } : {}),
      },
      subject: { collection: 'roles', id: tenureId },
    });
    return id;
  });
}

/** Offers of command still waiting are moot once command is taken; they are cancelled. */
function withdrawPendingOffers(scope: CommandScope): string[] {
  const withdrawn: string[] = [];
  collection(scope.doc, 'handoffs').forEach((handoff) => {
    if (!(handoff instanceof Y.Map)) return;
    if (['acceptedAt', 'declinedAt', 'cancelledAt'].some((key) => typeof handoff.get(key) === 'number')) return;
    commandHandoffSchema.set(handoff, 'cancelledAt', scope.now);
    commandHandoffSchema.set(handoff, 'closedBy', scope.actor.id);
    withdrawn.push(personName(scope.doc, commandHandoffSchema.get(handoff, 'toPersonId')));
  });
  return withdrawn;
}

function openAssumption(doc: Y.Doc, assumptionId: string, by: Actor): CommandAssumption {
  const assumption = readCommandAssumptions(doc).find((candidate) => candidate.id === assumptionId);
  if (!assumption) throw new CommandError('authority.assumptionGone');
  if (assumption.fromPersonId !== by.id) {
    throw new CommandError(assumption.fromName ? 'authority.onlyNamedAnswers' : 'authority.onlyReplacedAnswers', {
      name: assumption.fromName,
      assumer: assumption.personName,
    });
  }
  if (assumption.status === 'contested' || assumption.status === 'accepted') {
    throw new CommandError(assumption.status === 'contested' ? 'authority.alreadyContested' : 'authority.alreadyAccepted');
  }
  if (assumption.status === 'superseded' || currentCommanderId(doc) !== assumption.personId) {
    throw new CommandError('authority.commandMoved', { assumer: assumption.personName });
  }
  return assumption;
}

/**
 * The replaced commander contests an assumption of command: command goes straight back to
 * them and the dispute is recorded, for the room to see and settle by a handover if need be.
 */
export function contestCommand(doc: Y.Doc, input: { assumptionId: string; reason?: string }, by: Actor): string {
  const assumption = openAssumption(doc, input.assumptionId, by);
  const reason = optionalText(input.reason, 'Reason', REASON_MAX);
  return runCommand(doc, by, `Contest ${assumption.personName}'s command`, (scope) => {
    const { tenureId } = transferCommand(scope, by.id);
    putAuthorityRecord(incidentMap(doc), 'response', assumption.id, {
      response: 'contested',
      by: by.id,
      byName: by.name,
      at: scope.now,
      reason,
    });
    scope.record({
      kind: 'event',
      event: 'command.contested',
      params: { byId: by.id, byName: by.name, assumedById: assumption.personId, assumedByName: assumption.personName, reason },
      subject: { collection: 'roles', id: tenureId },
    });
    return tenureId;
  });
}

/** The replaced commander agrees that the person who assumed command keeps it. */
export function acceptAssumedCommand(doc: Y.Doc, input: { assumptionId: string }, by: Actor): void {
  const assumption = openAssumption(doc, input.assumptionId, by);
  runCommand(doc, by, `Accept ${assumption.personName} as commander`, (scope) => {
    putAuthorityRecord(incidentMap(doc), 'response', assumption.id, {
      response: 'accepted',
      by: by.id,
      byName: by.name,
      at: scope.now,
      reason: '',
    });
    scope.record({
      kind: 'event',
      event: 'command.assumption-accepted',
      params: { byId: by.id, byName: by.name, assumedById: assumption.personId, assumedByName: assumption.personName },
      subject: { collection: 'roles', id: assumption.tenureId },
    });
  });
}

export interface SeverityProposal extends SeverityProposalRecord {
  readonly severity: Severity;
  readonly decision: SeverityDecisionRecord | null;
}

/** Every readable severity proposal, oldest first, with the commander's decision if any. */
export function readSeverityProposals(doc: Y.Doc): readonly SeverityProposal[] {
  const incident = incidentMap(doc);
  const decisions = new Map(
    readAuthorityRecords(incident, 'decision')
      .filter((decision) => decision.decision !== null)
      .map((decision) => [decision.id, decision]),
  );
  return Object.freeze(
    readAuthorityRecords(incident, 'proposal')
      .filter((proposal): proposal is SeverityProposalRecord & { severity: Severity } => proposal.severity !== null)
      .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((proposal) => Object.freeze({ ...proposal, decision: decisions.get(proposal.id) ?? null })),
  );
}

/** Proposals waiting for the commander: undecided, and not already the incident's severity. */
export function pendingSeverityProposals(doc: Y.Doc): readonly SeverityProposal[] {
  const severity = incidentSchema.get(incidentMap(doc), 'severity');
  return readSeverityProposals(doc).filter((proposal) => proposal.decision === null && proposal.severity !== severity);
}

/** SEV1 is the most severe: a lower index is an upgrade. */
export function isSeverityUpgrade(from: Severity, to: Severity): boolean {
  return SEVERITIES.indexOf(to) < SEVERITIES.indexOf(from);
}

/** Proposes a severity for the commander to confirm (what a non-commander's downgrade becomes). */
export function proposeSeverity(doc: Y.Doc, input: { severity: Severity; reason?: string }, by: Actor): string {
  requireDeclared(doc);
  const severity = oneOfValues(input.severity, SEVERITIES, 'Severity');
  const reason = optionalText(input.reason, 'Reason', LIMITS.text);
  const incident = incidentMap(doc);
  const from = incidentSchema.get(incident, 'severity');
  if (from === severity) throw new CommandError('incident.alreadySeverity', { severity });
  if (pendingSeverityProposals(doc).some((proposal) => proposal.severity === severity)) {
    throw new CommandError('authority.alreadyProposed', { severity });
  }
  const commander = currentCommanderId(doc);
  return runCommand(doc, by, `Propose severity ${severity}`, (scope) => {
    const id = newId();
    putAuthorityRecord(incident, 'proposal', id, { severity, from, reason, at: scope.now, by: by.id, byName: by.name });
    scope.record({
      kind: 'event',
      event: 'severity.proposed',
      params: {
        byId: by.id,
        byName: by.name,
        severity,
        from,
        reason,
        ...(commander ? { commanderId: commander, commanderName: nameOf(doc, commander) } : {}),
      },
    });
    return id;
  });
}

function undecidedProposal(doc: Y.Doc, proposalId: string, by: Actor, verb: string): SeverityProposal {
  const proposal = readSeverityProposals(doc).find((candidate) => candidate.id === proposalId);
  if (!proposal) throw new CommandError('authority.proposalGone');
  if (proposal.decision)
    throw new CommandError(proposal.decision.decision === 'confirmed' ? 'authority.proposalConfirmed' : 'authority.proposalDeclined', {
      name: proposal.decision.byName,
    });
  if (!actsAsCommander(doc, by.id)) {
    const commander = currentCommanderId(doc);
    throw new CommandError(`authority.only${commander ? 'Named' : ''}Commander${verb === 'confirm' ? 'Confirms' : 'Declines'}`, {
      name: personName(doc, commander),
    });
  }
  return proposal;
}

/** The commander confirms a proposal: severity changes, recorded as proposed by one and confirmed by the other. */
export function confirmSeverityProposal(doc: Y.Doc, input: { proposalId: string }, by: Actor): void {
  const proposal = undecidedProposal(doc, input.proposalId, by, 'confirm');
  const incident = incidentMap(doc);
  const previous = incidentSchema.get(incident, 'severity');
  runCommand(doc, by, `Confirm severity ${proposal.severity}`, (scope) => {
    putAuthorityRecord(incident, 'decision', proposal.id, { decision: 'confirmed', by: by.id, byName: by.name, at: scope.now });
    if (previous === proposal.severity) {
      scope.record({
        kind: 'event',
        event: 'severity.proposal-confirmed',
        params: { byId: by.id, byName: by.name, proposedById: proposal.by, proposedByName: proposal.byName, severity: proposal.severity },
      });
      return;
    }
    incidentSchema.set(incident, 'severity', proposal.severity);
    const entryId = scope.record({
      kind: 'event',
      event: 'incident.severity-changed',
      params: {
        from: previous,
        to: proposal.severity,
        reason: proposal.reason,
        proposedById: proposal.by,
        proposedByName: proposal.byName,
        confirmedById: by.id,
        confirmedByName: by.name,
      },
    });
    insertSeverityChange(scope, proposal.severity, entryId);
  });
}

/** The commander declines a proposal; severity stays. */
export function declineSeverityProposal(doc: Y.Doc, input: { proposalId: string }, by: Actor): void {
  const proposal = undecidedProposal(doc, input.proposalId, by, 'decline');
  const severity = incidentSchema.get(incidentMap(doc), 'severity');
  runCommand(doc, by, `Decline severity ${proposal.severity}`, (scope) => {
    putAuthorityRecord(incidentMap(doc), 'decision', proposal.id, { decision: 'declined', by: by.id, byName: by.name, at: scope.now });
    scope.record({
      kind: 'event',
      event: 'severity.proposal-declined',
      params: {
        byId: by.id,
        byName: by.name,
        proposedById: proposal.by,
        proposedByName: proposal.byName,
        proposed: proposal.severity,
        severity,
      },
    });
  });
}
