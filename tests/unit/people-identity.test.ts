// One person, one identity: duplicate names are refused, a laptop links to a person already in the
// roster, and only the incident commander marks someone as left or removes them.
import { describe, expect, it } from 'vitest';
import {
  addPerson,
  assignRole,
  CommandError,
  createTask,
  linkDevice,
  markPersonLeft,
  nameKey,
  setPersonStatus,
  updatePerson,
} from '../../src/core/commands';
import { readCollection, readSnapshot } from '../../src/core/read';
import { actor, declaredIncident } from './support/incident';

describe('people: one person, one name', () => {
  it('compares names without case, extra whitespace or Unicode composition', () => {
    expect(nameKey('  Aiko   Tanaka ')).toBe(nameKey('aiko tanaka'));
    // "é" precomposed and as e + combining acute are the same name.
    expect(nameKey('Ren\u00e9')).toBe(nameKey('Rene\u0301'));
    expect(nameKey('Aiko')).not.toBe(nameKey('Aiko T'));
  });

  it('refuses a second person with the same name, naming the one already there', () => {
    const { doc, ic } = declaredIncident();
    addPerson(doc, { name: 'Aiko Tanaka' }, ic);
    for (const name of ['aiko tanaka', '  AIKO   TANAKA ', 'Aiko\u00a0Tanaka']) {
      expect(() => addPerson(doc, { name }, ic)).toThrowError(/^Aiko Tanaka is already in this incident\. Pick Aiko Tanaka/);
    }
    const composed = addPerson(doc, { name: 'Ren\u00e9' }, ic);
    expect(() => addPerson(doc, { name: 'Rene\u0301' }, ic)).toThrowError(CommandError);
    // The commander's own name is taken too, and a rename onto a taken name is refused.
    expect(() => addPerson(doc, { name: 'avery ic' }, ic)).toThrowError(/Avery IC is already in this incident/);
    expect(() => updatePerson(doc, { personId: composed, name: 'AIKO TANAKA' }, ic)).toThrowError(/Aiko Tanaka is already/);
    // Changing only the case of one's own name is not a duplicate.
    updatePerson(doc, { personId: composed, name: 'REN\u00c9' }, ic);
    expect(readCollection(doc, 'people').map((p) => p.name)).toEqual(expect.arrayContaining(['Avery IC', 'Aiko Tanaka', 'REN\u00c9']));
    expect(readCollection(doc, 'people')).toHaveLength(3);
  });

  it('still refuses the name of someone who left, and says they left', () => {
    const { doc, ic } = declaredIncident();
    const bo = addPerson(doc, { name: 'Bo' }, ic);
    markPersonLeft(doc, { personId: bo }, ic);
    expect(() => addPerson(doc, { name: 'bo' }, ic)).toThrowError(/^Bo \(marked as left\) is already in this incident/);
  });
});

describe('people: a laptop joins as a person', () => {
  it('records the link in the timeline, as that person, and only from their own laptop', () => {
    const { doc, ic, clock } = declaredIncident();
    const aiko = addPerson(doc, { name: 'Aiko' }, ic);
    expect(() => linkDevice(doc, { personId: aiko }, ic)).toThrowError(/Only Aiko's own laptop/);
    const aikoLaptop = actor(aiko, 'Aiko', clock);
    linkDevice(doc, { personId: aiko }, aikoLaptop);
    linkDevice(doc, { personId: aiko }, aikoLaptop); // the second laptop
    const snapshot = readSnapshot(doc)!;
    expect(snapshot.people.filter((p) => p.name === 'Aiko')).toHaveLength(1);
    const linked = snapshot.timeline.filter((e) => e.event === 'person.device-linked');
    expect(linked.map((e) => [e.text, e.authorId])).toEqual([
      ['Aiko joined the room from a laptop', aiko],
      ['Aiko joined the room from a laptop', aiko],
    ]);
  });

  it('refuses to link to someone who left or who is not there', () => {
    const { doc, ic, clock } = declaredIncident();
    const aiko = addPerson(doc, { name: 'Aiko' }, ic);
    markPersonLeft(doc, { personId: aiko }, ic);
    expect(() => linkDevice(doc, { personId: aiko }, actor(aiko, 'Aiko', clock))).toThrowError(/Aiko has left this incident/);
    expect(() => linkDevice(doc, { personId: 'nobody' }, actor('nobody', 'X', clock))).toThrowError(/no longer exists/);
  });
});

describe('people: marking as left and removing', () => {
  it('lets only the commander mark someone else as left; the person stays, their open tasks are flagged', () => {
    const { doc, ic, clock } = declaredIncident();
    const aiko = addPerson(doc, { name: 'Aiko' }, ic);
    const bo = addPerson(doc, { name: 'Bo' }, ic);
    createTask(doc, { title: 'Check replica lag', assigneeId: aiko }, ic);
    createTask(doc, { title: 'Page DBA', assigneeId: aiko }, ic);
    const boLaptop = actor(bo, 'Bo', clock);
    expect(() => markPersonLeft(doc, { personId: aiko }, boLaptop)).toThrowError(/^Only the incident commander can mark as left Aiko\.$/);
    expect(() => setPersonStatus(doc, { personId: aiko, status: 'left' }, boLaptop)).toThrowError(/Only the incident commander/);
    // Saying that you leave yourself is allowed.
    setPersonStatus(doc, { personId: bo, status: 'left' }, boLaptop);
    markPersonLeft(doc, { personId: aiko }, ic);
    const snapshot = readSnapshot(doc)!;
    expect(snapshot.people.find((p) => p.id === aiko)?.status).toBe('left');
    expect(snapshot.timeline.map((e) => e.text)).toEqual(
      expect.arrayContaining(['Bo left the incident', 'Aiko left the incident; 2 open tasks need a new owner']),
    );
    expect(() => markPersonLeft(doc, { personId: aiko }, ic)).toThrowError(/Aiko left the incident already/);
  });

  it('records a removal by the commander, never by anyone else, and never of themselves', () => {
    const { doc, ic, clock } = declaredIncident();
    const aiko = addPerson(doc, { name: 'Aiko' }, ic);
    const bo = addPerson(doc, { name: 'Bo' }, ic);
    assignRole(doc, { role: 'scribe', personId: bo }, ic);
    expect(() => markPersonLeft(doc, { personId: aiko, removed: true }, actor(bo, 'Bo', clock))).toThrowError(
      'Only the incident commander can remove Aiko.',
    );
    expect(() => markPersonLeft(doc, { personId: ic.id, removed: true }, ic)).toThrowError(/cannot remove yourself/);
    markPersonLeft(doc, { personId: aiko, removed: true }, ic);
    const snapshot = readSnapshot(doc)!;
    const removal = snapshot.timeline.find((e) => e.event === 'person.removed');
    expect(removal?.text).toBe('Aiko was removed from the room by Avery IC; the room was re-keyed');
    expect(snapshot.people.find((p) => p.id === aiko)?.status).toBe('left');
    // A person who already left can still be removed (their laptop may still be in the room).
    markPersonLeft(doc, { personId: bo }, ic);
    markPersonLeft(doc, { personId: bo, removed: true }, ic);
  });
});
