// The library keeps a search digest of every incident in step with its document, and the
// storage upgrade from version 1 digests incidents stored before digests existed.
import { Dexie } from 'dexie';
import { IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import yDexie from 'y-dexie';
import { recordEntry, declareIncident } from '@core/commands';
import { STORAGE_SCHEMA_VERSION } from '../../src/renderer/sync/storage';
import { actor, testClock } from './support/incident';
import { testLibraries } from './support/libraries';

const { freshStore, open } = testLibraries('storage-digests');
const clock = testClock();
const ic = actor('ic', 'Avery IC', clock);

describe('search digests in the library', () => {
  it('writes the digest when an incident is saved and rewrites it when it changes', async () => {
    const library = await open(freshStore());
    const handle = await library.incidents.create('inc-a');
    declareIncident(
      handle.doc,
      { id: 'inc-a', title: 'Checkout errors', severity: 'SEV2', summary: 'Card payments fail', services: ['checkout-api'] },
      ic,
    );
    await handle.whenSaved();
    let [digest] = await library.searchDigests.list();
    expect(digest).toMatchObject({ id: 'inc-a', title: 'Checkout errors', summary: 'Card payments fail', services: ['checkout-api'] });
    expect(digest!.timeline).not.toContain('kafka');

    recordEntry(handle.doc, { kind: 'fact', text: 'Consumer lag on the kafka cluster\nreached 2 hours' }, ic);
    await handle.close();
    [digest] = await library.searchDigests.list();
    expect(digest!.timeline.split('\n')).toContain('Consumer lag on the kafka cluster reached 2 hours');
  });

  it('leaves out incidents that are not declared yet and forgets a deleted incident', async () => {
    const library = await open(freshStore());
    const empty = await library.incidents.create('inc-empty');
    await empty.close();
    const declared = await library.incidents.create('inc-b');
    declareIncident(declared.doc, { id: 'inc-b', title: 'DNS outage', severity: 'SEV1' }, ic);
    await declared.close();
    expect((await library.searchDigests.list()).map((d) => d.id)).toEqual(['inc-b']);
    expect(await library.incidents.delete('inc-b')).toBe(true);
    expect(await library.searchDigests.list()).toEqual([]);
  });

  it('rebuilds a missing digest from the stored rows when Home lists the digests', async () => {
    const options = freshStore();
    const library = await open(options);
    const handle = await library.incidents.create('inc-c');
    declareIncident(handle.doc, { id: 'inc-c', title: 'Queue backlog', severity: 'SEV3' }, ic);
    await handle.close();
    // As if the app had stopped between the document write and the digest write.
    const raw = new Dexie(options.name!, { indexedDB: options.indexedDB!, IDBKeyRange });
    await raw.open();
    await raw.table('digests').clear();
    raw.close();
    expect((await library.searchDigests.list()).map((d) => d.title)).toEqual(['Queue backlog']);
  });

  it('finds from Home the last note of an incident whose window closed in the war room', async () => {
    const options = freshStore();
    const first = await open(options);
    const handle = await first.incidents.create('inc-d');
    declareIncident(handle.doc, { id: 'inc-d', title: 'Replication lag', severity: 'SEV2' }, ic);
    await handle.close();
    const reopened = await first.incidents.open('inc-d');
    recordEntry(reopened.doc, { kind: 'note', text: 'Failover to db2 started' }, ic);
    await reopened.whenSaved();
    // The note is stored at once; the digest waits for its interval. The window then goes away
    // without returning Home (no close, so no digest write).
    const updates = await rawTable(options, '$incidents.doc_updates');
    const before = await updates.where('k').equals('inc-d').count();
    recordEntry(reopened.doc, { kind: 'note', text: 'Replication slot on db2 is full' }, ic);
    await vi.waitFor(async () => expect(await updates.where('k').equals('inc-d').count()).toBeGreaterThan(before));
    const staleRow = await (await rawTable(options, 'digests')).get('inc-d');
    expect(staleRow.timeline).not.toContain('Replication slot');

    // The next start of the app: a new library on the same database.
    const second = await open(options);
    const [digest] = await second.searchDigests.list();
    expect(digest!.timeline).toContain('Replication slot on db2 is full');
    // Rebuilt once: the rebuilt row says which stored rows it covers, so the next listing reads it as it is.
    const row = await (await rawTable(options, 'digests')).get('inc-d');
    expect(typeof row.through).toBe('number');
  });
});

async function rawTable(options: { name?: string; indexedDB?: IDBFactory }, table: string) {
  // A plain Dexie on the same database, as another program (or the next start) would read it.
  const raw = new Dexie(options.name!, { indexedDB: options.indexedDB!, IDBKeyRange });
  await raw.open();
  return raw.table(table);
}

describe('storage upgrade from version 1', () => {
  it('is version 2 or later', () => {
    expect(STORAGE_SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
  });

  it('digests every readable incident stored by version 1 and skips a damaged one', async () => {
    const options = freshStore();
    // A database exactly as version 1 of the library wrote it.
    const addon = yDexie({ gc: false });
    if (typeof addon !== 'function') throw new Error('y-dexie did not return an addon');
    const v1 = new Dexie(options.name!, { addons: [addon], indexedDB: options.indexedDB!, IDBKeyRange, cache: 'disabled' });
    v1.version(1).stores({ incidents: 'id, title, severity, phase, declaredAt, updatedAt, doc: Y.Doc', settings: 'key' });
    await v1.open();
    const doc = new Y.Doc();
    declareIncident(
      doc,
      { id: 'old-1', title: 'Login loop on mobile', severity: 'SEV2', summary: 'OAuth redirect loops', services: ['auth'] },
      ic,
    );
    recordEntry(doc, { kind: 'note', text: 'Token refresh returns 401 after the keystore rotation' }, ic);
    const row = (id: string, title: string) => ({
      id,
      title,
      severity: 'SEV2',
      phase: 'investigating',
      declaredAt: clock.now,
      updatedAt: clock.now,
      createdAt: clock.now,
    });
    await v1.table('incidents').bulkAdd([row('old-1', 'Login loop on mobile'), row('old-bad', 'Broken')]);
    await v1.table('$incidents.doc_updates').bulkAdd([
      { k: 'old-1', u: Y.encodeStateAsUpdateV2(doc) },
      { k: 'old-bad', u: new Uint8Array([1, 2, 3, 250, 251]) },
    ]);
    v1.close();

    const library = await open(options);
    const digests = await library.searchDigests.list();
    expect(digests.map((d) => d.id)).toEqual(['old-1']);
    expect(digests[0]).toMatchObject({ title: 'Login loop on mobile', summary: 'OAuth redirect loops', services: ['auth'] });
    expect(digests[0]!.timeline).toContain('keystore rotation');
    // The catalog itself is untouched by the upgrade.
    expect((await library.incidents.list()).map((e) => e.id).sort()).toEqual(['old-1', 'old-bad']);
  });
});
