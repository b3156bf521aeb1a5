// Stored updates are merged so that opening an incident does not get slower with every edit
// ever made, and merging never changes the document.
import { Dexie } from 'dexie';
import { IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { COLLECTIONS } from '@core/model';
import { collection, incidentMap, metaMap, newRecord, SCHEMA_VERSION } from '@core/schema';
import type { LibraryOptions, OpenIncident } from '../../src/renderer/sync/storage';
import { testLibraries } from './support/libraries';

const { freshStore, open } = testLibraries('storage-compaction');

function contentOf(doc: Y.Doc): unknown {
  for (const name of ['meta', 'incident', ...COLLECTIONS]) doc.getMap(name);
  return doc.toJSON();
}

/**
 * `count` separate small transactions, as a long incident produces: notes, edits and deletions.
 * Paced by whenSaved every 100 edits, as a room produces them.
 */
async function makeEdits(handle: OpenIncident, count: number, prefix = 'e'): Promise<void> {
  const { doc } = handle;
  doc.transact(() => {
    metaMap(doc).set('schemaVersion', SCHEMA_VERSION);
    const incident = incidentMap(doc);
    incident.set('id', handle.id);
    incident.set('title', 'Payments latency');
    incident.set('severity', 'SEV2');
    incident.set('phase', 'investigating');
    incident.set('declaredAt', 1_000);
  });
  const timeline = collection(doc, 'timeline');
  const tasks = collection(doc, 'tasks');
  for (let i = 1; i < count; i++) {
    doc.transact(() => {
      if (i % 10 === 0) incidentMap(doc).set('summary', `Summary revision ${i}`);
      else if (i % 7 === 0) tasks.set(`${prefix}task${i}`, newRecord({ title: `Task ${i}`, status: 'todo', createdAt: i }));
      else if (i % 11 === 0 && tasks.size > 0) tasks.delete([...tasks.keys()][0]!);
      else timeline.set(`${prefix}${i}`, newRecord({ kind: 'note', text: `Observation ${i}`, at: i }));
    });
    if (i % 100 === 0) await handle.whenSaved();
  }
  await handle.whenSaved();
}

async function storedRows(options: LibraryOptions, incidentId: string): Promise<Array<{ i: number; u: Uint8Array }>> {
  const raw = new Dexie(options.name!, { indexedDB: options.indexedDB!, IDBKeyRange });
  await raw.open();
  try {
    return (await raw.table('$incidents.doc_updates').where('k').equals(incidentId).toArray()) as Array<{ i: number; u: Uint8Array }>;
  } finally {
    raw.close();
  }
}

describe('compaction of stored updates', () => {
  it('merges 2,000 separate transactions into one row and reopens to the identical state', async () => {
    const options = freshStore({ compactOnCloseAbove: Number.POSITIVE_INFINITY });
    const library = await open(options);
    const handle = await library.incidents.create('long-incident');
    await makeEdits(handle, 2_000);
    await handle.whenSaved();
    const content = contentOf(handle.doc);
    const vector = Y.encodeStateVector(handle.doc);
    expect(await library.incidents.storedUpdateCount('long-incident')).toBe(2_000);

    expect(await library.incidents.compact('long-incident')).toEqual({ before: 2_000, after: 1 });
    expect(await library.incidents.storedUpdateCount('long-incident')).toBe(1);
    await handle.close();
    await library.close();

    const rows = await storedRows(options, 'long-incident');
    expect(rows).toHaveLength(1);
    const again = await open(options);
    const reopened = await again.incidents.open('long-incident');
    expect(Y.encodeStateVector(reopened.doc)).toEqual(vector);
    expect(contentOf(reopened.doc)).toEqual(content);
  }, 60_000);

  it('compacts on the last close by default', async () => {
    const options = freshStore();
    const library = await open(options);
    const handle = await library.incidents.create('closed-compacts');
    await makeEdits(handle, 300);
    const content = contentOf(handle.doc);
    await handle.close();
    expect(await library.incidents.storedUpdateCount('closed-compacts')).toBe(1);
    const reopened = await library.incidents.open('closed-compacts');
    expect(contentOf(reopened.doc)).toEqual(content);
  }, 60_000);

  it('compacts on open when the stored rows exceed the threshold', async () => {
    const options = freshStore({ compactOnCloseAbove: Number.POSITIVE_INFINITY, compactOnOpenAbove: 100 });
    const library = await open(options);
    const small = await library.incidents.create('below-threshold');
    await makeEdits(small, 50);
    await small.close();
    const big = await library.incidents.create('above-threshold');
    await makeEdits(big, 150);
    const content = contentOf(big.doc);
    await big.close();
    expect(await library.incidents.storedUpdateCount('above-threshold')).toBe(150);

    const reopenedBig = await library.incidents.open('above-threshold');
    expect(await library.incidents.storedUpdateCount('above-threshold')).toBe(1);
    expect(contentOf(reopenedBig.doc)).toEqual(content);
    await library.incidents.open('below-threshold');
    expect(await library.incidents.storedUpdateCount('below-threshold')).toBe(50);
  }, 60_000);

  it('compacting while the incident is open loses nothing written before or after', async () => {
    const options = freshStore({ compactOnCloseAbove: Number.POSITIVE_INFINITY });
    const library = await open(options);
    const handle = await library.incidents.create('live');
    await makeEdits(handle, 200, 'before');
    const compaction = library.incidents.compact('live');
    // Edits made while the merge transaction is queued land after it, as new rows.
    collection(handle.doc, 'timeline').set('during', newRecord({ kind: 'note', text: 'during', at: 1 }));
    await compaction;
    await makeEdits(handle, 20, 'after');
    await handle.whenSaved();
    const content = contentOf(handle.doc);
    const vector = Y.encodeStateVector(handle.doc);
    const rowsNow = await library.incidents.storedUpdateCount('live');
    expect(rowsNow).toBeLessThan(30);
    await handle.close();

    const again = await open(options);
    await library.close();
    const reopened = await again.incidents.open('live');
    expect(contentOf(reopened.doc)).toEqual(content);
    expect(Y.encodeStateVector(reopened.doc)).toEqual(vector);
  }, 60_000);

  it('leaves an incident with a single row alone', async () => {
    const library = await open(freshStore());
    const handle = await library.incidents.create('tiny');
    incidentMap(handle.doc).set('id', 'tiny');
    await handle.whenSaved();
    expect(await library.incidents.compact('tiny')).toEqual({ before: 1, after: 1 });
    expect(await library.incidents.compact('never-stored')).toEqual({ before: 0, after: 0 });
  });
});
