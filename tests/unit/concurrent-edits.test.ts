// Two responders edit the same incident at once, then exchange updates.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addPerson,
  assignTask,
  createTask,
  proposeHypothesis,
  recordEntry,
  setHypothesisStatus,
  setTaskStatus,
  updateIncidentDetails,
} from '../../src/core/commands';
import { readSnapshot } from '../../src/core/read';
import { actor, declaredIncident, exchange } from './support/incident';

function fork(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc), 'remote');
  return copy;
}

describe('two documents edited at once', () => {
  it('keeps both edits to different fields of one record, and both timeline records', () => {
    const { doc: a, ic, clock } = declaredIncident();
    const bo = addPerson(a, { name: 'Bo' }, ic);
    const task = createTask(a, { title: 'Check DB', assigneeId: ic.id }, ic);
    const b = fork(a);
    const responder = actor(bo, 'Bo', clock);

    clock.advance(1000);
    assignTask(a, { taskId: task, assigneeId: bo }, ic);
    setTaskStatus(b, { taskId: task, status: 'doing' }, responder);
    exchange(a, b);

    const sa = readSnapshot(a)!;
    expect(sa).toEqual(readSnapshot(b));
    expect(sa.tasks[0]).toMatchObject({ assigneeId: bo, status: 'doing' });
    const events = sa.timeline.map((e) => e.event);
    expect(events).toContain('task.assigned');
    expect(events).toContain('task.status-changed');
  });

  it('keeps records created on both sides, notes included, in one agreed order', () => {
    const { doc: a, ic, clock } = declaredIncident();
    const b = fork(a);
    const responder = actor('bo', 'Bo', clock);
    addPerson(b, { name: 'Bo', id: 'bo' }, ic);
    clock.advance(500);
    const ha = proposeHypothesis(a, { statement: 'Bad deploy' }, ic);
    const hb = proposeHypothesis(b, { statement: 'Cert expired' }, responder);
    recordEntry(a, { kind: 'fact', text: 'errors began 09:02' }, ic);
    recordEntry(b, { kind: 'decision', text: 'freeze deploys' }, responder);
    setHypothesisStatus(b, { hypothesisId: hb, status: 'investigating' }, responder);
    updateIncidentDetails(a, { summary: 'summary from A' }, ic);
    updateIncidentDetails(b, { impact: 'impact from B' }, responder);
    exchange(a, b);

    const sa = readSnapshot(a)!;
    expect(readSnapshot(b)).toEqual(sa);
    expect(sa.hypotheses.map((h) => h.id).sort()).toEqual([ha, hb].sort());
    expect(sa.incident).toMatchObject({ summary: 'summary from A', impact: 'impact from B' });
    const texts = sa.timeline.map((e) => e.text);
    for (const text of ['errors began 09:02', 'freeze deploys', 'Bo joined the incident']) expect(texts).toContain(text);
    expect(new Set(sa.timeline.map((e) => e.id)).size).toBe(sa.timeline.length);
  });
});
