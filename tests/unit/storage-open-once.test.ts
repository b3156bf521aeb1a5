// Opening an incident reads its stored rows once, decodes each once and migrates once; storage
// opens an incident at most once, and IncidentSessions is what shares it between views.
import { IDBIndex, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { declareIncident } from '@core/commands';
import { migrateDocument } from '@core/schema';
import { IncidentSessions } from '../../src/renderer/sync/incidentSessions';
import { RoomManager } from '../../src/renderer/sync/rooms/roomManager';
import { IncidentAlreadyOpenError, type IncidentLibrary } from '../../src/renderer/sync/storage';
import { actor, testClock } from './support/incident';
import { testLibraries } from './support/libraries';

// Counted, not changed: every decode of an update and every migration still runs for real.
vi.mock('yjs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('yjs')>();
  return { ...actual, applyUpdateV2: vi.fn(actual.applyUpdateV2) };
});
vi.mock('@core/schema', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@core/schema')>();
  return { ...actual, migrateDocument: vi.fn(actual.migrateDocument) };
});

const UPDATES_STORE = '$incidents.doc_updates';
const { freshStore, open } = testLibraries('storage-open-once');
const ada = actor('p-ada', 'Ada', testClock());

afterEach(() => {
  vi.restoreAllMocks();
  vi.mocked(Y.applyUpdateV2).mockClear();
  vi.mocked(migrateDocument).mockClear();
});

/** An incident stored as `rows` separate update rows (no compaction on close). */
async function storedIncident(library: IncidentLibrary, id: string, rows: number): Promise<void> {
  const handle = await library.incidents.create(id);
  for (let i = 0; i < rows; i++) handle.doc.getMap('incident').set('title', `Title ${i}`);
  await handle.close();
  expect(await library.incidents.storedUpdateCount(id)).toBe(rows);
}

/** A declared incident, as IncidentSessions.declare leaves it (without a room). */
async function declaredStoredIncident(library: IncidentLibrary, id: string): Promise<void> {
  const handle = await library.incidents.create(id);
  declareIncident(handle.doc, { id, title: 'Checkout errors', severity: 'SEV2', summary: '' }, ada);
  await handle.close();
}

/** Counts the read requests IndexedDB receives for the document update rows. */
function countUpdateReads(): { reads: number } {
  const counts = { reads: 0 };
  const isUpdates = (source: IDBIndex | IDBObjectStore) =>
    (source instanceof IDBIndex ? source.objectStore.name : source.name) === UPDATES_STORE;
  for (const prototype of [IDBIndex.prototype, IDBObjectStore.prototype]) {
    for (const method of ['get', 'getAll', 'openCursor'] as const) {
      const original = prototype[method] as (this: IDBIndex | IDBObjectStore, ...args: unknown[]) => IDBRequest;
      vi.spyOn(prototype, method).mockImplementation(function (this: IDBIndex | IDBObjectStore, ...args: unknown[]) {
        if (isUpdates(this)) counts.reads += 1;
        return original.apply(this, args);
      } as never);
    }
  }
  return counts;
}

describe('opening an incident', () => {
  it('reads the stored rows once, decodes each row once and migrates once', async () => {
    const library = await open(freshStore({ compactOnCloseAbove: 1_000 }));
    await storedIncident(library, 'inc-read-once', 12);

    const counts = countUpdateReads();
    vi.mocked(Y.applyUpdateV2).mockClear();
    vi.mocked(migrateDocument).mockClear();
    const handle = await library.incidents.open('inc-read-once');

    expect(counts.reads).toBe(1);
    expect(vi.mocked(Y.applyUpdateV2)).toHaveBeenCalledTimes(12);
    expect(vi.mocked(migrateDocument)).toHaveBeenCalledTimes(1);
    expect(vi.mocked(migrateDocument).mock.calls[0]![0]).toBe(handle.doc);
    expect(handle.doc.getMap('incident').get('title')).toBe('Title 11');
    await handle.close();
  });

  it('compacts a long history on open from the rows it decoded, without reading them again', async () => {
    const library = await open(freshStore({ compactOnCloseAbove: 1_000, compactOnOpenAbove: 10 }));
    await storedIncident(library, 'inc-long', 25);

    const counts = countUpdateReads();
    vi.mocked(Y.applyUpdateV2).mockClear();
    const handle = await library.incidents.open('inc-long');

    expect(vi.mocked(Y.applyUpdateV2)).toHaveBeenCalledTimes(25);
    // One read of the rows; the compaction checks only their keys (an index cursor over keys).
    expect(counts.reads).toBeLessThanOrEqual(2);
    vi.restoreAllMocks();
    expect(await library.incidents.storedUpdateCount('inc-long')).toBe(1);
    expect(handle.doc.getMap('incident').get('title')).toBe('Title 24');
    await handle.close();
  });

  it('is refused by storage while open, and shared by the sessions', async () => {
    const library = await open(freshStore());
    await declaredStoredIncident(library, 'inc-shared');
    const sessions = new IncidentSessions(library, new RoomManager(), ada);

    const [first, second] = await Promise.all([sessions.acquire('inc-shared'), sessions.acquire('inc-shared')]);
    expect(second).toBe(first);
    await expect(library.incidents.open('inc-shared')).rejects.toBeInstanceOf(IncidentAlreadyOpenError);

    await sessions.release('inc-shared');
    // One view still shows it: still open, still refused a second open.
    expect(sessions.saveStateOf('inc-shared')).not.toBeNull();
    await expect(library.incidents.open('inc-shared')).rejects.toBeInstanceOf(IncidentAlreadyOpenError);
    first.commands.recordEntry({ kind: 'note', text: 'written by the view still open' });

    await sessions.release('inc-shared');
    expect(sessions.saveStateOf('inc-shared')).toBeNull();
    const reopened = await library.incidents.open('inc-shared');
    const texts = [...reopened.doc.getMap('timeline').values()].map((entry) => (entry as Y.Map<unknown>).get('text'));
    expect(texts).toContain('written by the view still open');
    await reopened.close();
  });

  it('survives a release and an acquire in the same tick (a strict-mode remount): the acquire waits for the close', async () => {
    const library = await open(freshStore());
    await declaredStoredIncident(library, 'inc-remount');
    const sessions = new IncidentSessions(library, new RoomManager(), ada);

    const first = sessions.acquire('inc-remount');
    const released = sessions.release('inc-remount');
    const second = sessions.acquire('inc-remount');
    await released;
    const [a, b] = await Promise.all([first, second]);
    expect(b).not.toBe(a);
    expect(b.commands.recordEntry({ kind: 'note', text: 'after the remount' })).toEqual(expect.any(String));
    await sessions.release('inc-remount');
    await sessions.settled();
    expect(await library.incidents.storedUpdateCount('inc-remount')).toBe(1);
  });
});
