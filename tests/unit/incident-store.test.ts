import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addPerson,
  changeSeverity,
  correctEntry,
  createTask,
  proposeHypothesis,
  recordEntry,
  retractEntry,
  ruleOutHypothesis,
} from '../../src/core/commands';
import { COLLECTION_ORDER, readSnapshot } from '../../src/core/read';
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

  it('places changed records where a full sort would, for seeded random edits local and remote', () => {
    // mulberry32: the same edits on every run.
    let seed = 0x5eed13;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const { doc, ic, clock } = declaredIncident();
    const remote = new Y.Doc();
    exchange(doc, remote);
    const bo = actor('bo', 'Bo', clock);
    const original = COLLECTION_ORDER.timeline;
    let comparisons = 0;
    // Counted from the store's creation on, so a read that sorts again shows in the count.
    COLLECTION_ORDER.timeline = (a, b) => {
      comparisons += 1;
      return original(a, b);
    };
    const store = createIncidentStore(doc);
    try {
      const readTimeline = () => {
        comparisons = 0;
        const list = store.get('timeline');
        return { ids: list.map((entry) => entry.id), comparisons };
      };
      expect(readTimeline().ids).toEqual(readSnapshot(doc)!.timeline.map((entry) => entry.id));
      let placedCheaply = 0;
      for (let step = 0; step < 300; step++) {
        // Often the same millisecond, often back-filled: ties on `at` are broken by seq, then id.
        clock.advance(Math.floor(random() * 3));
        const onRemote = random() < 0.5;
        const target = onRemote ? remote : doc;
        const by = onRemote ? bo : ic;
        const live = readSnapshot(target)!.timeline.filter((entry) => entry.retractedAt === null);
        const roll = random();
        if (roll < 0.6 || live.length === 0) {
          recordEntry(target, { kind: 'note', text: `note ${step}`, at: clock.now - Math.floor(random() * 4) * 25 }, by);
        } else if (roll < 0.85) {
          // Moves a record: its `at` changes, so it leaves its place for another.
          const entry = pick(live);
          const at = clock.now - Math.floor(random() * 200);
          correctEntry(target, { entryId: entry.id, at: at === entry.at ? at - 1 : at }, by);
        } else {
          retractEntry(target, { entryId: pick(live).id }, by);
        }
        // Remote edits arrive one by one or in batches (a reconnect brings many at once).
        if (!onRemote || random() < 0.7) exchange(doc, remote);
        const { ids, comparisons: cost } = readTimeline();
        expect(ids).toEqual(readSnapshot(doc)!.timeline.map((entry) => entry.id));
        if (ids.length > 100 && cost < ids.length / 4) placedCheaply += 1;
      }
      exchange(doc, remote);
      expect(store.get('timeline')).toEqual(readSnapshot(doc)!.timeline);
      // Most reads found the list already in order: records were placed, not sorted again.
      expect(placedCheaply).toBeGreaterThan(150);
    } finally {
      COLLECTION_ORDER.timeline = original;
      store.destroy();
    }
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
