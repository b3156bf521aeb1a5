// Undo and redo of your own changes only. The timeline is outside the undo scope: undoing
// writes a new "Undid …" record instead of erasing history, as a blameless record should.
import * as Y from 'yjs';
import type { Author, EpochMs } from './model';
import { COLLECTIONS } from './model';
import { collection, incidentMap } from './schema';
import { appendTimelineEntry, LocalChange, SystemRecord } from './commands/command';

export interface UndoHistory {
  undo(): boolean;
  redo(): boolean;
  canUndo(): boolean;
  canRedo(): boolean;
  /** Label of the change the next undo would revert, for menus and tooltips. */
  nextUndoLabel(): string | null;
  nextRedoLabel(): string | null;
  subscribe(listener: () => void): () => void;
  destroy(): void;
}

/** Key of a stack item's label in Y.UndoManager's per-item metadata (not document data). */
const LABEL = 'label';

export function createUndoHistory(doc: Y.Doc, author: Author, now: () => EpochMs = Date.now): UndoHistory {
  const scope: Array<Y.Map<unknown>> = [incidentMap(doc)];
  for (const name of COLLECTIONS) if (name !== 'timeline') scope.push(collection(doc, name) as Y.Map<unknown>);
  const manager = new Y.UndoManager(scope, {
    trackedOrigins: new Set<unknown>([LocalChange]),
    captureTimeout: 0,
  });
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };

  manager.on('stack-item-added', (event: { stackItem: { meta: Map<string, unknown> }; origin: unknown; type: 'undo' | 'redo' }) => {
    if (event.origin instanceof LocalChange) event.stackItem.meta.set(LABEL, event.origin.label);
    notify();
  });
  manager.on('stack-item-popped', notify);
  manager.on('stack-cleared', notify);

  const labelOf = (stack: Array<{ meta: Map<string, unknown> }>): string | null => {
    const label = stack[stack.length - 1]?.meta.get(LABEL);
    return typeof label === 'string' ? label : null;
  };

  function step(direction: 'undo' | 'redo'): boolean {
    const label = direction === 'undo' ? labelOf(manager.undoStack) : labelOf(manager.redoStack);
    const item = direction === 'undo' ? manager.undo() : manager.redo();
    if (!item) return false;
    // The stack item moved to the other stack keeps its label for the opposite step.
    const moved = direction === 'undo' ? manager.redoStack : manager.undoStack;
    moved[moved.length - 1]?.meta.set(LABEL, label);
    doc.transact(() => {
      appendTimelineEntry(doc, author, now(), {
        kind: 'event',
        event: direction === 'undo' ? 'change.undone' : 'change.redone',
        text: `${direction === 'undo' ? 'Undid' : 'Redid'}: ${label ?? 'a change'}`,
      });
    }, new SystemRecord(direction));
    notify();
    return true;
  }

  return {
    undo: () => step('undo'),
    redo: () => step('redo'),
    canUndo: () => manager.undoStack.length > 0,
    canRedo: () => manager.redoStack.length > 0,
    nextUndoLabel: () => labelOf(manager.undoStack),
    nextRedoLabel: () => labelOf(manager.redoStack),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      listeners.clear();
      manager.destroy();
    },
  };
}
