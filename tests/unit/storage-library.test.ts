// The incident library keeps documents across restarts, keeps its catalog in step with them,
// opens each incident once (sharing it is IncidentSessions' job) and says when writes have landed.
import { Dexie } from 'dexie';
import { IDBDatabase, IDBKeyRange, IDBObjectStore } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { COLLECTIONS, type Phase, type Severity } from '@core/model';
import { collection, incidentMap, metaMap, newRecord, SCHEMA_VERSION } from '@core/schema';
import {
  IncidentAlreadyExistsError,
  IncidentAlreadyOpenError,
  IncidentInUseError,
  IncidentNotFoundError,
  InvalidIncidentIdError,
  LibraryClosedError,
  openLibrary,
  type LibraryOptions,
} from '../../src/renderer/sync/storage';
import { testLibraries } from './support/libraries';

const { freshStore, open } = testLibraries('storage-library');

interface Declared {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly phase: Phase;
  readonly declaredAt: number;
}

function declare(doc: Y.Doc, incident: Declared): void {
  doc.transact(() => {
    metaMap(doc).set('schemaVersion', SCHEMA_VERSION);
    const map = incidentMap(doc);
    for (const [key, value] of Object.entries(incident)) map.set(key, value);
  });
}

/** Every top-level map as plain JSON (a map only shows in toJSON once it has been asked for). */
function contentOf(doc: Y.Doc): unknown {
  for (const name of ['meta', 'incident', ...COLLECTIONS]) doc.getMap(name);
  return doc.toJSON();
}

/** Reads what is committed in IndexedDB through a second, plain connection. */
async function committedState(options: LibraryOptions, incidentId: string): Promise<Y.Doc> {
  const raw = new Dexie(options.name!, { indexedDB: options.indexedDB!, IDBKeyRange });
  await raw.open();
  try {
    const rows = (await raw.table('$incidents.doc_updates').where('k').equals(incidentId).toArray()) as { u: Uint8Array }[];
    const doc = new Y.Doc();
    for (const row of rows) Y.applyUpdateV2(doc, row.u);
    return doc;
  } finally {
    raw.close();
  }
}

describe('incident library', () => {
  it('keeps a document across a restart (new library on the same database)', async () => {
    const options = freshStore();
    const first = await open(options);
    const handle = await first.incidents.create('inc-1');
    declare(handle.doc, { id: 'inc-1', title: 'Checkout errors', severity: 'SEV2', phase: 'investigating', declaredAt: 1_000 });
    collection(handle.doc, 'tasks').set('t1', newRecord({ title: 'Roll back deploy 42', status: 'doing', createdAt: 2_000 }));
    const before = contentOf(handle.doc);
    const vector = Y.encodeStateVector(handle.doc);
    await handle.close();
    await first.close();

    const second = await open(options);
    const reopened = await second.incidents.open('inc-1');
    expect(contentOf(reopened.doc)).toEqual(before);
    expect(Y.encodeStateVector(reopened.doc)).toEqual(vector);
    expect((collection(reopened.doc, 'tasks').get('t1') as Y.Map<unknown>).get('title')).toBe('Roll back deploy 42');
  });

  it('mirrors title, severity, phase and updatedAt into the catalog', async () => {
    let clock = 10_000;
    const library = await open(freshStore({ now: () => clock, catalogThrottleMs: 30 }));
    const handle = await library.incidents.create('inc-cat');
    expect(await library.incidents.get('inc-cat')).toMatchObject({
      title: '',
      severity: null,
      phase: null,
      declaredAt: null,
      updatedAt: 10_000,
      readable: true,
    });

    clock = 20_000;
    declare(handle.doc, { id: 'inc-cat', title: 'Login outage', severity: 'SEV1', phase: 'investigating', declaredAt: 15_000 });
    // The throttled write lands on its own, without whenSaved or close.
    await vi.waitFor(async () => expect((await library.incidents.get('inc-cat'))?.title).toBe('Login outage'));
    expect(await library.incidents.get('inc-cat')).toMatchObject({
      severity: 'SEV1',
      phase: 'investigating',
      declaredAt: 15_000,
      updatedAt: 20_000,
    });

    clock = 30_000;
    incidentMap(handle.doc).set('phase', 'mitigating');
    clock = 31_000;
    incidentMap(handle.doc).set('severity', 'SEV2');
    await handle.whenSaved();
    expect(await library.incidents.get('inc-cat')).toMatchObject({ phase: 'mitigating', severity: 'SEV2', updatedAt: 31_000 });
  });

  it('writes the catalog row at most once per throttle interval while someone types', async () => {
    const library = await open(freshStore({ catalogThrottleMs: 200 }));
    const handle = await library.incidents.create('inc-typing');
    await handle.whenSaved();
    const catalogWrites = { count: 0 };
    const original = IDBObjectStore.prototype.put;
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === 'incidents') catalogWrites.count += 1;
      return original.apply(this, args);
    });
    try {
      const title = 'Elevated 5xx on checkout';
      for (let i = 1; i <= title.length; i++) incidentMap(handle.doc).set('title', title.slice(0, i));
      incidentMap(handle.doc).set('id', 'inc-typing');
      await vi.waitFor(async () => expect((await library.incidents.get('inc-typing'))?.title).toBe(title));
      expect(catalogWrites.count).toBe(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('never loses the last catalog change: close flushes it', async () => {
    const options = freshStore({ catalogThrottleMs: 60_000 });
    const library = await open(options);
    const handle = await library.incidents.create('inc-flush');
    declare(handle.doc, { id: 'inc-flush', title: 'First title', severity: 'SEV3', phase: 'identified', declaredAt: 5 });
    for (let i = 0; i < 50; i++) incidentMap(handle.doc).set('title', `Title ${i}`);
    await handle.close();
    expect((await library.incidents.get('inc-flush'))?.title).toBe('Title 49');
  });

  it('lists active incidents first, then the most recently changed', async () => {
    let clock = 1_000;
    const library = await open(freshStore({ now: () => clock }));
    const specs: Array<[string, Phase, number]> = [
      ['old-active', 'investigating', 1_000],
      ['resolved-recent', 'resolved', 5_000],
      ['new-active', 'monitoring', 3_000],
      ['closed-old', 'closed', 2_000],
    ];
    for (const [id, phase, at] of specs) {
      clock = at;
      const handle = await library.incidents.create(id);
      declare(handle.doc, { id, title: id, severity: 'SEV3', phase, declaredAt: at });
      await handle.close();
    }
    clock = 500;
    const joining = await library.incidents.create('joining');
    await joining.close();

    const listed = await library.incidents.list();
    expect(listed.map((entry) => entry.id)).toEqual(['new-active', 'old-active', 'joining', 'resolved-recent', 'closed-old']);
    expect(listed.find((entry) => entry.id === 'joining')).toMatchObject({ title: '', phase: null, readable: true });
  });

  it('opens an incident once: a second open is refused until it is closed, then it opens afresh', async () => {
    const options = freshStore();
    const library = await open(options);
    const created = await library.incidents.create('inc-once');
    await expect(library.incidents.open('inc-once')).rejects.toBeInstanceOf(IncidentAlreadyOpenError);
    // The refused open leaves the open one untouched.
    expect(created.closed).toBe(false);
    declare(created.doc, { id: 'inc-once', title: 'Still saving', severity: 'SEV4', phase: 'monitoring', declaredAt: 1 });
    await created.whenSaved();
    expect((await committedState(options, 'inc-once')).getMap('incident').get('title')).toBe('Still saving');

    const closing = created.close();
    expect(created.close()).toBe(closing); // a second close is the same close
    // Opening while the close is still saving waits for it, then reads what it saved.
    const reopened = await library.incidents.open('inc-once');
    await closing;
    expect(created.closed).toBe(true);
    expect(created.doc.isDestroyed).toBe(true);
    expect(reopened.doc).not.toBe(created.doc);
    expect(reopened.doc.getMap('incident').get('title')).toBe('Still saving');
  });

  it('whenSaved resolves only once every change is committed', async () => {
    // Count the document-update transactions IndexedDB starts and commits.
    const counts = { started: 0, committed: 0 };
    const original = IDBDatabase.prototype.transaction;
    const spy = vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (this: IDBDatabase, ...args) {
      const transaction = original.apply(this, args);
      const stores = [args[0]].flat();
      if (args[1] === 'readwrite' && stores.includes('$incidents.doc_updates')) {
        counts.started += 1;
        transaction.addEventListener('complete', () => (counts.committed += 1));
      }
      return transaction;
    });
    try {
      const options = freshStore();
      const library = await open(options);
      const handle = await library.incidents.create('inc-saved');
      declare(handle.doc, { id: 'inc-saved', title: 'Disk latency', severity: 'SEV2', phase: 'investigating', declaredAt: 9 });
      const timeline = collection(handle.doc, 'timeline');
      for (let i = 0; i < 200; i++) {
        handle.doc.transact(() => timeline.set(`e${i}`, newRecord({ kind: 'note', text: `note ${i}`, at: i })));
      }
      expect(counts.started).toBeGreaterThanOrEqual(201);
      await handle.whenSaved();
      expect(counts.committed).toBe(counts.started);

      const committed = await committedState(options, 'inc-saved');
      expect(contentOf(committed)).toEqual(contentOf(handle.doc));
      expect(Y.encodeStateVector(committed)).toEqual(Y.encodeStateVector(handle.doc));
    } finally {
      spy.mockRestore();
    }
  });

  it('rejects unknown, duplicate and malformed incident ids with clear errors', async () => {
    const library = await open(freshStore());
    await expect(library.incidents.open('missing')).rejects.toBeInstanceOf(IncidentNotFoundError);
    await expect(library.incidents.open('missing')).rejects.toThrow(/no incident missing/);
    const handle = await library.incidents.create('dup');
    await expect(library.incidents.create('dup')).rejects.toBeInstanceOf(IncidentAlreadyExistsError);
    await expect(library.incidents.create('')).rejects.toBeInstanceOf(InvalidIncidentIdError);
    await expect(library.incidents.create('a\nb')).rejects.toBeInstanceOf(InvalidIncidentIdError);
    await handle.close();
  });

  it('deletes an incident with its document, but never while it is open', async () => {
    const options = freshStore();
    const library = await open(options);
    const handle = await library.incidents.create('gone');
    declare(handle.doc, { id: 'gone', title: 'To delete', severity: 'SEV4', phase: 'closed', declaredAt: 1 });
    await expect(library.incidents.delete('gone')).rejects.toBeInstanceOf(IncidentInUseError);
    await handle.close();
    expect(await library.incidents.delete('gone')).toBe(true);
    expect(await library.incidents.get('gone')).toBeNull();
    expect(await library.incidents.storedUpdateCount('gone')).toBe(0);
    expect(await library.incidents.delete('gone')).toBe(false);
  });

  it('closing the library closes open handles after saving them', async () => {
    const options = freshStore({ catalogThrottleMs: 60_000 });
    const library = await openLibrary(options);
    const handle = await library.incidents.create('open-at-quit');
    declare(handle.doc, { id: 'open-at-quit', title: 'Saved at quit', severity: 'SEV3', phase: 'identified', declaredAt: 3 });
    await library.close();
    expect(handle.closed).toBe(true);
    await expect(handle.whenSaved()).resolves.toBeUndefined();
    await expect(library.incidents.list()).rejects.toBeInstanceOf(LibraryClosedError);

    const again = await open(options);
    expect((await again.incidents.get('open-at-quit'))?.title).toBe('Saved at quit');
    const reopened = await again.incidents.open('open-at-quit');
    expect(reopened.doc.getMap('incident').get('title')).toBe('Saved at quit');
  });
});
