// Fatigue: a warning after the policy's hours on duty without rest; unfilled key roles flagged.
import { describe, expect, it } from 'vitest';
import { addPerson, assignRole, releaseRole, setFatigueWarningHours, setPersonStatus } from '../../src/core/commands';
import { fatigueWarnings, timeSinceRest, unfilledKeyRoles } from '../../src/core/fatigue';
import { readPolicy } from '../../src/core/policy';
import { readCollection } from '../../src/core/read';
import { timeOnDuty } from '../../src/core/selectors';
import { declaredIncident } from './support/incident';

const HOUR = 3_600_000;
const MIN = 60_000;

describe('fatigue warnings', () => {
  it('warns about active people past the policy hours, longest first, and not before', () => {
    const { doc, ic, clock } = declaredIncident();
    clock.advance(HOUR);
    const bo = addPerson(doc, { name: 'Bo' }, ic);
    clock.advance(3 * HOUR - 1);
    const people = () => readCollection(doc, 'people');
    expect(readPolicy(doc).fatigueWarningHours).toBe(4);
    expect(fatigueWarnings(people(), readPolicy(doc), clock.now)).toEqual([]);
    clock.advance(1 + 12 * MIN);
    const warnings = fatigueWarnings(people(), readPolicy(doc), clock.now);
    expect(warnings.map((w) => [w.person.name, w.sinceRestMs])).toEqual([['Avery IC', 4 * HOUR + 12 * MIN]]);
    clock.advance(HOUR);
    expect(fatigueWarnings(people(), readPolicy(doc), clock.now).map((w) => w.person.id)).toEqual([ic.id, bo]);
  });

  it('follows the policy setting', () => {
    const { doc, ic, clock } = declaredIncident();
    clock.advance(2 * HOUR);
    expect(fatigueWarnings(readCollection(doc, 'people'), readPolicy(doc), clock.now)).toEqual([]);
    setFatigueWarningHours(doc, { hours: 1.5 }, ic);
    expect(fatigueWarnings(readCollection(doc, 'people'), readPolicy(doc), clock.now)).toHaveLength(1);
  });

  it('clears when the person is sent to rest, and counts again from when they come back', () => {
    const { doc, ic, clock } = declaredIncident();
    clock.advance(5 * HOUR);
    const people = () => readCollection(doc, 'people');
    expect(fatigueWarnings(people(), readPolicy(doc), clock.now)).toHaveLength(1);
    setPersonStatus(doc, { personId: ic.id, status: 'resting' }, ic);
    expect(fatigueWarnings(people(), readPolicy(doc), clock.now)).toEqual([]);
    clock.advance(8 * HOUR);
    expect(timeSinceRest(people()[0]!, clock.now)).toBe(0);
    setPersonStatus(doc, { personId: ic.id, status: 'active' }, ic);
    clock.advance(HOUR);
    expect(timeSinceRest(people()[0]!, clock.now)).toBe(HOUR);
    expect(fatigueWarnings(people(), readPolicy(doc), clock.now)).toEqual([]);
    // Total time on duty still counts every active hour.
    expect(timeOnDuty(people()[0]!, clock.now)).toBe(6 * HOUR);
  });

  it('never warns about people who left', () => {
    const { doc, ic, clock } = declaredIncident();
    const bo = addPerson(doc, { name: 'Bo' }, ic);
    setPersonStatus(doc, { personId: bo, status: 'left' }, ic);
    clock.advance(10 * HOUR);
    expect(fatigueWarnings(readCollection(doc, 'people'), readPolicy(doc), clock.now).map((w) => w.person.id)).toEqual([ic.id]);
  });
});

describe('key roles', () => {
  it('flags the incident commander, scribe and communications lead when unfilled', () => {
    const { doc, ic } = declaredIncident();
    const roles = () => readCollection(doc, 'roles');
    expect(unfilledKeyRoles(roles())).toEqual(['scribe', 'communications-lead']);
    const bo = addPerson(doc, { name: 'Bo' }, ic);
    const scribe = assignRole(doc, { role: 'scribe', personId: bo }, ic);
    assignRole(doc, { role: 'communications-lead', personId: ic.id }, ic);
    expect(unfilledKeyRoles(roles())).toEqual([]);
    releaseRole(doc, { assignmentId: scribe }, ic);
    const icTenure = roles().find((t) => t.role === 'incident-commander')!;
    releaseRole(doc, { assignmentId: icTenure.id }, ic);
    expect(unfilledKeyRoles(roles())).toEqual(['incident-commander', 'scribe']);
  });
});
