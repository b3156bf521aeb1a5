// Undo and redo of your own changes only. The timeline is outside the undo scope: undoing
// writes a new "Undid …" record instead of erasing history, as a blameless record should.
//
// Undo never destroys someone else's work. Each step remembers the records it touched (a
// record is one entry of a collection, with everything nested in it, or one key of the
// incident map). If another person has changed any of them since, in this document as this
// laptop has seen it, the step is refused with a message naming who and what, and taken off
// the list: their change is never reverted or deleted with yours, and the steps below stay
// undoable. Refusing, rather than turning the undo into a recorded retraction, keeps one rule
// for every kind of record; the person can still change or retract the record by hand.
import * as Y from 'yjs';
import type { Author, EpochMs } from './model';
import { COLLECTIONS } from './model';
import { collection, incidentMap, timelineEntrySchema } from './schema';
import { appendTimelineEntry, LocalChange, SystemRecord } from './commands/command';
import { refusalText, type RefusalParams } from './commands/refusals';
import { renderEvent, type EventParams } from './events/render';
import { translator } from './i18n';
import { timeDisplay } from './time/display';

export interface UndoRefusal {
  /** The English text, for logs; a view shows `refusalText(key, params, t)` in its language. */
  readonly message: string;
  /** A key of the refusals catalog (`undo.*`) and its parameters. */
  readonly key: string;
  readonly params: RefusalParams;
  /** Grows with each refusal, so a view can tell a new one from the last it showed. */
  readonly serial: number;
}

export interface UndoHistory {
  /** False when there was nothing to undo, or the step was refused (see `lastRefusal`). */
  undo(): boolean;
  redo(): boolean;
  canUndo(): boolean;
  canRedo(): boolean;
  /** Label of the change the next undo would revert, for menus and tooltips. */
  nextUndoLabel(): string | null;
  nextRedoLabel(): string | null;
  /** Why the latest undo or redo was refused, or null if none was. */
  lastRefusal(): UndoRefusal | null;
  subscribe(listener: () => void): () => void;
  destroy(): void;
}

/** Keys of a stack item's metadata in Y.UndoManager's per-item map (not document data). */
const LABEL = 'label';
const EVENT = 'event';

interface RecordedEvent {
  readonly event: string;
  readonly params: EventParams;
}

/**
 * The undo record's parameters: the undone step's own event, so each reader sees what was undone
 * in their language, and its English label as a fallback for readers without that event.
 */
function undoneParams(recorded: RecordedEvent | null, label: string | null): EventParams {
  const params: Record<string, string> = {};
  if (label !== null) params.what = label;
  if (recorded) {
    params.undoneEvent = recorded.event;
    params.undoneParams = JSON.stringify(recorded.params);
  }
  return params;
}
const TOUCHED = 'touched';
const TICK = 'tick';
const CREATED = 'created';

type StackItem = { meta: Map<string, unknown> };

/** A shared type as Transaction.changed keys them. */
type SharedType = Parameters<Y.Transaction['changed']['get']>[0];

/** A foreign change to a record: when (in this history's transaction count) and by whom, if known. */
interface ForeignChange {
  readonly tick: number;
  readonly by: string | null;
}

export function createUndoHistory(doc: Y.Doc, author: Author, now: () => EpochMs = Date.now): UndoHistory {
  const scope: Array<Y.Map<unknown>> = [incidentMap(doc)];
  for (const name of COLLECTIONS) if (name !== 'timeline') scope.push(collection(doc, name) as Y.Map<unknown>);
  const scopeNames = new Map<SharedType, string>([[incidentMap(doc) as unknown as SharedType, 'incident']]);
  for (const name of COLLECTIONS) if (name !== 'timeline') scopeNames.set(collection(doc, name) as unknown as SharedType, name);
  const timeline = collection(doc, 'timeline');

  // Registered before the UndoManager, so a transaction's touched records are known when its
  // stack item is added.
  let tick = 0;
  let touchedNow: ReadonlySet<string> = new Set();
  let createdNow: ReadonlySet<string> = new Set();
  const foreign = new Map<string, ForeignChange>();
  let manager: Y.UndoManager;
  const onTransaction = (transaction: Y.Transaction) => {
    tick += 1;
    touchedNow = touchedRecords(transaction, scopeNames);
    createdNow = createdRecords(transaction, scopeNames);
    const origin = transaction.origin;
    const mine = origin === manager || (origin instanceof LocalChange && origin.authorId === author.id) || origin instanceof SystemRecord;
    if (mine || touchedNow.size === 0) return;
    const authors = authorsBySubject(transaction, timeline);
    for (const key of touchedNow) foreign.set(key, { tick, by: authors.get(key.slice(key.indexOf('/') + 1)) ?? null });
  };
  doc.on('afterTransaction', onTransaction);

  manager = new Y.UndoManager(scope, {
    trackedOrigins: new Set<unknown>([LocalChange]),
    captureTimeout: 0,
  });
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  let refusal: UndoRefusal | null = null;

  manager.on('stack-item-added', (event: { stackItem: StackItem; origin: unknown }) => {
    if (event.origin instanceof LocalChange) {
      event.stackItem.meta.set(LABEL, event.origin.label);
      if (event.origin.event) event.stackItem.meta.set(EVENT, event.origin.event);
    }
    event.stackItem.meta.set(TOUCHED, touchedNow);
    event.stackItem.meta.set(TICK, tick);
    event.stackItem.meta.set(CREATED, createdNow);
    notify();
  });
  manager.on('stack-item-popped', notify);
  manager.on('stack-cleared', notify);

  const eventOf = (item: StackItem | undefined): RecordedEvent | null => {
    const recorded = item?.meta.get(EVENT) as RecordedEvent | undefined;
    return recorded ?? null;
  };

  /** The step's name in the window's language: the event it recorded, else its English label. */
  const labelOf = (stack: StackItem[]): string | null => {
    const top = stack[stack.length - 1];
    const recorded = eventOf(top);
    if (recorded) {
      const text = renderEvent(recorded.event, recorded.params, translator(timeDisplay().language));
      if (text !== null) return text;
    }
    const label = top?.meta.get(LABEL);
    return typeof label === 'string' ? label : null;
  };

  /** The first record this step touched that someone else changed after it, or null. */
  function changedSince(item: StackItem): { key: string; change: ForeignChange } | null {
    const touched = item.meta.get(TOUCHED);
    const since = item.meta.get(TICK);
    if (!(touched instanceof Set) || typeof since !== 'number') return null;
    for (const key of touched as Set<string>) {
      const change = foreign.get(key);
      if (change && change.tick > since) return { key, change };
    }
    return null;
  }

  /** A record this step created (so undo deletes it) that another record still refers to, or null. */
  function stillReferenced(item: StackItem): { key: string; by: string } | null {
    const created = item.meta.get(CREATED);
    if (!(created instanceof Set) || created.size === 0) return null;
    const ids = new Map<string, string>();
    for (const key of created as Set<string>) ids.set(key.slice(key.indexOf('/') + 1), key);
    for (const [type, name] of scopeNames) {
      if (name === 'incident') continue;
      for (const [id, record] of (type as unknown as Y.Map<unknown>).entries()) {
        if (!(record instanceof Y.Map) || created.has(`${name}/${id}`)) continue;
        for (const value of record.values()) {
          const key = typeof value === 'string' ? ids.get(value) : undefined;
          if (key) return { key, by: `${name}/${id}` };
        }
      }
    }
    return null;
  }

  /**
   * Why this step may not be taken, as a refusals key and its parameters (`what` and `by` name
   * kinds of record, as the collection names, each language wording them its own way), or null.
   */
  function refusalReason(item: StackItem, direction: 'undo' | 'redo'): { key: string; params: RefusalParams } | null {
    const what = (key: string) => key.slice(0, key.indexOf('/'));
    const conflict = changedSince(item);
    if (conflict) {
      const by = conflict.change.by;
      return by === null
        ? { key: 'undo.changedBySomeone', params: { direction, what: what(conflict.key) } }
        : { key: 'undo.changedBy', params: { direction, what: what(conflict.key), by } };
    }
    const referenced = direction === 'undo' ? stillReferenced(item) : null;
    if (referenced) return { key: 'undo.referenced', params: { direction, what: what(referenced.key), by: what(referenced.by) } };
    return null;
  }

  function step(direction: 'undo' | 'redo'): boolean {
    const stack = (direction === 'undo' ? manager.undoStack : manager.redoStack) as unknown as StackItem[];
    const top = stack[stack.length - 1];
    if (!top) return false;
    const label = labelOf(stack);
    const refused = refusalReason(top, direction);
    if (refused) {
      // What another person did is never taken back, so this step can never become safe: it leaves the list.
      stack.pop();
      // A step without a label (none is made today) reads "your change" in the reader's language.
      const params: RefusalParams = { ...refused.params, label: label ?? '', labelled: label === null ? 'no' : 'yes' };
      refusal = {
        serial: (refusal?.serial ?? 0) + 1,
        key: refused.key,
        params,
        message: refusalText(refused.key, params, translator('en')),
      };
      notify();
      return false;
    }
    // Y.UndoManager moves on to the next step when one changes nothing; only the checked step is offered.
    const below = stack.splice(0, stack.length - 1);
    let item: unknown;
    try {
      item = direction === 'undo' ? manager.undo() : manager.redo();
    } finally {
      stack.unshift(...below);
    }
    if (!item) {
      notify();
      return false;
    }
    // The stack item moved to the other stack keeps its label and event for the opposite step.
    const recorded = eventOf(top);
    const englishLabel = top.meta.get(LABEL);
    const moved = (direction === 'undo' ? manager.redoStack : manager.undoStack) as unknown as StackItem[];
    moved[moved.length - 1]?.meta.set(LABEL, englishLabel);
    if (recorded) moved[moved.length - 1]?.meta.set(EVENT, recorded);
    doc.transact(() => {
      appendTimelineEntry(doc, author, now(), {
        kind: 'event',
        event: direction === 'undo' ? 'change.undone' : 'change.redone',
        params: undoneParams(recorded, typeof englishLabel === 'string' ? englishLabel : null),
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
    nextUndoLabel: () => labelOf(manager.undoStack as unknown as StackItem[]),
    nextRedoLabel: () => labelOf(manager.redoStack as unknown as StackItem[]),
    lastRefusal: () => refusal,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      listeners.clear();
      doc.off('afterTransaction', onTransaction);
      manager.destroy();
    },
  };
}

/**
 * The records a transaction changed, as `<collection>/<record id>` (or `incident/<key>`): a
 * change deep inside a record (a hypothesis's evidence) counts as a change to the record.
 */
function touchedRecords(transaction: Y.Transaction, scopeNames: ReadonlyMap<SharedType, string>): Set<string> {
  const touched = new Set<string>();
  transaction.changed.forEach((keys, type) => {
    const direct = scopeNames.get(type);
    if (direct !== undefined) {
      for (const key of keys) if (key !== null) touched.add(`${direct}/${key}`);
      return;
    }
    // Walk up to the top-level type; the last key on the way is the record's id.
    let current: SharedType = type;
    let recordKey: string | null = null;
    while (current._item !== null) {
      recordKey = current._item.parentSub;
      const parent = current._item.parent;
      if (!(parent instanceof Y.AbstractType)) return;
      current = parent as SharedType;
    }
    const name = scopeNames.get(current);
    if (name !== undefined && recordKey !== null) touched.add(`${name}/${recordKey}`);
  });
  return touched;
}

/** The records a transaction put in place (undoing it deletes them), as in `touchedRecords`. */
function createdRecords(transaction: Y.Transaction, scopeNames: ReadonlyMap<SharedType, string>): Set<string> {
  const created = new Set<string>();
  transaction.changed.forEach((keys, type) => {
    const name = scopeNames.get(type);
    if (name === undefined || name === 'incident') return;
    for (const key of keys) {
      const item = key === null ? undefined : type._map.get(key);
      if (item && !item.deleted && item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0)) created.add(`${name}/${key}`);
    }
  });
  return created;
}

/** Who wrote this transaction's timeline entries, by the record each entry is about. */
function authorsBySubject(transaction: Y.Transaction, timeline: Y.Map<Y.Map<unknown>>): Map<string, string> {
  const authors = new Map<string, string>();
  for (const key of transaction.changed.get(timeline as unknown as SharedType) ?? []) {
    const entry = key === null ? undefined : timeline.get(key);
    if (!(entry instanceof Y.Map)) continue;
    const subject = timelineEntrySchema.get(entry, 'subject');
    if (subject) authors.set(subject.id, timelineEntrySchema.get(entry, 'authorName'));
  }
  return authors;
}
