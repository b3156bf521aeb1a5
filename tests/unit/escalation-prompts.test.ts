import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { acknowledgeEscalation, addPerson, changePhase, changeSeverity, declareIncident, setEscalationRule } from '@core/commands';
import { escalationsDue, type EscalationSource } from '@core/cadence';
import { readEscalationAcknowledgements } from '@core/escalations';
import { readPolicy } from '@core/policy';
import { readCollection, readIncidentInfo } from '@core/read';
import { createIncidentStore } from '@core/store';
import type { Severity } from '@core/model';
import { actor, exchange, T0, testClock } from './support/incident';

const MIN = 60_000;

function incident(severity: Severity) {
  const clock = testClock();
  const doc = new Y.Doc();
  const ic = actor('ic', 'Avery IC', clock);
  declareIncident(doc, { title: 'Checkout errors', severity }, ic);
  return { doc, ic, clock };
}

function source(doc: Y.Doc): EscalationSource {
  return {
    incident: readIncidentInfo(doc)!,
    timeline: readCollection(doc, 'timeline'),
    escalationAcks: readEscalationAcknowledgements(doc),
  };
}

const due = (doc: Y.Doc, now: number) => escalationsDue(source(doc), readPolicy(doc), now).map((p) => p.rule.notify.who);

describe('escalation prompts', () => {
  it('prompts for the default SEV1 rows as their time comes', () => {
    const { doc } = incident('SEV1');
    expect(due(doc, T0 + 29 * MIN)).toEqual([]);
    expect(due(doc, T0 + 30 * MIN)).toEqual(['Engineering director']);
    expect(due(doc, T0 + 61 * MIN)).toEqual(['Engineering director', 'CTO']);
  });

  it('does not prompt for a less severe incident, and counts from when it became that severe', () => {
    const { doc, ic, clock } = incident('SEV3');
    expect(due(doc, T0 + 120 * MIN)).toEqual([]);
    clock.advance(100 * MIN);
    changeSeverity(doc, { severity: 'SEV1' }, ic);
    expect(due(doc, clock.now + 29 * MIN)).toEqual([]);
    expect(due(doc, clock.now + 30 * MIN)).toEqual(['Engineering director']);
  });

  it('a rule for a lower severity also applies to a worse incident, counted from when it first reached that level', () => {
    const { doc, ic, clock } = incident('SEV2');
    setEscalationRule(doc, { severity: 'SEV2', afterMinutes: 120, who: 'VP Engineering' }, ic);
    clock.advance(60 * MIN);
    changeSeverity(doc, { severity: 'SEV1' }, ic);
    // SEV2-or-worse since declaration: the SEV2 row fires at +120; SEV1 since +60: +90 and +120.
    expect(due(doc, T0 + 119 * MIN)).toEqual(['Engineering director']);
    expect(due(doc, T0 + 120 * MIN).sort()).toEqual(['CTO', 'Engineering director', 'VP Engineering']);
  });

  it('acknowledging clears the prompt and records it in the timeline', () => {
    const { doc, ic, clock } = incident('SEV1');
    clock.advance(31 * MIN);
    acknowledgeEscalation(doc, { ruleId: 'default-sev1-30m' }, ic);
    expect(due(doc, clock.now)).toEqual([]);
    expect(readEscalationAcknowledgements(doc)).toEqual([
      { ruleId: 'default-sev1-30m', at: T0 + 31 * MIN, byId: 'ic', byName: 'Avery IC', notifyWho: 'Engineering director' },
    ]);
    const entry = readCollection(doc, 'timeline').find((e) => e.event === 'escalation.acknowledged')!;
    expect(entry.text).toBe(
      'Escalation acknowledged: Engineering director notified (SEV1 open 30 minutes) — SEV1 still open after 30 minutes: notify the engineering director.',
    );
    expect(entry.authorName).toBe('Avery IC');
    expect(() => acknowledgeEscalation(doc, { ruleId: 'default-sev1-30m' }, ic)).toThrow('Avery IC already acknowledged this escalation.');
    expect(due(doc, T0 + 61 * MIN)).toEqual(['CTO']);
  });

  it('only the incident commander acknowledges', () => {
    const { doc, ic, clock } = incident('SEV1');
    addPerson(doc, { name: 'Bo Responder', id: 'bo' }, ic);
    expect(() => acknowledgeEscalation(doc, { ruleId: 'default-sev1-30m' }, actor('bo', 'Bo Responder', clock))).toThrow(
      'Only the incident commander (Avery IC) acknowledges escalations.',
    );
    expect(() => acknowledgeEscalation(doc, { ruleId: 'nope' }, ic)).toThrow('That escalation rule no longer exists.');
  });

  it('an acknowledgement on one peer clears the prompt on the other after sync', () => {
    const { doc: a, ic, clock } = incident('SEV1');
    const b = new Y.Doc();
    exchange(a, b);
    const storeB = createIncidentStore(b);
    let notified = 0;
    storeB.subscribe('escalationAcks', () => notified++);
    clock.advance(35 * MIN);
    expect(due(b, clock.now)).toEqual(['Engineering director']);
    acknowledgeEscalation(a, { ruleId: 'default-sev1-30m' }, ic);
    expect(due(b, clock.now)).toEqual(['Engineering director']);
    exchange(a, b);
    expect(due(b, clock.now)).toEqual([]);
    expect(notified).toBe(1);
    expect(storeB.getEscalationAcknowledgements().map((ack) => ack.ruleId)).toEqual(['default-sev1-30m']);
    expect(readCollection(b, 'timeline').some((e) => e.event === 'escalation.acknowledged')).toBe(true);
    storeB.destroy();
  });

  it('stops prompting once the incident is resolved or closed', () => {
    const { doc, ic, clock } = incident('SEV1');
    clock.advance(90 * MIN);
    expect(due(doc, clock.now)).toHaveLength(2);
    changePhase(doc, { phase: 'resolved' }, ic);
    expect(due(doc, clock.now)).toEqual([]);
    changePhase(doc, { phase: 'closed' }, ic);
    expect(due(doc, clock.now)).toEqual([]);
  });
});
