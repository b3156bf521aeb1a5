// The app's services are built outside React and disposed once: disposing saves and closes every
// open incident (whatever its count), leaves the rooms and closes the library.
import { IDBFactory, IDBKeyRange, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { declareIncident } from '@core/commands';
import { startServices, type AppServices } from '../../src/renderer/app/appServices';
import { createBrowserPlatform } from '../../src/renderer/platform/browser';
import { IncidentSessionsDisposedError } from '../../src/renderer/sync/incidentSessions';
import { RoomManager } from '../../src/renderer/sync/rooms/roomManager';
import { LibraryClosedError, openLibrary, StorageError, type LibraryOptions } from '../../src/renderer/sync/storage';

let counter = 0;
const started: AppServices[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(started.splice(0).map((services) => services.dispose()));
});

function freshStore(): LibraryOptions {
  counter += 1;
  return { name: `app-services-${counter}`, indexedDB: new IDBFactory(), IDBKeyRange };
}

async function start(library: LibraryOptions, rooms = new RoomManager()): Promise<AppServices> {
  const services = await startServices(createBrowserPlatform('test'), { library, rooms });
  started.push(services);
  return services;
}

describe('app services', () => {
  it('give one profile the same sessions every time', async () => {
    const services = await start(freshStore());
    const profile = await services.library.preferences.saveProfile('Ada');
    const first = services.forProfile(profile);
    expect(services.forProfile(profile)).toBe(first);
    expect(first.library).toBe(services.library);
  });

  it('save and close every open incident on dispose, then refuse new work', async () => {
    const options = freshStore();
    const rooms = new RoomManager();
    const leaveRooms = vi.spyOn(rooms, 'closeAll');
    const services = await start(options, rooms);
    const profile = await services.library.preferences.saveProfile('Ada');
    const { sessions } = services.forProfile(profile);
    const { library } = services;
    const handle = await library.incidents.create('inc-at-quit');
    declareIncident(
      handle.doc,
      { id: 'inc-at-quit', title: 'Open at quit', severity: 'SEV2', summary: '' },
      { id: profile.id, name: 'Ada' },
    );
    await handle.close();

    // Two views hold it: dispose closes it anyway, after saving the last change.
    const session = await sessions.acquire('inc-at-quit');
    await sessions.acquire('inc-at-quit');
    session.commands.recordEntry({ kind: 'note', text: 'the last note before quitting' });
    const disposal = services.dispose();
    expect(services.dispose()).toBe(disposal);
    await disposal;
    expect(leaveRooms).toHaveBeenCalledTimes(1);

    expect(sessions.saveStateOf('inc-at-quit')).toBeNull();
    await expect(sessions.acquire('inc-at-quit')).rejects.toBeInstanceOf(IncidentSessionsDisposedError);
    await expect(library.incidents.list()).rejects.toBeInstanceOf(LibraryClosedError);
    expect(() => services.forProfile(profile)).toThrow(/shutting down/);

    const again = await openLibrary(options);
    try {
      const reopened = await again.incidents.open('inc-at-quit');
      const texts = [...reopened.doc.getMap('timeline').values()].map((entry) => (entry as { get(key: string): unknown }).get('text'));
      expect(texts).toContain('the last note before quitting');
      await reopened.close();
    } finally {
      await again.close();
    }
  });

  it('still leave the rooms and close the library when an incident cannot be saved, and say so', async () => {
    const rooms = new RoomManager();
    const leaveRooms = vi.spyOn(rooms, 'closeAll');
    const services = await start(freshStore(), rooms);
    const profile = await services.library.preferences.saveProfile('Ada');
    const { sessions } = services.forProfile(profile);
    const { library } = services;
    const reported: StorageError[] = [];
    library.onStorageError((error) => reported.push(error));
    const handle = await library.incidents.create('inc-unsaved');
    declareIncident(
      handle.doc,
      { id: 'inc-unsaved', title: 'Disk full at quit', severity: 'SEV1', summary: '' },
      { id: profile.id, name: 'Ada' },
    );
    await handle.close();
    const session = await sessions.acquire('inc-unsaved');

    const originalAdd = IDBObjectStore.prototype.add;
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (this.name === '$incidents.doc_updates') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return originalAdd.call(this, value, key);
    });
    session.commands.recordEntry({ kind: 'note', text: 'written while the disk is full' });

    const failure = await services.dispose().then(
      () => null,
      (error: unknown) => error,
    );
    started.splice(started.indexOf(services), 1); // disposed here, its failure asserted below
    expect(failure).toBeInstanceOf(StorageError);
    expect((failure as StorageError).kind).toBe('quota-exceeded');
    expect(leaveRooms).toHaveBeenCalledTimes(1);
    await expect(library.incidents.list()).rejects.toBeInstanceOf(LibraryClosedError);
    expect(reported.length).toBeGreaterThan(0);
  });
});
