// Nothing unsaved is dropped: closing an incident whose save failed keeps its document open (held)
// until a save succeeds or the user explicitly discards it, and re-opening it gives back the same
// in-memory document with the unsaved changes.
import { IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IncidentSessions } from '../../src/renderer/sync/incidentSessions';
import { RoomManager } from '../../src/renderer/sync/rooms/roomManager';
import { SaveStateTracker } from '../../src/renderer/sync/storage/saveState';
import { readSnapshot } from '../../src/core/read';
import { actor, testClock } from './support/incident';
import { testLibraries } from './support/libraries';

const { freshStore, open } = testLibraries('unsaved-close');
const UPDATES_STORE = '$incidents.doc_updates';
const originalAdd = IDBObjectStore.prototype.add;

/** Every write of document updates fails, as on a full disk, while `disk.full` is true. */
function simulateFullDisk(): { full: boolean } {
  const disk = { full: true };
  IDBObjectStore.prototype.add = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
    if (disk.full && this.name === UPDATES_STORE) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return originalAdd.call(this, value, key);
  };
  return disk;
}

async function storedNotes(library: Awaited<ReturnType<typeof open>>, id: string): Promise<string[]> {
  const reopened = await library.incidents.open(id);
  try {
    return (readSnapshot(reopened.doc)?.timeline ?? []).map((entry) => entry.text ?? '');
  } finally {
    await reopened.close();
  }
}

async function incidentWithFailedSave() {
  const library = await open(freshStore({ catalogThrottleMs: 60_000 }));
  const storageErrors: unknown[] = [];
  library.onStorageError((error) => storageErrors.push(error)); // the toast's job in the app
  const sessions = new IncidentSessions(library, new RoomManager(), actor('p1', 'Ada', testClock()));
  const id = await sessions.declare({ title: 'Disk full during the outage', severity: 'SEV1' });
  const session = await sessions.acquire(id);
  const disk = simulateFullDisk();
  session.commands.recordEntry({ kind: 'note', text: 'replica lag 4 GB, stopped replication' });
  await vi.waitFor(() => expect(sessions.saveStateOf(id)?.current().status).toBe('failed'));
  return { library, sessions, id, session, disk, storageErrors };
}

afterEach(() => {
  IDBObjectStore.prototype.add = originalAdd;
});

describe('closing an incident whose save failed', () => {
  it('keeps the session open, with the change in memory, until a retry saves it; then it closes', async () => {
    const { library, sessions, id, disk, storageErrors } = await incidentWithFailedSave();
    expect(sessions.unsaved()).toEqual([expect.objectContaining({ id, held: false })]);
    const changes: number[] = [];
    sessions.subscribeUnsaved(() => changes.push(sessions.unsaved().length));

    await sessions.release(id);
    // Still open: the document (and the note) stays in this window.
    expect(sessions.isOpen(id)).toBe(true);
    expect(sessions.unsaved()).toEqual([expect.objectContaining({ id, held: true })]);
    const held = sessions.sessionOf(id);
    expect((held?.snapshot()?.timeline ?? []).map((entry) => entry.text ?? '')).toContain('replica lag 4 GB, stopped replication');
    expect(storageErrors.length).toBeGreaterThan(0);

    // A retry while the disk is still full says why and keeps it.
    await expect(sessions.retrySave(id)).rejects.toMatchObject({ kind: 'quota-exceeded' });
    expect(sessions.isOpen(id)).toBe(true);
    expect(sessions.unsaved()).toHaveLength(1);

    // Space comes back: the retry stores everything and closes the held incident.
    disk.full = false;
    await sessions.retrySave(id);
    expect(sessions.isOpen(id)).toBe(false);
    expect(sessions.saveStateOf(id)).toBeNull();
    expect(sessions.unsaved()).toEqual([]);
    expect(changes.at(-1)).toBe(0);
    await sessions.settled();
    expect(await storedNotes(library, id)).toContain('replica lag 4 GB, stopped replication');
  });

  it('says saved as soon as a retry of an incident still shown succeeds', async () => {
    const { sessions, id, disk } = await incidentWithFailedSave();
    disk.full = false;
    await sessions.retrySave(id);
    // Read at once: the question before closing must not ask again about what was just saved.
    expect(sessions.unsaved()).toEqual([]);
    expect(sessions.saveStateOf(id)?.current().status).toBe('saved');
    expect(sessions.isOpen(id)).toBe(true);
    await sessions.release(id);
  });

  it('gives the same in-memory session back when the held incident is opened again', async () => {
    const { sessions, id, session, disk } = await incidentWithFailedSave();
    await sessions.release(id);
    const again = await sessions.acquire(id);
    expect(again).toBe(session);
    expect(sessions.unsaved()).toEqual([expect.objectContaining({ id, held: false })]);

    // Closed again once the disk accepts writes: the ordinary release saves and closes.
    disk.full = false;
    await sessions.release(id);
    expect(sessions.isOpen(id)).toBe(false);
  });

  it('closes without the unsaved changes only when the user discards them', async () => {
    const { library, sessions, id } = await incidentWithFailedSave();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await sessions.release(id);
    expect(sessions.isOpen(id)).toBe(true);

    await sessions.discardUnsaved(id);
    expect(sessions.isOpen(id)).toBe(false);
    expect(sessions.unsaved()).toEqual([]);
    // The close's failed save is expected and said, not thrown.
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/closed without saving/), expect.anything());
    IDBObjectStore.prototype.add = originalAdd;
    await sessions.settled();
    expect(await storedNotes(library, id)).not.toContain('replica lag 4 GB, stopped replication');
    warn.mockRestore();
  });

  it('a view that chose to discard closes at its last release without holding', async () => {
    const { sessions, id } = await incidentWithFailedSave();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await sessions.discardUnsaved(id);
    expect(sessions.isOpen(id)).toBe(true); // still shown
    expect(sessions.unsaved()).toEqual([]);
    await sessions.release(id);
    expect(sessions.isOpen(id)).toBe(false);
    warn.mockRestore();
  });

  it('closes at once when everything was saved', async () => {
    const library = await open(freshStore());
    const sessions = new IncidentSessions(library, new RoomManager(), actor('p1', 'Ada', testClock()));
    const id = await sessions.declare({ title: 'Fine', severity: 'SEV4' });
    const session = await sessions.acquire(id);
    session.commands.recordEntry({ kind: 'note', text: 'all good' });
    expect(sessions.unsaved()).toEqual([]);
    await sessions.release(id);
    expect(sessions.isOpen(id)).toBe(false);
  });
});

describe('SaveStateTracker.retryNow', () => {
  it('checks again at once after a failure instead of waiting for the timed retry', async () => {
    let fail = true;
    let calls = 0;
    const tracker = new SaveStateTracker({
      retryMs: 3_600_000,
      commit: async () => {
        calls += 1;
        if (fail) throw new Error('disk full');
      },
    });
    tracker.changed();
    await vi.waitFor(() => expect(tracker.current().status).toBe('failed'));
    expect(calls).toBe(1);
    fail = false;
    await tracker.retryNow();
    // Up to date once it resolves: the caller reads the state right after.
    expect(tracker.current().status).toBe('saved');
    expect(calls).toBe(2);
    // Nothing to retry when saved.
    await tracker.retryNow();
    expect(calls).toBe(2);
    tracker.stop();
  });
});
