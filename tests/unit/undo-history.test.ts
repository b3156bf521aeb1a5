import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addPerson, createTask, recordEntry, setTaskStatus } from '../../src/core/commands';
import { readSnapshot } from '../../src/core/read';
import { createUndoHistory } from '../../src/core/undo';
import { actor, declaredIncident, exchange } from './support/incident';

describe('undo history', () => {
  it('undoes and redoes your own change, recording both in the timeline', () => {
    const { doc, ic, clock } = declaredIncident();
    const history = createUndoHistory(doc, ic, () => clock.now);
    const task = createTask(doc, { title: 'Check DB', assigneeId: ic.id }, ic);
    setTaskStatus(doc, { taskId: task, status: 'doing' }, ic);
    expect(history.nextUndoLabel()).toBe('Mark task in progress');
    expect(history.undo()).toBe(true);
    expect(readSnapshot(doc)!.tasks[0]!.status).toBe('todo');
    expect(history.nextRedoLabel()).toBe('Mark task in progress');
    expect(history.redo()).toBe(true);
    expect(readSnapshot(doc)!.tasks[0]!.status).toBe('doing');
    const texts = readSnapshot(doc)!.timeline.map((e) => e.text);
    expect(texts).toContain('Undid: Mark task in progress');
    expect(texts).toContain('Redid: Mark task in progress');
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
});
