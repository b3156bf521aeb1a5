import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CommandError, changePhase, changeSeverity, declareIncident, updateIncidentDetails } from '../../src/core/commands';
import { readIncidentInfo, readSnapshot } from '../../src/core/read';
import { SCHEMA_VERSION, readSchemaVersion } from '../../src/core/schema';
import { currentHolders } from '../../src/core/selectors';
import { actor, declaredIncident, testClock, T0 } from './support/incident';

describe('declareIncident', () => {
  it('declares: IC role to the declarer, incident clock started, timeline records it', () => {
    const clock = testClock();
    const doc = new Y.Doc();
    const ic = actor('p1', 'Avery', clock);
    const id = declareIncident(
      doc,
      { title: '  Checkout down ', severity: 'SEV1', summary: 'Known: 5xx', services: ['pay', 'pay', 'cart'], startedAt: T0 - 600_000 },
      ic,
    );
    const snap = readSnapshot(doc)!;
    expect(snap.schemaVersion).toBe(SCHEMA_VERSION);
    expect(snap.incident).toMatchObject({
      id,
      title: 'Checkout down',
      severity: 'SEV1',
      phase: 'investigating',
      startedAt: T0 - 600_000,
      declaredAt: T0,
    });
    expect(snap.incident.services).toEqual(['pay', 'cart']);
    expect(snap.people.map((p) => p.name)).toEqual(['Avery']);
    expect(currentHolders(snap.roles, 'incident-commander').map((r) => r.personId)).toEqual(['p1']);
    expect(snap.milestones).toMatchObject([{ kind: 'started', at: T0 - 600_000, recordedAt: T0 }]);
    expect(snap.timeline.map((e) => e.event)).toEqual(['milestone.marked', 'incident.declared', 'person.joined']);
    expect(snap.timeline.every((e) => e.authorId === 'p1' && e.authorName === 'Avery')).toBe(true);
    expect(Object.isFrozen(snap.timeline[0])).toBe(true);
  });

  it('rejects empty and overlong titles, bad severity, future start, and a second declaration, writing nothing', () => {
    const clock = testClock();
    const doc = new Y.Doc();
    const ic = actor('p1', 'Avery', clock);
    expect(() => declareIncident(doc, { title: '   ', severity: 'SEV1' }, ic)).toThrow(/Title cannot be empty/);
    expect(() => declareIncident(doc, { title: 'x'.repeat(201), severity: 'SEV1' }, ic)).toThrow(
      /too long: 201 characters, the limit is 200/,
    );
    expect(() => declareIncident(doc, { title: 'ok', severity: 'SEV9' as never }, ic)).toThrow(CommandError);
    expect(() => declareIncident(doc, { title: 'ok', severity: 'SEV1', startedAt: T0 + 3_600_000 }, ic)).toThrow(/future/);
    expect(readIncidentInfo(doc)).toBeNull();
    expect(readSchemaVersion(doc)).toBe(0);
    declareIncident(doc, { title: 'ok', severity: 'SEV1' }, ic);
    expect(() => declareIncident(doc, { title: 'again', severity: 'SEV1' }, ic)).toThrow(/already holds/);
  });
});

describe('incident details', () => {
  it('changes severity and phase with a timeline record each', () => {
    const { doc, ic, clock } = declaredIncident();
    clock.advance(1000);
    changeSeverity(doc, { severity: 'SEV1', reason: 'all regions' }, ic);
    changePhase(doc, { phase: 'mitigating' }, ic);
    const snap = readSnapshot(doc)!;
    expect(snap.incident.severity).toBe('SEV1');
    expect(snap.incident.phase).toBe('mitigating');
    const texts = snap.timeline.map((e) => e.text);
    expect(texts).toContain('Severity changed from SEV2 to SEV1: all regions');
    expect(texts).toContain('Phase changed from investigating to mitigating');
    expect(() => changeSeverity(doc, { severity: 'SEV1' }, ic)).toThrow(/already SEV1/);
    expect(() => changePhase(doc, { phase: 'done' as never }, ic)).toThrow(/Phase must be one of/);
  });

  it('edits title, summary, impact and services; unchanged values write nothing', () => {
    const { doc, ic } = declaredIncident();
    const before = readSnapshot(doc)!.timeline.length;
    updateIncidentDetails(doc, { title: 'Checkout errors' }, ic);
    expect(readSnapshot(doc)!.timeline.length).toBe(before);
    updateIncidentDetails(doc, { title: 'Payments down', impact: '30% of orders fail', services: ['payments'] }, ic);
    const snap = readSnapshot(doc)!;
    expect(snap.incident).toMatchObject({ title: 'Payments down', impact: '30% of orders fail', services: ['payments'] });
    expect(snap.timeline.at(-1)!.text).toBe('Updated title to “Payments down”, impact, affected services to payments');
    expect(() => updateIncidentDetails(doc, { services: [''] }, ic)).toThrow(/service name cannot be empty/);
  });

  it('refuses commands on an undeclared document', () => {
    const doc = new Y.Doc();
    expect(() => changePhase(doc, { phase: 'resolved' }, actor('a', 'A', testClock()))).toThrow(/No incident has been declared/);
  });
});
