// The save indicator's source of truth: "saved" is said only once every IndexedDB write holding
// the incident's changes has committed, a failed write shows as not saved until a save succeeds,
// and the war room can read the state of the incident it shows.
import { IDBDatabase, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SaveStateTracker, type SaveState } from '../../src/renderer/sync/storage/saveState';
import { StorageError } from '../../src/renderer/sync/storage';
import { IncidentSessions } from '../../src/renderer/sync/incidentSessions';
import { RoomManager } from '../../src/renderer/sync/rooms/roomManager';
import { actor, testClock } from './support/incident';
import { testLibraries } from './support/libraries';

const { freshStore, open } = testLibraries('storage-save-state');

const UPDATES_STORE = '$incidents.doc_updates';

/** A promise with its resolve and reject, to play the storage layer's commit by hand. */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function statuses(tracker: SaveStateTracker): string[] {
  const seen: string[] = [];
  tracker.subscribe(() => seen.push(tracker.current().status));
  return seen;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('SaveStateTracker', () => {
  it('does not say saved while a change made during a commit is still unsaved', async () => {
    const commits: ReturnType<typeof deferred>[] = [];
    const tracker = new SaveStateTracker({
      commit: () => {
        const next = deferred();
        commits.push(next);
        return next.promise;
      },
    });
    const seen = statuses(tracker);
    expect(tracker.current()).toEqual({ status: 'saved' });

    tracker.changed();
    expect(tracker.current().status).toBe('saving');
    await settle();
    expect(commits).toHaveLength(1);
    tracker.changed(); // arrives while the first commit is in flight
    commits[0]!.resolve();
    await settle();
    // The first commit cannot vouch for the second change: still saving, a second commit started.
    expect(tracker.current().status).toBe('saving');
    expect(commits).toHaveLength(2);
    commits[1]!.resolve();
    await settle();
    expect(tracker.current().status).toBe('saved');
    expect(seen).toEqual(['saving', 'saved']);
  });

  it('shows a failure until a later commit succeeds, and retries on its own', async () => {
    let diskFull = true;
    let calls = 0;
    const failure = new StorageError('quota-exceeded', 'Sitrep could not save to this computer: the disk is full.', ['i1']);
    const tracker = new SaveStateTracker({
      retryMs: 20,
      commit: async () => {
        calls += 1;
        if (diskFull) throw failure;
      },
    });
    tracker.changed();
    await vi.waitFor(() => expect(tracker.current().status).toBe('failed'));
    const state = tracker.current() as Extract<SaveState, { status: 'failed' }>;
    expect(state.error).toBe(failure);
    // A new change does not hide the failure behind "Saving…".
    tracker.changed();
    expect(tracker.current().status).toBe('failed');
    // Retries keep failing while the disk is full...
    await vi.waitFor(() => expect(calls).toBeGreaterThanOrEqual(4));
    expect(tracker.current().status).toBe('failed');
    // ...and with no further change, the retry alone brings it back once the disk accepts writes.
    diskFull = false;
    await vi.waitFor(() => expect(tracker.current().status).toBe('saved'));
    tracker.stop();
  });

  it('wraps an unexpected commit error in a StorageError with a message', async () => {
    const tracker = new SaveStateTracker({ commit: () => Promise.reject(new Error('boom')), retryMs: 60_000 });
    tracker.changed();
    await vi.waitFor(() => expect(tracker.current().status).toBe('failed'));
    const state = tracker.current() as Extract<SaveState, { status: 'failed' }>;
    expect(state.error).toBeInstanceOf(StorageError);
    expect(state.error.message).toMatch(/could not save to this computer \(Error: boom\)/);
    tracker.stop();
  });

  it('goes quiet once stopped', async () => {
    const tracker = new SaveStateTracker({ commit: () => Promise.resolve() });
    const seen = statuses(tracker);
    tracker.stop();
    tracker.changed();
    await settle();
    expect(seen).toEqual([]);
    expect(tracker.current().status).toBe('saved');
  });
});

describe('the save state of an open incident', () => {
  const originalAdd = IDBObjectStore.prototype.add;
  afterEach(() => {
    IDBObjectStore.prototype.add = originalAdd;
    vi.restoreAllMocks();
  });

  it('says saved only when every write transaction of the document has committed', async () => {
    const counts = { started: 0, committed: 0 };
    const originalTransaction = IDBDatabase.prototype.transaction;
    vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (this: IDBDatabase, ...args) {
      const transaction = originalTransaction.apply(this, args);
      if (args[1] === 'readwrite' && [args[0]].flat().includes(UPDATES_STORE)) {
        counts.started += 1;
        transaction.addEventListener('complete', () => (counts.committed += 1));
      }
      return transaction;
    });
    const library = await open(freshStore({ catalogThrottleMs: 60_000 }));
    const sessions = new IncidentSessions(library, new RoomManager(), actor('p1', 'Ada', testClock()));
    const id = await sessions.declare({ title: 'Disk latency', severity: 'SEV2' });
    const session = await sessions.acquire(id);
    const saveState = sessions.saveStateOf(id)!;
    expect(saveState.current().status).toBe('saved');

    // Every time the indicator would switch to "saved", nothing may still be in flight.
    const claims: Array<{ started: number; committed: number }> = [];
    saveState.subscribe(() => {
      if (saveState.current().status === 'saved') claims.push({ ...counts });
    });
    for (let i = 0; i < 60; i++) {
      session.commands.recordEntry({ kind: 'note', text: `note ${i}` });
      expect(saveState.current().status).toBe('saving');
      if (i % 20 === 19) await vi.waitFor(() => expect(saveState.current().status).toBe('saved'));
    }
    await vi.waitFor(() => expect(saveState.current().status).toBe('saved'));
    expect(claims.length).toBeGreaterThanOrEqual(3);
    for (const claim of claims) expect(claim.committed).toBe(claim.started);
    expect(counts.started).toBeGreaterThanOrEqual(60);
    await sessions.release(id);
  });

  it('shows a failed write as not saved, then saved once a write succeeds again', async () => {
    const library = await open(freshStore());
    library.onStorageError(() => undefined); // the toast's job; asserted through the save state here
    const sessions = new IncidentSessions(library, new RoomManager(), actor('p1', 'Ada', testClock()));
    const id = await sessions.declare({ title: 'Disk full', severity: 'SEV1' });
    const session = await sessions.acquire(id);
    const saveState = sessions.saveStateOf(id)!;

    let diskFull = true;
    IDBObjectStore.prototype.add = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (diskFull && this.name === UPDATES_STORE) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return originalAdd.call(this, value, key);
    };
    session.commands.recordEntry({ kind: 'note', text: 'written while the disk is full' });
    await vi.waitFor(() => expect(saveState.current().status).toBe('failed'));
    const failed = saveState.current() as Extract<SaveState, { status: 'failed' }>;
    expect(failed.error.kind).toBe('quota-exceeded');
    expect(failed.error.message).toMatch(/disk is full/);

    diskFull = false;
    session.commands.recordEntry({ kind: 'note', text: 'after space came back' });
    await vi.waitFor(() => expect(saveState.current().status).toBe('saved'));
    await sessions.release(id);

    const reopened = await library.incidents.open(id);
    const texts = [...reopened.doc.getMap('timeline').values()].map((entry) => (entry as { get(key: string): unknown }).get('text'));
    expect(texts).toContain('written while the disk is full');
    expect(texts).toContain('after space came back');
    await reopened.close();
  });

  it('is readable only while the incident is open', async () => {
    const library = await open(freshStore());
    const sessions = new IncidentSessions(library, new RoomManager(), actor('p1', 'Ada', testClock()));
    const id = await sessions.declare({ title: 'Open and close', severity: 'SEV3' });
    expect(sessions.saveStateOf(id)).toBeNull();
    await sessions.acquire(id);
    expect(sessions.saveStateOf(id)?.current().status).toBe('saved');
    await sessions.release(id);
    expect(sessions.saveStateOf(id)).toBeNull();
  });
});
