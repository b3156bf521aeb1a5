import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addPerson, changeSeverity, createTask, proposeHypothesis, recordEntry, ruleOutHypothesis } from '../../src/core/commands';
import { readSnapshot } from '../../src/core/read';
import { createIncidentStore } from '../../src/core/store';
import { filterTimeline, hypothesesByStatus, peopleById, tasksByStatus } from '../../src/core/selectors';
import { actor, declaredIncident, exchange } from './support/incident';

describe('incident store', () => {
  it('changes only the snapshots of collections a transaction touched', () => {
    const { doc, ic } = declaredIncident();
    const store = createIncidentStore(doc);
    const people = store.get('people');
    const tasks = store.get('tasks');
    const timeline = store.get('timeline');
    const calls: string[] = [];
    store.subscribe('tasks', () => calls.push('tasks'));
    store.subscribe('people', () => calls.push('people'));
    store.subscribe('timeline', () => calls.push('timeline'));
    createTask(doc, { title: 'Check DB', assigneeId: ic.id }, ic);
    expect(calls).toEqual(['tasks', 'timeline']);
    expect(store.get('people')).toBe(people);
    expect(store.get('tasks')).not.toBe(tasks);
    expect(store.get('timeline')).not.toBe(timeline);
    expect(store.get('timeline')).toEqual(readSnapshot(doc)!.timeline);
    expect(Object.isFrozen(store.get('tasks'))).toBe(true);
  });

  it('follows remote updates and the incident headline', () => {
    const { doc, clock } = declaredIncident();
    const store = createIncidentStore(doc);
    const remote = new Y.Doc();
    exchange(doc, remote);
    let headline = 0;
    store.subscribe('incident', () => headline++);
    const bo = addPerson(remote, { name: 'Bo' }, actor('bo', 'Bo', clock));
    changeSeverity(remote, { severity: 'SEV1' }, actor('bo', 'Bo', clock));
    exchange(doc, remote);
    expect(store.find('people', bo)?.name).toBe('Bo');
    expect(store.getIncident()?.severity).toBe('SEV1');
    expect(headline).toBe(1);
    store.destroy();
  });

  it('filters the timeline by kind and orders it either way', () => {
    const { doc, ic, clock } = declaredIncident();
    recordEntry(doc, { kind: 'fact', text: 'A fact' }, ic);
    clock.advance(10);
    recordEntry(doc, { kind: 'decision', text: 'A decision' }, ic);
    const entries = createIncidentStore(doc).get('timeline');
    expect(filterTimeline(entries, { kinds: new Set(['fact', 'decision']), order: 'newest-first' }).map((e) => e.text)).toEqual([
      'A decision',
      'A fact',
    ]);
    expect(
      filterTimeline(entries, { kinds: new Set(['fact', 'decision', 'event', 'note', 'action']), order: 'oldest-first', text: 'decis' }),
    ).toHaveLength(1);
    expect(tasksByStatus([]).todo).toEqual([]);
  });
});

describe('selectors', () => {
  it('groups hypotheses by status and indexes people by id', () => {
    const { doc, ic } = declaredIncident();
    const a = proposeHypothesis(doc, { statement: 'A' }, ic);
    proposeHypothesis(doc, { statement: 'B' }, ic);
    ruleOutHypothesis(doc, { hypothesisId: a }, ic);
    const snap = readSnapshot(doc)!;
    const groups = hypothesesByStatus(snap.hypotheses);
    expect(groups.open.map((h) => h.statement)).toEqual(['B']);
    expect(groups['ruled-out'].map((h) => h.statement)).toEqual(['A']);
    expect(groups.confirmed).toEqual([]);
    expect(peopleById(snap.people).get('ic-profile')?.name).toBe('Avery IC');
  });
});
