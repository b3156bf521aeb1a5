import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addEvidence,
  addPerson,
  assignTask,
  createTask,
  editTask,
  proposeHypothesis,
  recordEntry,
  setTaskStatus,
} from '../../src/core/commands';
import { entryText } from '../../src/core/events/entryText';
import { translator } from '../../src/core/i18n';
import { readSnapshot } from '../../src/core/read';
import { createUndoHistory } from '../../src/core/undo';
import { actor, declaredIncident, exchange } from './support/incident';

describe('undo history', () => {
  it('undoes and redoes your own change, recording both in the timeline', () => {
    const { doc, ic, clock } = declaredIncident();
    const history = createUndoHistory(doc, ic, () => clock.now);
    const task = createTask(doc, { title: 'Check DB', assigneeId: ic.id }, ic);
    setTaskStatus(doc, { taskId: task, status: 'doing' }, ic);
    // Named by the event the step recorded, in the window's language (English outside a window).
    expect(history.nextUndoLabel()).toBe('Task “Check DB” is in progress');
    expect(history.undo()).toBe(true);
    expect(readSnapshot(doc)!.tasks[0]!.status).toBe('todo');
    expect(history.nextRedoLabel()).toBe('Task “Check DB” is in progress');
    expect(history.redo()).toBe(true);
    expect(readSnapshot(doc)!.tasks[0]!.status).toBe('doing');
    const texts = readSnapshot(doc)!.timeline.map((e) => e.text);
    expect(texts).toContain('Undid: Task “Check DB” is in progress');
    expect(texts).toContain('Redid: Task “Check DB” is in progress');
    // Each reader reads what was undone in their own language.
    const undone = readSnapshot(doc)?.timeline.find((entry) => entry.event === 'change.undone');
    expect(undone && entryText(undone, translator('ja'))).toBe('取り消し：タスク「Check DB」：対応中');
    // The original record of the change is never erased by undo.
    expect(texts).toContain('Task “Check DB” is in progress');
  });

  it('never undoes a peer’s change', () => {
    const { doc: a, ic, clock } = declaredIncident();
    const b = new Y.Doc();
    exchange(a, b);
    const historyA = createUndoHistory(a, ic, () => clock.now);
    addPerson(b, { name: 'Peer-added' }, actor('bo', 'Bo', clock));
    exchange(a, b);
    expect(historyA.canUndo()).toBe(false);
    expect(historyA.undo()).toBe(false);
    addPerson(a, { name: 'Mine' }, ic);
    historyA.undo();
    expect(
      readSnapshot(a)!
        .people.map((p) => p.name)
        .sort(),
    ).toEqual(['Avery IC', 'Peer-added']);
  });

  it('does not treat timeline-only entries as undoable', () => {
    const { doc, ic, clock } = declaredIncident();
    const history = createUndoHistory(doc, ic, () => clock.now);
    recordEntry(doc, { kind: 'note', text: 'just a note' }, ic);
    expect(history.canUndo()).toBe(false);
    history.destroy();
  });

  it('refuses to undo creating a task another person has renamed, assigned and started since, with a message', () => {
    const { doc: a, ic, clock } = declaredIncident();
    const b = new Y.Doc();
    const bo = actor('bo', 'Bo', clock);
    const history = createUndoHistory(a, ic, () => clock.now);
    addPerson(a, { name: 'Bo', id: 'bo' }, ic);
    const task = createTask(a, { title: 'Check DB', assigneeId: ic.id }, ic);
    exchange(a, b);
    editTask(b, { taskId: task, title: 'Check the primary DB' }, bo);
    assignTask(b, { taskId: task, assigneeId: 'bo' }, bo);
    setTaskStatus(b, { taskId: task, status: 'doing' }, bo);
    exchange(a, b);

    expect(history.undo()).toBe(false);
    expect(history.lastRefusal()?.message).toBe(
      "Not undone: “Task created: “Check DB”, assigned to Avery IC”. Bo has changed that task since, and undo never takes back someone else's work. Change it by hand instead.",
    );
    const kept = readSnapshot(a)!.tasks.find((t) => t.id === task)!;
    expect(kept).toMatchObject({ title: 'Check the primary DB', assigneeId: 'bo', status: 'doing' });
    // The refused step left the list; the one below it (adding Bo) is still yours to undo, but Bo's task names Bo.
    expect(history.nextUndoLabel()).toBe('Bo joined the incident');
    expect(history.undo()).toBe(false);
    expect(history.lastRefusal()?.message).toMatch(/^Not undone: “Bo joined the incident”\. A task refers to that person now/);
    expect(readSnapshot(a)!.people.map((p) => p.id)).toContain('bo');
    expect(history.canUndo()).toBe(false);
  });

  it('refuses to undo a hypothesis another person has added evidence to', () => {
    const { doc: a, ic, clock } = declaredIncident();
    const b = new Y.Doc();
    const history = createUndoHistory(a, ic, () => clock.now);
    const hypothesis = proposeHypothesis(a, { statement: 'Pool exhausted' }, ic);
    exchange(a, b);
    addEvidence(b, { hypothesisId: hypothesis, stance: 'for', text: 'pool at 100%' }, actor('bo', 'Bo', clock));
    exchange(a, b);
    expect(history.undo()).toBe(false);
    expect(readSnapshot(a)!.hypotheses[0]!.evidence.map((e) => e.text)).toEqual(['pool at 100%']);
  });

  it('still undoes your change when others changed only other records', () => {
    const { doc: a, ic, clock } = declaredIncident();
    const b = new Y.Doc();
    const history = createUndoHistory(a, ic, () => clock.now);
    const mine = createTask(a, { title: 'Mine', assigneeId: ic.id }, ic);
    exchange(a, b);
    createTask(b, { title: 'Theirs', assigneeId: ic.id }, actor('bo', 'Bo', clock));
    exchange(a, b);
    expect(history.undo()).toBe(true);
    expect(history.lastRefusal()).toBeNull();
    expect(readSnapshot(a)!.tasks.map((t) => t.title)).toEqual(['Theirs']);
    expect(readSnapshot(a)!.tasks.some((t) => t.id === mine)).toBe(false);
  });
});
