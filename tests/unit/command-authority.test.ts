// The incident commander's authority: command moves only by a handover or by an explicit,
// reasoned "Assume command" the replaced commander can contest; severity is the commander's,
// except that anyone may raise it at once.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  acceptAssumedCommand,
  addPerson,
  assignRole,
  assumeCommand,
  changeSeverity,
  confirmSeverityProposal,
  contestCommand,
  declineSeverityProposal,
  handOverCommand,
  offerCommand,
  pendingSeverityProposals,
  readCommandAssumptions,
  releaseRole,
} from '../../src/core/commands';
import { readCollection, readIncidentInfo, readSnapshot } from '../../src/core/read';
import { incidentMap } from '../../src/core/schema';
import { incidentCommander } from '../../src/core/selectors';
import { actor, declaredIncident, exchange } from './support/incident';

function room() {
  const { doc, ic, clock } = declaredIncident();
  addPerson(doc, { name: 'Bo', id: 'bo' }, ic);
  addPerson(doc, { name: 'Cy', id: 'cy' }, ic);
  return { doc, ic, clock, bo: actor('bo', 'Bo', clock), cy: actor('cy', 'Cy', clock) };
}

const commanderOf = (doc: Y.Doc) => incidentCommander(readSnapshot(doc)!.roles)?.personId;
const events = (doc: Y.Doc, event: string) => readSnapshot(doc)!.timeline.filter((entry) => entry.event === event);

describe('taking command', () => {
  it('is never a role assignment, and only the commander offers or hands over command', () => {
    const { doc, bo } = room();
    expect(() => assignRole(doc, { role: 'incident-commander', personId: 'bo' }, bo)).toThrow(/not assigned as a role/);
    expect(() => offerCommand(doc, { toPersonId: 'bo', briefing: 'all yours' }, bo)).toThrow(
      'Only the incident commander (Avery IC) can offer command. To take command without a handover, use Assume command with a reason.',
    );
    expect(() => handOverCommand(doc, { toPersonId: 'bo' }, bo)).toThrow(/Only the incident commander \(Avery IC\)/);
    const tenure = readSnapshot(doc)!.roles.find((t) => t.role === 'incident-commander')!;
    expect(() => releaseRole(doc, { assignmentId: tenure.id }, bo)).toThrow(/Only Avery IC can step down/);
    expect(commanderOf(doc)).toBe('ic-profile');
  });

  it('can be assumed with a reason, which every peer reads, and the replaced commander contests it', () => {
    const { doc, ic, clock, bo } = room();
    const peer = new Y.Doc();
    exchange(doc, peer);
    expect(() => assumeCommand(peer, { reason: '   ' }, bo)).toThrow('The reason for taking command cannot be empty.');
    clock.advance(60_000);
    const id = assumeCommand(peer, { reason: 'Avery is unreachable' }, bo);
    exchange(doc, peer);

    expect(commanderOf(doc)).toBe('bo');
    const [assumption] = readCommandAssumptions(doc);
    expect(assumption).toMatchObject({ id, personName: 'Bo', fromPersonId: 'ic-profile', fromName: 'Avery IC', status: 'open' });
    expect(events(doc, 'command.assumed').map((e) => e.text)).toEqual([
      'Bo assumed command from Avery IC without a handover: Avery is unreachable',
    ]);

    expect(() => contestCommand(doc, { assumptionId: id }, actor('cy', 'Cy', clock))).toThrow(/Only Avery IC can answer/);
    clock.advance(60_000);
    contestCommand(doc, { assumptionId: id, reason: 'I was on a call' }, ic);
    exchange(doc, peer);
    expect(commanderOf(peer)).toBe('ic-profile');
    expect(readCommandAssumptions(peer)[0]!.status).toBe('contested');
    expect(events(peer, 'command.contested').map((e) => e.text)).toEqual([
      "Avery IC contested Bo's assumption of command and holds command again: I was on a call",
    ]);
    expect(() => contestCommand(doc, { assumptionId: id }, ic)).toThrow('You already contested it.');
  });

  it('can be accepted by the replaced commander, and cannot be contested once command has moved on', () => {
    const { doc, ic, bo, cy } = room();
    const first = assumeCommand(doc, { reason: 'IC asleep' }, bo);
    acceptAssumedCommand(doc, { assumptionId: first }, ic);
    expect(readCommandAssumptions(doc)[0]!.status).toBe('accepted');
    expect(commanderOf(doc)).toBe('bo');

    const second = assumeCommand(doc, { reason: 'Bo dropped off' }, cy);
    handOverCommand(doc, { toPersonId: 'ic-profile' }, cy);
    expect(readCommandAssumptions(doc).find((a) => a.id === second)!.status).toBe('superseded');
    expect(() => contestCommand(doc, { assumptionId: second }, bo)).toThrow(/Command has changed hands since Cy took it/);
  });

  it('withdraws an offer of command still waiting', () => {
    const { doc, ic, bo } = room();
    offerCommand(doc, { toPersonId: 'cy', briefing: 'brief' }, ic);
    assumeCommand(doc, { reason: 'Avery left the building' }, bo);
    expect(readCollection(doc, 'handoffs').map((h) => h.status)).toEqual(['cancelled']);
  });
});

describe('severity', () => {
  it('is changed directly by the commander, and raised at once by anyone', () => {
    const { doc, ic, bo } = room();
    expect(changeSeverity(doc, { severity: 'SEV3' }, ic)).toBe('changed');
    expect(changeSeverity(doc, { severity: 'SEV1', reason: 'all regions' }, bo)).toBe('changed');
    expect(readIncidentInfo(doc)!.severity).toBe('SEV1');
  });

  it('lowered by anyone else is a proposal until the commander confirms or declines it', () => {
    const { doc, ic, clock, bo, cy } = room();
    const peer = new Y.Doc();
    exchange(doc, peer);
    expect(changeSeverity(peer, { severity: 'SEV3', reason: 'only one region' }, bo)).toBe('proposed');
    expect(readIncidentInfo(peer)!.severity).toBe('SEV2');
    expect(() => changeSeverity(peer, { severity: 'SEV3' }, cy)).toThrow(
      'SEV3 is already proposed and waiting for the incident commander.',
    );
    exchange(doc, peer);
    const [proposal] = pendingSeverityProposals(doc);
    expect(proposal).toMatchObject({ severity: 'SEV3', from: 'SEV2', byName: 'Bo', reason: 'only one region' });
    expect(() => confirmSeverityProposal(doc, { proposalId: proposal!.id }, cy)).toThrow(
      'Only the incident commander (Avery IC) can confirm a severity proposal.',
    );
    clock.advance(1_000);
    confirmSeverityProposal(doc, { proposalId: proposal!.id }, ic);
    expect(readIncidentInfo(doc)!.severity).toBe('SEV3');
    expect(pendingSeverityProposals(doc)).toEqual([]);
    expect(events(doc, 'incident.severity-changed').at(-1)!.text).toBe(
      'Severity changed from SEV2 to SEV3, proposed by Bo (only one region) and confirmed by Avery IC',
    );

    expect(changeSeverity(doc, { severity: 'SEV4' }, cy)).toBe('proposed');
    const [next] = pendingSeverityProposals(doc);
    declineSeverityProposal(doc, { proposalId: next!.id }, ic);
    expect(readIncidentInfo(doc)!.severity).toBe('SEV3');
    expect(events(doc, 'severity.proposal-declined').map((e) => e.text)).toEqual([
      "Avery IC declined Cy's proposal of SEV4; severity stays SEV3",
    ]);
    expect(() => declineSeverityProposal(doc, { proposalId: next!.id }, ic)).toThrow('Avery IC already declined that proposal.');
  });

  it('reads a peer’s malformed authority records as nothing, never a crash', () => {
    const { doc } = room();
    doc.transact(() => {
      incidentMap(doc).set('commandAssumption/x', 'garbage');
      incidentMap(doc).set('severityProposal/y', { severity: 'SEV9', at: 'soon' });
      incidentMap(doc).set('commandAssumption/z', { personId: 42 });
    });
    expect(readCommandAssumptions(doc)).toEqual([]);
    expect(pendingSeverityProposals(doc)).toEqual([]);
  });
});
