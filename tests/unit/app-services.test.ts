// The app's services are built outside React and disposed once: disposing saves and closes every
// open incident (whatever its count), leaves the rooms and closes the library.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { declareIncident } from '@core/commands';
import { startServices, type AppServices } from '../../src/renderer/app/appServices';
import { createBrowserPlatform } from '../../src/renderer/platform/browser';
import { IncidentSessionsDisposedError } from '../../src/renderer/sync/incidentSessions';
import { RoomManager } from '../../src/renderer/sync/rooms/roomManager';
import { LibraryClosedError, openLibrary, type LibraryOptions } from '../../src/renderer/sync/storage';

let counter = 0;
const started: AppServices[] = [];
afterEach(async () => {
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
    const { sessions, library } = services.forProfile(profile);
    const handle = await library.incidents.create('inc-at-quit');
    declareIncident(handle.doc, { id: 'inc-at-quit', title: 'Open at quit', severity: 'SEV2', summary: '' }, { id: profile.id, name: 'Ada' });
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
});
