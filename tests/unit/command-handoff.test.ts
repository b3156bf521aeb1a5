// Handing over command in two recorded steps, with a generated briefing for the incoming IC.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  acceptCommand,
  addPerson,
  assignRole,
  cancelHandoff,
  changeSeverity,
  createTask,
  declineCommand,
  offerCommand,
  postStatusUpdate,
  proposeHypothesis,
  ruleOutHypothesis,
  setExitCriteria,
  setHypothesisStatus,
  setTaskStatus,
} from '../../src/core/commands';
import { composeHandoffBriefing } from '../../src/core/handoffBriefing';
import { pendingHandoff } from '../../src/core/handoffs';
import { readPolicy } from '../../src/core/policy';
import { readCollection, readIncidentInfo, readSnapshot } from '../../src/core/read';
import { currentHolders, incidentCommander } from '../../src/core/selectors';
import { actor, declaredIncident, exchange } from './support/incident';

const MIN = 60_000;

function room() {
  const base = declaredIncident();
  const { doc, ic, clock } = base;
  // Casey is on the app: her person id is her profile id, as when she joins from her laptop.
  const casey = actor('casey-profile', 'Casey Lin', clock);
  addPerson(doc, { id: casey.id, name: casey.name }, ic);
  const bo = addPerson(doc, { name: 'Bo Ortiz' }, ic);
  return { ...base, casey, bo };
}

function briefing(doc: Y.Doc, now: number): string {
  const snapshot = readSnapshot(doc)!;
  return composeHandoffBriefing({ ...snapshot, updates: readCollection(doc, 'updates') }, readPolicy(doc), now);
}

const commander = (doc: Y.Doc) => incidentCommander(readCollection(doc, 'roles'))?.personId;
const handoffs = (doc: Y.Doc) => readCollection(doc, 'handoffs');
const texts = (doc: Y.Doc) => readSnapshot(doc)!.timeline.map((e) => e.text);
const lastText = (doc: Y.Doc) => texts(doc).at(-1)!;

describe('handoff briefing', () => {
  it('lists the state, open hypotheses only, running tasks with timers, the next update and key roles', () => {
    const { doc, ic, clock, bo, casey } = room();
    proposeHypothesis(doc, { statement: 'Connection pool exhausted' }, ic);
    const investigating = proposeHypothesis(doc, { statement: 'Bad deploy of checkout-api' }, ic);
    setHypothesisStatus(doc, { hypothesisId: investigating, status: 'investigating' }, ic);
    const ruledOut = proposeHypothesis(doc, { statement: 'Expired TLS certificate' }, ic);
    ruleOutHypothesis(doc, { hypothesisId: ruledOut }, ic);
    createTask(doc, { title: 'Check DB locks', assigneeId: bo, checkBackMinutes: 10 }, ic);
    const late = createTask(doc, { title: 'Roll back deploy', assigneeId: casey.id, checkBackMinutes: 5 }, ic);
    setTaskStatus(doc, { taskId: late, status: 'doing' }, ic);
    const finished = createTask(doc, { title: 'Page the DBA', assigneeId: bo }, ic);
    setTaskStatus(doc, { taskId: finished, status: 'done' }, ic);
    assignRole(doc, { role: 'scribe', personId: bo }, ic);
    clock.advance(7 * MIN);

    const text = briefing(doc, clock.now);
    expect(text).toContain('Command briefing: Checkout errors');
    expect(text).toContain('Severity SEV2, phase investigating; running 7m (started 09:00 UTC)');
    expect(text).toContain('Summary: 5xx on /pay');
    expect(text).toContain('- Connection pool exhausted (open)');
    expect(text).toContain('- Bad deploy of checkout-api (investigating)');
    expect(text).not.toContain('Expired TLS certificate');
    expect(text).toContain('- Check DB locks: Bo Ortiz, to do, check back in 3m (09:10 UTC)');
    expect(text).toContain('- Roll back deploy: Casey Lin, doing, check-back overdue by 2m');
    expect(text).not.toContain('Page the DBA');
    // SEV2: the default cadence is 60 minutes from the declaration at 09:00.
    expect(text).toContain('Next status update\n- Due 10:00 UTC, in 53m');
    expect(text).toContain('Exit criteria\n- Not agreed yet.');
    expect(text).toContain('- Incident commander: Avery IC');
    expect(text).toContain('- Scribe: Bo Ortiz');
    expect(text).toContain('- Communications lead: UNFILLED');
  });

  it('follows the update clock and the exit criteria', () => {
    const { doc, ic, clock } = room();
    clock.advance(20 * MIN);
    postStatusUpdate(doc, { audience: 'internal', template: 'initial', text: 'Investigating checkout errors.' }, ic);
    setExitCriteria(doc, { exitCriteria: 'Error rate under 0.1% for 30 minutes' }, ic);
    expect(lastText(doc)).toBe('Exit criteria: Error rate under 0.1% for 30 minutes');
    expect(briefing(doc, clock.now)).toContain('Next status update\n- Due 10:20 UTC, in 1h 00m');
    expect(briefing(doc, clock.now)).toContain('Exit criteria\n- Error rate under 0.1% for 30 minutes');
    changeSeverity(doc, { severity: 'SEV1' }, ic);
    clock.advance(45 * MIN);
    // SEV1 (30 minutes) from the change at 09:20 pulls the update in to 09:50: overdue by 15m.
    expect(briefing(doc, clock.now)).toContain('- OVERDUE by 15m (was due 09:50 UTC)');
    expect(setExitCriteria(doc, { exitCriteria: 'Error rate under 0.1% for 30 minutes' }, ic)).toBe(false);
  });
});

describe('command handoff', () => {
  it('offers command with the briefing, and acceptance by the incoming person moves command; both steps recorded', () => {
    const { doc, ic, clock, casey } = room();
    const text = briefing(doc, clock.now);
    const id = offerCommand(doc, { toPersonId: casey.id, briefing: text }, ic);
    expect(lastText(doc)).toBe(`Avery IC offered command to Casey Lin. Briefing:\n${text}`);
    expect(commander(doc)).toBe(ic.id);
    const offered = pendingHandoff(handoffs(doc))!;
    expect(offered).toMatchObject({
      id,
      fromPersonId: ic.id,
      toPersonId: casey.id,
      briefing: text,
      offeredAt: clock.now,
      status: 'offered',
    });

    clock.advance(2 * MIN);
    acceptCommand(doc, { handoffId: id }, casey);
    expect(commander(doc)).toBe(casey.id);
    expect(lastText(doc)).toBe('Casey Lin accepted command from Avery IC');
    expect(handoffs(doc)[0]).toMatchObject({ status: 'accepted', acceptedAt: clock.now, acceptedVerbally: false, closedBy: casey.id });
    expect(pendingHandoff(handoffs(doc))).toBeNull();
    const tenures = readCollection(doc, 'roles').filter((t) => t.role === 'incident-commander');
    expect(tenures.map((t) => [t.personId, t.endedAt])).toEqual([
      [ic.id, clock.now],
      [casey.id, null],
    ]);
    expect(() => acceptCommand(doc, { handoffId: id }, casey)).toThrow('This handover was already accepted.');
  });

  it('refuses acceptance by someone else with a clear message', () => {
    const { doc, ic, clock, casey } = room();
    const id = offerCommand(doc, { toPersonId: casey.id, briefing: 'All quiet.' }, ic);
    const intruder = actor('dee-profile', 'Dee', clock);
    expect(() => acceptCommand(doc, { handoffId: id }, intruder)).toThrow(
      'Only Casey Lin can accept this handover. If Casey Lin accepted by voice or in person, record it as accepted verbally.',
    );
    expect(() => acceptCommand(doc, { handoffId: id }, ic)).toThrow(/Only Casey Lin can accept this handover/);
    expect(() => acceptCommand(doc, { handoffId: id, verbally: true }, intruder)).toThrow(
      'Only the outgoing incident commander, or whoever offered command, can record a verbal acceptance.',
    );
    expect(commander(doc)).toBe(ic.id);
    expect(handoffs(doc)[0]!.status).toBe('offered');
  });

  it('records a verbal acceptance for someone not on the app', () => {
    const { doc, ic, clock, bo } = room();
    const id = offerCommand(doc, { toPersonId: bo, briefing: 'Pool exhausted; rollback running.' }, ic);
    clock.advance(MIN);
    acceptCommand(doc, { handoffId: id, verbally: true }, ic);
    expect(commander(doc)).toBe(bo);
    expect(handoffs(doc)[0]).toMatchObject({ status: 'accepted', acceptedVerbally: true, closedBy: ic.id });
    expect(lastText(doc)).toBe('Bo Ortiz accepted command from Avery IC verbally (recorded by Avery IC)');
    expect(texts(doc)).toContain('Avery IC offered command to Bo Ortiz. Briefing:\nPool exhausted; rollback running.');
  });

  it('the incoming person can decline; command stays and a new offer can be made', () => {
    const { doc, ic, casey, bo } = room();
    const id = offerCommand(doc, { toPersonId: casey.id, briefing: 'Briefing' }, ic);
    expect(() => offerCommand(doc, { toPersonId: bo, briefing: 'Briefing' }, ic)).toThrow(
      'Command is already offered to Casey Lin. Cancel that offer before offering it to someone else.',
    );
    expect(() => declineCommand(doc, { handoffId: id }, ic)).toThrow(/Only Casey Lin can decline/);
    declineCommand(doc, { handoffId: id, reason: 'Off shift in ten minutes' }, casey);
    expect(lastText(doc)).toBe('Casey Lin declined command: Off shift in ten minutes');
    expect(handoffs(doc)[0]!.status).toBe('declined');
    expect(commander(doc)).toBe(ic.id);
    expect(() => acceptCommand(doc, { handoffId: id }, casey)).toThrow('This handover was already declined.');
    offerCommand(doc, { toPersonId: bo, briefing: 'Briefing' }, ic);
    expect(pendingHandoff(handoffs(doc))!.toPersonId).toBe(bo);
  });

  it('the outgoing side can cancel an offer', () => {
    const { doc, ic, casey } = room();
    const id = offerCommand(doc, { toPersonId: casey.id, briefing: 'Briefing' }, ic);
    expect(() => cancelHandoff(doc, { handoffId: id }, casey)).toThrow('To turn down command offered to you, decline it.');
    cancelHandoff(doc, { handoffId: id }, ic);
    expect(lastText(doc)).toBe('Offer of command to Casey Lin cancelled');
    expect(handoffs(doc)[0]!.status).toBe('cancelled');
    expect(commander(doc)).toBe(ic.id);
  });

  it('refuses offers that cannot work, with clear messages', () => {
    const { doc, ic, casey } = room();
    expect(() => offerCommand(doc, { toPersonId: ic.id, briefing: 'x' }, ic)).toThrow('Avery IC is already incident commander.');
    expect(() => offerCommand(doc, { toPersonId: 'ghost', briefing: 'x' }, ic)).toThrow('That person no longer exists.');
    expect(() => offerCommand(doc, { toPersonId: casey.id, briefing: '   ' }, ic)).toThrow('The briefing cannot be empty.');
    expect(() => acceptCommand(doc, { handoffId: 'nope' }, casey)).toThrow('That handover no longer exists.');
  });

  it('an acceptance on one peer wins over a cancel made concurrently on another, and both peers agree', () => {
    const { doc: a, ic, casey } = room();
    const b = new Y.Doc();
    exchange(a, b);
    const id = offerCommand(a, { toPersonId: casey.id, briefing: 'Briefing' }, ic);
    exchange(a, b);
    cancelHandoff(a, { handoffId: id }, ic);
    acceptCommand(b, { handoffId: id }, casey);
    exchange(a, b);
    expect(handoffs(a)[0]!.status).toBe('accepted');
    expect(handoffs(b)).toEqual(handoffs(a));
    expect(commander(a)).toBe(casey.id);
    expect(commander(b)).toBe(casey.id);
    expect(currentHolders(readCollection(a, 'roles'), 'incident-commander')).toHaveLength(1);
    expect(texts(a)).toEqual(texts(b));
    expect(texts(a)).toContain('Offer of command to Casey Lin cancelled');
    expect(texts(a)).toContain('Casey Lin accepted command from Avery IC');
  });

  it('keeps the exit criteria on the incident', () => {
    const { doc, ic } = room();
    expect(readIncidentInfo(doc)!.exitCriteria).toBe('');
    setExitCriteria(doc, { exitCriteria: '  Checkout success above 99% for an hour ' }, ic);
    expect(readIncidentInfo(doc)!.exitCriteria).toBe('Checkout success above 99% for an hour');
    setExitCriteria(doc, { exitCriteria: '' }, ic);
    expect(lastText(doc)).toBe('Exit criteria cleared');
  });
});
