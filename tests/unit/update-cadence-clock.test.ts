import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { changePhase, changeSeverity, declareIncident, postStatusUpdate, setUpdateCadence } from '@core/commands';
import { updateClock, type ClockSource } from '@core/cadence';
import { readPolicy } from '@core/policy';
import { readCollection, readIncidentInfo } from '@core/read';
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

function source(doc: Y.Doc): ClockSource {
  return { incident: readIncidentInfo(doc)!, updates: readCollection(doc, 'updates'), timeline: readCollection(doc, 'timeline') };
}

const clockOf = (doc: Y.Doc, now: number) => updateClock(source(doc), readPolicy(doc), now);
const post = (doc: Y.Doc, by: ReturnType<typeof actor>) =>
  postStatusUpdate(doc, { audience: 'internal', template: 'update', text: 'Update' }, by);

describe('status update cadence clock', () => {
  it('is due one cadence after declaration when nothing was posted (defaults per severity)', () => {
    for (const [severity, minutes] of [
      ['SEV1', 30],
      ['SEV2', 60],
      ['SEV3', 240],
      ['SEV4', 1440],
    ] as const) {
      const { doc } = incident(severity);
      expect(clockOf(doc, T0 + 5 * MIN)).toEqual({
        lastPostedAt: null,
        dueAt: T0 + minutes * MIN,
        msLeft: (minutes - 5) * MIN,
        overdue: false,
      });
    }
  });

  it('turns overdue at the due time and counts how late', () => {
    const { doc } = incident('SEV1');
    expect(clockOf(doc, T0 + 30 * MIN - 1).overdue).toBe(false);
    expect(clockOf(doc, T0 + 30 * MIN).overdue).toBe(true);
    expect(clockOf(doc, T0 + 33 * MIN + 10_000)).toMatchObject({ overdue: true, msLeft: -(3 * MIN + 10_000) });
  });

  it('restarts from the last posted update', () => {
    const { doc, ic, clock } = incident('SEV1');
    clock.advance(40 * MIN);
    expect(clockOf(doc, clock.now).overdue).toBe(true);
    post(doc, ic);
    expect(clockOf(doc, clock.now)).toEqual({ lastPostedAt: T0 + 40 * MIN, dueAt: T0 + 70 * MIN, msLeft: 30 * MIN, overdue: false });
    clock.advance(31 * MIN);
    expect(clockOf(doc, clock.now)).toMatchObject({ dueAt: T0 + 70 * MIN, overdue: true });
  });

  it('raising the severity pulls the due time in to one new cadence after the change', () => {
    const { doc, ic, clock } = incident('SEV3');
    post(doc, ic); // due T0 + 240 minutes
    clock.advance(50 * MIN);
    changeSeverity(doc, { severity: 'SEV1' }, ic);
    expect(clockOf(doc, clock.now)).toMatchObject({ dueAt: T0 + 80 * MIN, overdue: false });
    clock.advance(31 * MIN);
    expect(clockOf(doc, clock.now).overdue).toBe(true);
  });

  it('raising the severity never pushes back a time already promised', () => {
    const { doc, ic, clock } = incident('SEV2');
    post(doc, ic); // due T0 + 60
    clock.advance(55 * MIN);
    changeSeverity(doc, { severity: 'SEV1' }, ic); // +30 from the change would be T0 + 85
    expect(clockOf(doc, clock.now).dueAt).toBe(T0 + 60 * MIN);
  });

  it('lowering the severity keeps the time already promised, then the next update uses the new cadence', () => {
    const { doc, ic, clock } = incident('SEV1');
    clock.advance(10 * MIN);
    changeSeverity(doc, { severity: 'SEV3' }, ic);
    expect(clockOf(doc, clock.now).dueAt).toBe(T0 + 30 * MIN);
    clock.advance(10 * MIN);
    post(doc, ic);
    expect(clockOf(doc, clock.now).dueAt).toBe(T0 + 20 * MIN + 240 * MIN);
  });

  it('follows policy edits at once', () => {
    const { doc, ic } = incident('SEV2');
    setUpdateCadence(doc, { severity: 'SEV2', minutes: 15 }, ic);
    expect(clockOf(doc, T0).dueAt).toBe(T0 + 15 * MIN);
    setUpdateCadence(doc, { severity: 'SEV1', minutes: 10 }, ic);
    expect(clockOf(doc, T0).dueAt).toBe(T0 + 15 * MIN);
  });

  it('stops once the incident is resolved or closed', () => {
    const { doc, ic, clock } = incident('SEV1');
    clock.advance(45 * MIN);
    changePhase(doc, { phase: 'resolved' }, ic);
    expect(clockOf(doc, clock.now)).toEqual({ lastPostedAt: null, dueAt: null, msLeft: null, overdue: false });
  });

  it('two peers compute the same clock after they sync', () => {
    const { doc: a, ic, clock } = incident('SEV2');
    const b = new Y.Doc();
    exchange(a, b);
    const bob = actor('bob', 'Bob', clock);
    clock.advance(20 * MIN);
    post(a, ic);
    clock.advance(5 * MIN);
    changeSeverity(b, { severity: 'SEV1' }, bob);
    setUpdateCadence(b, { severity: 'SEV1', minutes: 20 }, bob);
    expect(clockOf(a, clock.now)).not.toEqual(clockOf(b, clock.now));
    exchange(a, b);
    const now = clock.now + 7 * MIN;
    expect(clockOf(a, now)).toEqual(clockOf(b, now));
    // Posted at +20 (SEV2, due +80); raised to SEV1 at +25 with a 20-minute cadence: due +45.
    expect(clockOf(a, now)).toMatchObject({ lastPostedAt: T0 + 20 * MIN, dueAt: T0 + 45 * MIN });
  });
});
