// Handing over command in two recorded steps: the outgoing side offers command with a
// briefing, the incoming person accepts it (or it is recorded as accepted verbally for someone
// who is not on the app). Command moves only at acceptance.
import * as Y from 'yjs';
import { collection, commandHandoffSchema, incidentMap, incidentSchema, personSchema, type YRecord } from '../schema';
import { newId } from '../ids';
import { listParam } from '../events/render';
import { readCollection } from '../read';
import { incidentCommander } from '../selectors';
import { pendingHandoffs } from '../handoffs';
import {
  CommandError,
  LIMITS,
  existing,
  nameOf,
  optionalText,
  personName,
  requireDeclared,
  requiredText,
  runCommand,
  type Actor,
} from './command';
import { checkCanTakeCommand, requireCommander, transferCommand } from './roles';

/** A briefing covers the whole room, so it may be longer than an ordinary entry. */
export const BRIEFING_MAX = 20_000;

export interface OfferCommandInput {
  readonly toPersonId: string;
  /** The briefing the incoming commander reads (composeHandoffBriefing, then edited). */
  readonly briefing: string;
}

function currentCommanderId(doc: Y.Doc): string | null {
  return incidentCommander(readCollection(doc, 'roles'))?.personId ?? null;
}

function openHandoff(doc: Y.Doc, handoffId: string): YRecord {
  const handoff = existing(doc, 'handoffs', handoffId, 'handover');
  const state =
    typeof commandHandoffSchema.get(handoff, 'acceptedAt') === 'number'
      ? 'accepted'
      : typeof commandHandoffSchema.get(handoff, 'declinedAt') === 'number'
        ? 'declined'
        : typeof commandHandoffSchema.get(handoff, 'cancelledAt') === 'number'
          ? 'cancelled'
          : null;
  if (state) throw new CommandError(`handover.already${state[0]?.toUpperCase()}${state.slice(1)}`);
  return handoff;
}

function field(record: YRecord, key: string): string {
  const value = record.get(key);
  return typeof value === 'string' ? value : '';
}

/** Offers command to a person with a briefing; nothing changes hands until they accept. */
export function offerCommand(doc: Y.Doc, input: OfferCommandInput, by: Actor): string {
  requireDeclared(doc);
  const person = existing(doc, 'people', input.toPersonId, 'person');
  const name = checkCanTakeCommand(doc, input.toPersonId);
  if (personSchema.get(person, 'status') === 'left') throw new CommandError('handover.personLeft', { name });
  const briefing = requiredText(input.briefing, 'The briefing', BRIEFING_MAX);
  // Offering command to yourself and accepting it would be taking it with two clicks.
  requireCommander(doc, by, 'offer command');
  const waiting = pendingHandoffs(readCollection(doc, 'handoffs'));
  if (waiting.length > 0) {
    throw new CommandError('handover.alreadyOffered', { name: personName(doc, waiting[0]!.toPersonId) });
  }
  const fromPersonId = currentCommanderId(doc);
  return runCommand(doc, by, `Offer command to ${name}`, ({ now, record }) => {
    const id = newId();
    collection(doc, 'handoffs').set(
      id,
      commandHandoffSchema.create({
        fromPersonId,
        toPersonId: input.toPersonId,
        briefing,
        offeredAt: now,
        offeredBy: by.id,
        acceptedAt: null,
        acceptedVerbally: false,
        declinedAt: null,
        cancelledAt: null,
        closedBy: null,
      }),
    );
    // The briefing goes into the timeline too: the review needs what the new IC was told.
    record({
      kind: 'event',
      event: 'command.offered',
      params: {
        fromId: fromPersonId ?? by.id,
        fromName: fromPersonId ? nameOf(doc, fromPersonId) : by.name,
        toId: input.toPersonId,
        toName: nameOf(doc, input.toPersonId),
        briefing,
      },
      subject: { collection: 'handoffs', id },
    });
    return id;
  });
}

/**
 * The incoming person accepts command: the role moves and the acceptance is recorded. With
 * `verbally`, the outgoing commander (or whoever made the offer) records that the incoming
 * person accepted by voice or in person, for someone who is not on the app.
 */
export function acceptCommand(doc: Y.Doc, input: { handoffId: string; verbally?: boolean }, by: Actor): string {
  const handoff = openHandoff(doc, input.handoffId);
  const toPersonId = field(handoff, 'toPersonId');
  const toName = personName(doc, toPersonId);
  const verbally = input.verbally === true;
  if (verbally) {
    const allowed = [field(handoff, 'fromPersonId'), field(handoff, 'offeredBy'), currentCommanderId(doc)];
    if (by.id === toPersonId) throw new CommandError('handover.acceptYourself');
    if (!allowed.includes(by.id)) {
      throw new CommandError('handover.onlyOutgoingRecordsVerbal');
    }
  } else if (by.id !== toPersonId) {
    throw new CommandError('handover.onlyIncomingAccepts', { name: toName });
  }
  checkCanTakeCommand(doc, toPersonId);
  return runCommand(doc, by, `Accept command for ${toName}`, (scope) => {
    const { tenureId, previous } = transferCommand(scope, toPersonId);
    commandHandoffSchema.set(handoff, 'acceptedAt', scope.now);
    commandHandoffSchema.set(handoff, 'acceptedVerbally', verbally);
    commandHandoffSchema.set(handoff, 'closedBy', by.id);
    // Another offer still waiting (made on the other side of a partition) is now moot.
    const withdrawn: string[] = [];
    collection(doc, 'handoffs').forEach((other, id) => {
      if (id === input.handoffId || !(other instanceof Y.Map)) return;
      if (['acceptedAt', 'declinedAt', 'cancelledAt'].some((key) => typeof other.get(key) === 'number')) return;
      commandHandoffSchema.set(other, 'cancelledAt', scope.now);
      commandHandoffSchema.set(other, 'closedBy', by.id);
      withdrawn.push(personName(doc, field(other, 'toPersonId')));
    });
    scope.record({
      kind: 'event',
      event: 'command.accepted',
      params: {
        toId: toPersonId,
        toName,
        ...(previous.length ? { fromNames: listParam(previous) } : {}),
        ...(verbally ? { recordedById: by.id, recordedByName: by.name } : {}),
        ...(withdrawn.length ? { withdrawnNames: listParam(withdrawn) } : {}),
      },
      subject: { collection: 'roles', id: tenureId },
    });
    return tenureId;
  });
}

/** The incoming person declines; command stays where it is. */
export function declineCommand(doc: Y.Doc, input: { handoffId: string; reason?: string }, by: Actor): void {
  const handoff = openHandoff(doc, input.handoffId);
  const toPersonId = field(handoff, 'toPersonId');
  if (by.id !== toPersonId) {
    throw new CommandError('handover.onlyIncomingDeclines', { name: personName(doc, toPersonId) });
  }
  const reason = optionalText(input.reason, 'Reason', LIMITS.text);
  runCommand(doc, by, 'Decline command', ({ now, record }) => {
    commandHandoffSchema.set(handoff, 'declinedAt', now);
    commandHandoffSchema.set(handoff, 'closedBy', by.id);
    record({
      kind: 'event',
      event: 'command.declined',
      params: { byId: by.id, byName: by.name, reason },
      subject: { collection: 'handoffs', id: input.handoffId },
    });
  });
}

/** The outgoing side withdraws an offer that is still waiting. */
export function cancelHandoff(doc: Y.Doc, input: { handoffId: string }, by: Actor): void {
  const handoff = openHandoff(doc, input.handoffId);
  const toPersonId = field(handoff, 'toPersonId');
  if (by.id === toPersonId) throw new CommandError('handover.declineInstead');
  runCommand(doc, by, 'Cancel handover', ({ now, record }) => {
    commandHandoffSchema.set(handoff, 'cancelledAt', now);
    commandHandoffSchema.set(handoff, 'closedBy', by.id);
    record({
      kind: 'event',
      event: 'command.offer-cancelled',
      params: { toId: toPersonId, toName: nameOf(doc, toPersonId) },
      subject: { collection: 'handoffs', id: input.handoffId },
    });
  });
}

/** Sets what must be true to stand the incident down; returns false when nothing changed. */
export function setExitCriteria(doc: Y.Doc, input: { exitCriteria: string }, by: Actor): boolean {
  requireDeclared(doc);
  const exitCriteria = optionalText(input.exitCriteria, 'Exit criteria', LIMITS.text);
  const incident = incidentMap(doc);
  if (incidentSchema.get(incident, 'exitCriteria') === exitCriteria) return false;
  runCommand(doc, by, 'Set exit criteria', ({ record }) => {
    incidentSchema.set(incident, 'exitCriteria', exitCriteria);
    record({
      kind: 'event',
      event: 'incident.exit-criteria-set',
      params: { criteria: exitCriteria },
    });
  });
  return true;
}
