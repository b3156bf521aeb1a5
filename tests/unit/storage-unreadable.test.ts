// An incident whose stored data cannot be read (damaged bytes, or a newer app's schema) fails
// to open with a clear message, stays listed, keeps its data, and never blocks the others.
import { Dexie } from 'dexie';
import { IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { incidentMap, metaMap, SCHEMA_VERSION } from '@core/schema';
import { UnreadableIncidentError, type IncidentLibrary, type LibraryOptions } from '../../src/renderer/sync/storage';
import { testLibraries } from './support/libraries';

const UPDATES = '$incidents.doc_updates';
const { freshStore, open } = testLibraries('storage-unreadable');

async function withRawDatabase<T>(options: LibraryOptions, use: (raw: Dexie) => Promise<T>): Promise<T> {
  const raw = new Dexie(options.name!, { indexedDB: options.indexedDB!, IDBKeyRange });
  await raw.open();
  try {
    return await use(raw);
  } finally {
    raw.close();
  }
}

async function storedBytes(options: LibraryOptions, incidentId: string): Promise<Uint8Array[]> {
  return withRawDatabase(options, async (raw) => {
    const rows = (await raw.table(UPDATES).where('k').equals(incidentId).toArray()) as Array<{ u: Uint8Array }>;
    return rows.map((row) => row.u);
  });
}

async function declaredIncident(library: IncidentLibrary, id: string, title: string, schemaVersion = SCHEMA_VERSION): Promise<void> {
  const handle = await library.incidents.create(id);
  handle.doc.transact(() => {
    metaMap(handle.doc).set('schemaVersion', schemaVersion);
    const incident = incidentMap(handle.doc);
    incident.set('id', id);
    incident.set('title', title);
    incident.set('severity', 'SEV2');
    incident.set('phase', 'investigating');
    incident.set('declaredAt', 1_000);
  });
  await handle.close();
}

const GARBAGE = Uint8Array.from({ length: 64 }, (_, i) => (i * 73 + 41) % 256);

async function rejection(promise: Promise<unknown>): Promise<UnreadableIncidentError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the open to fail');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(UnreadableIncidentError);
  return error as UnreadableIncidentError;
}

describe('unreadable incidents', () => {
  it('rejects damaged update bytes clearly, keeps them, and still opens every other incident', async () => {
    const options = freshStore();
    const setup = await open(options);
    await declaredIncident(setup, 'broken', 'Database failover');
    await declaredIncident(setup, 'healthy', 'Queue backlog');
    await setup.close();
    await withRawDatabase(options, (raw) => raw.table(UPDATES).add({ k: 'broken', u: GARBAGE, f: 1 }));
    const storedBefore = await storedBytes(options, 'broken');

    const library = await open(options);
    const error = await rejection(library.incidents.open('broken'));
    expect(error.incidentId).toBe('broken');
    expect(error.reason).toBe('damaged');
    expect(error.message).toContain('"Database failover" (broken)');
    expect(error.message).toMatch(/damaged and cannot be read/);
    expect(error.message).toMatch(/stored update 2 of 2 could not be decoded/);
    expect(error.message).toMatch(/Nothing was deleted/);

    const listed = await library.incidents.list();
    expect(listed.map((entry) => entry.id).sort()).toEqual(['broken', 'healthy']);
    const broken = listed.find((entry) => entry.id === 'broken')!;
    expect(broken.readable).toBe(false);
    expect(broken.title).toBe('Database failover');
    expect(broken.problem?.reason).toBe('damaged');
    expect(broken.problem?.message).toMatch(/damaged/);
    expect(listed.find((entry) => entry.id === 'healthy')?.readable).toBe(true);

    const healthy = await library.incidents.open('healthy');
    expect(healthy.doc.getMap('incident').get('title')).toBe('Queue backlog');
    await healthy.close();

    // Compacting refuses too, and touches nothing.
    await expect(library.incidents.compact('broken')).rejects.toBeInstanceOf(UnreadableIncidentError);
    // A second attempt fails the same way (no half-loaded document left behind).
    await rejection(library.incidents.open('broken'));
    await library.close();

    expect(await storedBytes(options, 'broken')).toEqual(storedBefore);
    expect(storedBefore.some((bytes) => bytes.length === GARBAGE.length && bytes.every((b, i) => b === GARBAGE[i]))).toBe(true);
  });

  it('clears the mark once the incident opens again', async () => {
    const options = freshStore();
    const setup = await open(options);
    await declaredIncident(setup, 'repaired', 'Cache stampede');
    await setup.close();
    const garbageKey = await withRawDatabase(options, (raw) => raw.table(UPDATES).add({ k: 'repaired', u: GARBAGE }));

    const first = await open(options);
    await rejection(first.incidents.open('repaired'));
    await first.close();
    // Someone repairs the store by hand (here: removes the bad row).
    await withRawDatabase(options, (raw) => raw.table(UPDATES).delete(garbageKey));

    const second = await open(options);
    expect((await second.incidents.get('repaired'))?.readable).toBe(false);
    const handle = await second.incidents.open('repaired');
    expect(handle.doc.getMap('incident').get('title')).toBe('Cache stampede');
    expect(await second.incidents.get('repaired')).toMatchObject({ readable: true, problem: null });
  });

  it('rejects a document from a newer schema with a message that says so', async () => {
    const options = freshStore();
    const setup = await open(options);
    await declaredIncident(setup, 'from-the-future', 'DNS outage', 99);
    await declaredIncident(setup, 'current', 'Disk full');
    await setup.close();

    const library = await open(options);
    const error = await rejection(library.incidents.open('from-the-future'));
    expect(error.reason).toBe('newer-version');
    expect(error.message).toContain('"DNS outage" (from-the-future)');
    expect(error.message).toMatch(/newer version of Sitrep/);
    expect(error.message).toMatch(/document schema 99; this version reads up to 1/);
    expect(error.message).toMatch(/Update Sitrep/);
    expect(error.message).toMatch(/Nothing was deleted/);
    expect((await library.incidents.get('from-the-future'))?.problem?.reason).toBe('newer-version');
    await expect(library.incidents.open('current')).resolves.toMatchObject({ id: 'current' });
    await library.close();

    // The document is kept as written, schema 99 included.
    const kept = new Y.Doc();
    for (const bytes of await storedBytes(options, 'from-the-future')) Y.applyUpdateV2(kept, bytes);
    expect(kept.getMap('meta').get('schemaVersion')).toBe(99);
    expect(kept.getMap('incident').get('title')).toBe('DNS outage');
  });

  it('names an undeclared incident by its id', async () => {
    const options = freshStore();
    const setup = await open(options);
    await (await setup.incidents.create('joining-room')).close();
    await setup.close();
    await withRawDatabase(options, (raw) => raw.table(UPDATES).add({ k: 'joining-room', u: new Uint8Array(32).fill(255) }));

    const library = await open(options);
    const error = await rejection(library.incidents.open('joining-room'));
    expect(error.message).toContain('joining-room (not declared yet)');
    expect(error.message).toMatch(/stored update 1 of 1 could not be decoded/);
  });
});
