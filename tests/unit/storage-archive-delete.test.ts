// The user's own library: an incident is archived on this computer (out of Home's active list,
// still listed and searchable, restorable) or deleted for good, taking its stored rows, room
// secret, search digest and catalog row and nothing of any other incident.
import { Dexie } from 'dexie';
import { IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { startServices } from '../../src/renderer/app/appServices';
import { createBrowserPlatform } from '../../src/renderer/platform/browser';
import { IncidentSessions } from '../../src/renderer/sync/incidentSessions';
import { RoomManager } from '../../src/renderer/sync/rooms/roomManager';
import { declareIncident, recordEntry } from '@core/commands';
import { IncidentInUseError, IncidentNotFoundError, type IncidentLibrary, type LibraryOptions } from '../../src/renderer/sync/storage';
import { actor, testClock } from './support/incident';
import { testLibraries } from './support/libraries';

const { freshStore, open } = testLibraries('storage-archive-delete');
const clock = testClock();
const ic = actor('ic', 'Avery IC', clock);

async function declared(library: IncidentLibrary, id: string, title: string): Promise<void> {
  const handle = await library.incidents.create(id);
  declareIncident(handle.doc, { id, title, severity: 'SEV2', summary: `${title} summary` }, ic);
  recordEntry(handle.doc, { kind: 'fact', text: `${title} observed` }, ic);
  await handle.close();
  await library.roomCredentials.save(id, {
    roomId: hex32(`room-${id}`),
    secret: hex32(`secret-${id}`),
    signaling: ['ws://127.0.0.1:4444'],
    hosted: true,
  });
}

/** A 32-hex-digit value of its own for each label, as room ids and secrets must be. */
function hex32(label: string): string {
  return Buffer.from(label).toString('hex').padEnd(32, '0').slice(-32);
}

/** Every row the database holds about `id`, read straight from IndexedDB. */
async function rowsAbout(options: LibraryOptions, id: string) {
  const raw = new Dexie(options.name!, { indexedDB: options.indexedDB!, IDBKeyRange });
  await raw.open();
  try {
    const updatesTable = raw.tables.find((table) => table.name !== 'incidents' && table.name !== 'settings' && table.name !== 'digests');
    if (!updatesTable) throw new Error(`no updates table among ${raw.tables.map((t) => t.name).join(', ')}`);
    return {
      catalog: await raw.table('incidents').get(id),
      digest: await raw.table('digests').get(id),
      settings: (await raw.table('settings').toArray()).filter((row: { key: string }) => row.key.includes(id)),
      updates: await updatesTable.where('k').equals(id).count(),
    };
  } finally {
    raw.close();
  }
}

describe('archiving an incident on this computer', () => {
  it('marks it archived, keeps it listed and searchable, and restores it', async () => {
    const library = await open(freshStore({ now: () => clock.now }));
    await declared(library, 'inc-a', 'Checkout errors');
    await declared(library, 'inc-b', 'DNS outage');
    clock.advance(60_000);
    const archivedAt = clock.now;

    const archived = await library.incidents.archive('inc-a');
    expect(archived).toMatchObject({ id: 'inc-a', title: 'Checkout errors', archivedAt });
    const listed = await library.incidents.list();
    expect(listed.map((entry) => [entry.id, entry.archivedAt])).toEqual(
      expect.arrayContaining([
        ['inc-a', archivedAt],
        ['inc-b', null],
      ]),
    );
    expect((await library.searchDigests.list()).map((digest) => digest.id).sort()).toEqual(['inc-a', 'inc-b']);

    // Archiving again keeps the first date; restoring clears it, and it survives a restart.
    clock.advance(60_000);
    expect((await library.incidents.archive('inc-a')).archivedAt).toBe(archivedAt);
    expect((await library.incidents.restore('inc-a')).archivedAt).toBeNull();
    expect((await library.incidents.get('inc-a'))?.archivedAt).toBeNull();
    await library.incidents.archive('inc-b');
    expect((await library.incidents.get('inc-a'))?.archivedAt).toBeNull();
    expect((await library.incidents.get('inc-b'))?.archivedAt).toBe(clock.now);
  });

  it('keeps the mark across saves of the document and a restart', async () => {
    const options = freshStore({ now: () => clock.now, catalogThrottleMs: 0 });
    const library = await open(options);
    await declared(library, 'inc-a', 'Checkout errors');
    await library.incidents.archive('inc-a');
    const handle = await library.incidents.open('inc-a');
    recordEntry(handle.doc, { kind: 'note', text: 'Written after it was archived' }, ic);
    await handle.close();
    await library.close();
    const reopened = await open(options);
    expect((await reopened.incidents.get('inc-a'))?.archivedAt).toBe(clock.now);
  });

  it('reads a catalog row written before archiving existed as not archived', async () => {
    const library = await open(freshStore());
    await declared(library, 'inc-old', 'Queue backlog');
    expect((await library.incidents.get('inc-old'))?.archivedAt).toBeNull();
  });

  it('refuses an incident that is not in the library', async () => {
    const library = await open(freshStore());
    await expect(library.incidents.archive('inc-missing')).rejects.toBeInstanceOf(IncidentNotFoundError);
    await expect(library.incidents.restore('inc-missing')).rejects.toBeInstanceOf(IncidentNotFoundError);
  });
});

describe('deleting an incident from this computer', () => {
  it('removes its updates, catalog row, search digest and room secret, and nothing of another incident', async () => {
    const options = freshStore();
    const library = await open(options);
    await declared(library, 'inc-a', 'Checkout errors');
    await declared(library, 'inc-b', 'DNS outage');
    const before = await rowsAbout(options, 'inc-a');
    expect(before.catalog).toBeDefined();
    expect(before.digest).toBeDefined();
    expect(before.settings).toHaveLength(1);
    expect(before.updates).toBeGreaterThan(0);
    const otherBefore = await rowsAbout(options, 'inc-b');

    expect(await library.incidents.delete('inc-a')).toBe(true);

    expect(await rowsAbout(options, 'inc-a')).toEqual({ catalog: undefined, digest: undefined, settings: [], updates: 0 });
    expect(await rowsAbout(options, 'inc-b')).toEqual(otherBefore);
    expect((await library.incidents.list()).map((entry) => entry.id)).toEqual(['inc-b']);
    expect(await library.roomCredentials.get('inc-a')).toBeNull();
    expect(await library.roomCredentials.get('inc-b')).toMatchObject({ roomId: hex32('room-inc-b'), secret: hex32('secret-inc-b') });
    const other = await library.incidents.open('inc-b');
    expect(other.doc.getMap('incident').get('title')).toBeDefined();
    await other.close();
    expect(await library.incidents.delete('inc-a')).toBe(false);
  });

  it('deletes an archived incident too', async () => {
    const library = await open(freshStore());
    await declared(library, 'inc-a', 'Checkout errors');
    await library.incidents.archive('inc-a');
    expect(await library.incidents.delete('inc-a')).toBe(true);
    expect(await library.incidents.get('inc-a')).toBeNull();
  });

  it('refuses an incident that is open, and deletes it once it is closed', async () => {
    const options = freshStore();
    const library = await open(options);
    await declared(library, 'inc-a', 'Checkout errors');
    const handle = await library.incidents.open('inc-a');
    await expect(library.incidents.delete('inc-a')).rejects.toBeInstanceOf(IncidentInUseError);
    expect((await rowsAbout(options, 'inc-a')).catalog).toBeDefined();
    await handle.close();
    expect(await library.incidents.delete('inc-a')).toBe(true);
    expect((await rowsAbout(options, 'inc-a')).updates).toBe(0);
  });
});

describe('deleting from the app', () => {
  it('refuses an incident open in this window, leaves the other incidents, and deletes it once released', async () => {
    const services = await startServices(createBrowserPlatform('test'), { library: freshStore() });
    try {
      const profile = await services.library.preferences.saveProfile('Ada');
      const { sessions, library } = services.forProfile(profile);
      const kept = await sessions.declare({ title: 'Kept incident', severity: 'SEV3', summary: '' });
      const doomed = await sessions.declare({ title: 'Mistaken declaration', severity: 'SEV3', summary: '' });
      await sessions.acquire(doomed);
      expect(sessions.isOpen(doomed)).toBe(true);
      await expect(sessions.deleteIncident(doomed)).rejects.toBeInstanceOf(IncidentInUseError);
      expect(await library.incidents.has(doomed)).toBe(true);

      await sessions.release(doomed);
      expect(sessions.isOpen(doomed)).toBe(false);
      expect(await sessions.deleteIncident(doomed)).toBe(true);
      expect((await library.incidents.list()).map((entry) => entry.title)).toEqual(['Kept incident']);
      expect(await services.library.roomCredentials.get(doomed)).toBeNull();
      expect(await services.library.roomCredentials.get(kept)).not.toBeNull();
    } finally {
      await services.dispose();
    }
  });

  it('stops announcing a room hosted here before deleting, and deletes nothing when that fails', async () => {
    const library = await open(freshStore());
    const withdrawn: string[] = [];
    let refuse = true;
    const withdraw = async (roomId: string) => {
      if (refuse) throw new Error('the local network host did not answer');
      withdrawn.push(roomId);
    };
    const sessions = new IncidentSessions(library, new RoomManager(), { id: 'ada', name: 'Ada' }, { host: async () => [], withdraw });
    try {
      const hosted = await sessions.declare({ title: 'Hosted here', severity: 'SEV2', summary: '' });
      const room = await library.roomCredentials.get(hosted);
      expect(room?.hosted).toBe(true);
      await expect(sessions.deleteIncident(hosted)).rejects.toThrow('the local network host did not answer');
      expect(await library.incidents.has(hosted)).toBe(true);
      expect(await library.roomCredentials.get(hosted)).toEqual(room);

      refuse = false;
      expect(await sessions.deleteIncident(hosted)).toBe(true);
      expect(withdrawn).toEqual([room!.roomId]);
      expect(await library.incidents.has(hosted)).toBe(false);
    } finally {
      await sessions.dispose();
    }
  });
});
