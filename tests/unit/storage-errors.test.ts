// A full disk never fails silently: every failed write reaches onStorageError as a typed
// StorageError, whenSaved refuses to claim a save that did not happen, and the document is
// saved whole again once space is back.
import { IDBFactory, IDBKeyRange, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { collection, incidentMap, metaMap, newRecord, SCHEMA_VERSION } from '@core/schema';
import { openLibrary, StorageError, type IncidentLibrary, type LibraryOptions, type OpenIncident } from '../../src/renderer/sync/storage';

/** How the simulated disk fails: on the write request itself, or when the transaction commits. */
type FailureMode = 'off' | 'request' | 'commit';

interface FakeTransactionInternals {
  _execRequestAsync(request: { operation: () => unknown; source: unknown }): IDBRequest;
  _abort(errorName: string | null): void;
}

const disk = { mode: 'off' as FailureMode, stores: new Set<string>() };
const store = IDBObjectStore.prototype as unknown as {
  add: (this: IDBObjectStore, value: unknown, key?: IDBValidKey) => IDBRequest;
  put: (this: IDBObjectStore, value: unknown, key?: IDBValidKey) => IDBRequest;
};
const originalAdd = store.add;
const originalPut = store.put;

function failingWrite(original: typeof originalAdd) {
  return function (this: IDBObjectStore, value: unknown, key?: IDBValidKey): IDBRequest {
    if (disk.mode === 'off' || !disk.stores.has(this.name)) return original.call(this, value, key);
    const transaction = this.transaction as unknown as FakeTransactionInternals;
    if (disk.mode === 'request') {
      return transaction._execRequestAsync({
        operation: () => {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        },
        source: this,
      });
    }
    const request = original.call(this, value, key);
    request.addEventListener('success', () => transaction._abort('QuotaExceededError'));
    return request;
  };
}

beforeEach(() => {
  store.add = failingWrite(originalAdd);
  store.put = failingWrite(originalPut);
});

let counter = 0;
const libraries: IncidentLibrary[] = [];

function freshStore(): LibraryOptions {
  counter += 1;
  return { name: `storage-errors-${counter}`, indexedDB: new IDBFactory(), IDBKeyRange, catalogThrottleMs: 20 };
}

async function open(options: LibraryOptions): Promise<IncidentLibrary> {
  const library = await openLibrary(options);
  libraries.push(library);
  return library;
}

afterEach(async () => {
  disk.mode = 'off';
  disk.stores.clear();
  await Promise.all(libraries.splice(0).map((library) => library.close()));
  store.add = originalAdd;
  store.put = originalPut;
});

function declare(handle: OpenIncident, title: string): void {
  handle.doc.transact(() => {
    metaMap(handle.doc).set('schemaVersion', SCHEMA_VERSION);
    incidentMap(handle.doc).set('id', handle.id);
    incidentMap(handle.doc).set('title', title);
  });
}

describe.each(['request', 'commit'] as const)('a full disk (failing at %s time)', (mode) => {
  it('reports document writes, refuses whenSaved, and saves everything once space is back', async () => {
    const options = freshStore();
    const library = await open(options);
    const reported: StorageError[] = [];
    library.onStorageError((error) => reported.push(error));
    const handle = await library.incidents.create('disk-full');
    declare(handle, 'Before the disk filled');
    await handle.whenSaved();
    expect(reported).toEqual([]);

    disk.mode = mode;
    disk.stores.add('$incidents.doc_updates');
    collection(handle.doc, 'timeline').set('lost-1', newRecord({ kind: 'note', text: 'written while full', at: 1 }));
    incidentMap(handle.doc).set('title', 'While the disk was full');

    await vi.waitFor(() => expect(reported.length).toBeGreaterThan(0));
    const [first] = reported;
    expect(first).toBeInstanceOf(StorageError);
    expect(first!.kind).toBe('quota-exceeded');
    expect(first!.incidentIds).toEqual(['disk-full']);
    expect(first!.message).toMatch(/disk is full or the storage quota is used up/);
    const failedSave = await handle.whenSaved().then(
      () => null,
      (error: unknown) => error,
    );
    expect(failedSave).toBeInstanceOf(StorageError);
    expect((failedSave as StorageError).kind).toBe('quota-exceeded');

    disk.mode = 'off';
    await handle.whenSaved();
    await handle.close();
    await library.close();

    const again = await open(options);
    const reopened = await again.incidents.open('disk-full');
    expect(reopened.doc.getMap('incident').get('title')).toBe('While the disk was full');
    expect((collection(reopened.doc, 'timeline').get('lost-1') as { get(key: string): unknown }).get('text')).toBe('written while full');
  });

  it('reports failed writes that are not document updates too', async () => {
    const library = await open(freshStore());
    const reported: StorageError[] = [];
    library.onStorageError((error) => reported.push(error));
    disk.mode = mode;
    disk.stores.add('settings');
    await expect(library.preferences.saveProfile('Ada')).rejects.toThrow();
    await vi.waitFor(() => expect(reported).toHaveLength(1));
    expect(reported[0]).toMatchObject({ kind: 'quota-exceeded', incidentIds: [] });
    expect(reported[0]!.message).toMatch(/The change was not saved/);
  });
});

describe('storage error listeners', () => {
  it('stop receiving errors once unsubscribed', async () => {
    const library = await open(freshStore());
    const reported: StorageError[] = [];
    const unsubscribe = library.onStorageError((error) => reported.push(error));
    unsubscribe();
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      disk.mode = 'request';
      disk.stores.add('settings');
      await expect(library.preferences.setSetting('theme', 'light')).rejects.toThrow();
      // With nobody subscribed the error still goes somewhere visible.
      await vi.waitFor(() => expect(consoleError).toHaveBeenCalledWith(expect.any(StorageError)));
      expect(reported).toEqual([]);
    } finally {
      consoleError.mockRestore();
    }
  });
});
