import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CommandError, removeEscalationRule, setEscalationRule, setFatigueWarningHours, setUpdateCadence } from '@core/commands';
import { DEFAULT_POLICY, readPolicy } from '@core/policy';
import { escalationRulesMap, policyMap } from '@core/schema';
import { readCollection } from '@core/read';
import { createIncidentStore } from '@core/store';
import { actor, declaredIncident, exchange } from './support/incident';

const events = (doc: Y.Doc) => readCollection(doc, 'timeline').filter((e) => e.event?.startsWith('policy.'));

describe('room policy', () => {
  it('reads the defaults from an empty document, frozen', () => {
    const policy = readPolicy(new Y.Doc());
    expect(policy.cadenceMinutes).toEqual({ SEV1: 30, SEV2: 60, SEV3: 240, SEV4: 1440 });
    expect(policy.fatigueWarningHours).toBe(4);
    expect(policy.escalationRules.map((r) => [r.severity, r.afterMinutes, r.notify.who])).toEqual([
      ['SEV1', 30, 'Engineering director'],
      ['SEV1', 60, 'CTO'],
    ]);
    expect(Object.isFrozen(policy)).toBe(true);
    expect(Object.isFrozen(policy.cadenceMinutes)).toBe(true);
    expect(Object.isFrozen(policy.escalationRules[0])).toBe(true);
  });

  it('reads malformed values as defaults and skips rules that cannot fire', () => {
    const doc = new Y.Doc();
    policyMap(doc).set('cadenceMinutes.SEV1', 'thirty');
    policyMap(doc).set('cadenceMinutes.SEV2', -5);
    policyMap(doc).set('cadenceMinutes.SEV3', 15);
    policyMap(doc).set('fatigueWarningHours', Number.NaN);
    policyMap(doc).set('escalationMatrixEdited', true);
    const broken = new Y.Map<unknown>();
    broken.set('severity', 'SEV9');
    broken.set('afterMinutes', 10);
    escalationRulesMap(doc).set('broken', broken);
    const policy = readPolicy(doc);
    expect(policy.cadenceMinutes).toEqual({ SEV1: 30, SEV2: 60, SEV3: 15, SEV4: 1440 });
    expect(policy.fatigueWarningHours).toBe(4);
    expect(policy.escalationRules).toEqual([]);
  });

  it('sets the cadence per severity and records it in the timeline', () => {
    const { doc, ic } = declaredIncident();
    setUpdateCadence(doc, { severity: 'SEV2', minutes: 45 }, ic);
    expect(readPolicy(doc).cadenceMinutes.SEV2).toBe(45);
    expect(events(doc).map((e) => e.text)).toEqual(['SEV2 status updates now due every 45 minutes (was every 1 hour)']);
    expect(() => setUpdateCadence(doc, { severity: 'SEV2', minutes: 45 }, ic)).toThrow(CommandError);
    expect(() => setUpdateCadence(doc, { severity: 'SEV2', minutes: 0 }, ic)).toThrow(/between 1 and/);
    expect(() => setUpdateCadence(doc, { severity: 'SEV2', minutes: 2.5 }, ic)).toThrow(/whole number/);
  });

  it('edits the escalation matrix: the first edit keeps the defaults, a removed default stays removed', () => {
    const { doc, ic } = declaredIncident();
    const added = setEscalationRule(doc, { severity: 'SEV2', afterMinutes: 120, who: 'VP Engineering', text: 'Call' }, ic);
    expect(readPolicy(doc).escalationRules.map((r) => r.id)).toEqual(['default-sev1-30m', 'default-sev1-60m', added]);
    removeEscalationRule(doc, { ruleId: 'default-sev1-60m' }, ic);
    setEscalationRule(doc, { id: added, severity: 'SEV2', afterMinutes: 90, who: 'VP Engineering' }, ic);
    const rules = readPolicy(doc).escalationRules;
    expect(rules.map((r) => [r.id, r.afterMinutes])).toEqual([
      ['default-sev1-30m', 30],
      [added, 90],
    ]);
    expect(events(doc).map((e) => e.event)).toEqual([
      'policy.escalation-rule-set',
      'policy.escalation-rule-removed',
      'policy.escalation-rule-set',
    ]);
    expect(events(doc)[1]!.text).toBe('Escalation rule removed: SEV1 open after 1 hour: notify CTO');
    expect(() => removeEscalationRule(doc, { ruleId: 'default-sev1-60m' }, ic)).toThrow(/no longer exists/);
    expect(() => setEscalationRule(doc, { severity: 'SEV1', afterMinutes: 10, who: '  ' }, ic)).toThrow(/Who to notify/);
  });

  it('sets the fatigue warning hours', () => {
    const { doc, ic } = declaredIncident();
    setFatigueWarningHours(doc, { hours: 6 }, ic);
    expect(readPolicy(doc).fatigueWarningHours).toBe(6);
    expect(() => setFatigueWarningHours(doc, { hours: 100 }, ic)).toThrow(/between 0.5 and 48/);
    expect(events(doc).at(-1)!.text).toBe('Fatigue warning now after 6 hours on duty (was 4 hours)');
  });

  it('reaches a peer through sync, and the store notifies on policy changes', () => {
    const { doc, ic, clock } = declaredIncident();
    const peer = new Y.Doc();
    exchange(doc, peer);
    const store = createIncidentStore(peer);
    let notified = 0;
    store.subscribe('policy', () => notified++);
    expect(store.getPolicy()).toEqual(DEFAULT_POLICY);
    setUpdateCadence(doc, { severity: 'SEV1', minutes: 15 }, ic);
    removeEscalationRule(doc, { ruleId: 'default-sev1-30m' }, actor('other', 'Other', clock));
    exchange(doc, peer);
    expect(notified).toBeGreaterThan(0);
    expect(store.getPolicy().cadenceMinutes.SEV1).toBe(15);
    expect(store.getPolicy().escalationRules.map((r) => r.id)).toEqual(['default-sev1-60m']);
    expect(store.getPolicy()).toEqual(readPolicy(doc));
    store.destroy();
  });
});
