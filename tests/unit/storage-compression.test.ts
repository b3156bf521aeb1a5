// Compacted rows are stored gzip-compressed behind a marker (`c: 'gzip'`); rows stored plain,
// as every incident was before, keep opening; a damaged compressed row is refused clearly and
// nothing else is lost.
import { Dexie } from 'dexie';
import { IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { declareIncident, recordEntry } from '@core/commands';
import { readSnapshot } from '@core/read';
import { UnreadableIncidentError, type IncidentLibrary, type LibraryOptions } from '../../src/renderer/sync/storage';
import { compressUpdate, crc32, inflateRow, inflateRowSync } from '../../src/renderer/sync/storage/compression';
import { digestOfStoredUpdates } from '../../src/renderer/sync/storage/searchDigests';
import { DamagedDocumentError, replayUpdates } from '../../src/renderer/sync/storage/storedDocument';
import { actor, testClock } from './support/incident';
import { testLibraries } from './support/libraries';

const UPDATES = '$incidents.doc_updates';
const { freshStore, open } = testLibraries('storage-compression');
const clock = testClock();
const ic = actor('ic', 'Avery IC', clock);

interface RawRow {
  i: number;
  k: string;
  u: Uint8Array;
  f?: number;
  c?: string;
}

async function withRawDatabase<T>(options: LibraryOptions, use: (raw: Dexie) => Promise<T>): Promise<T> {
  const raw = new Dexie(options.name!, { indexedDB: options.indexedDB!, IDBKeyRange });
  await raw.open();
  try {
    return await use(raw);
  } finally {
    raw.close();
  }
}

async function rawRows(options: LibraryOptions, incidentId: string): Promise<RawRow[]> {
  return withRawDatabase(options, async (raw) =>
    ((await raw.table(UPDATES).where('k').equals(incidentId).toArray()) as RawRow[]).sort((a, b) => a.i - b.i),
  );
}

/** A declared incident with `notes` repetitive notes (text compresses, as a real timeline does), closed. */
async function storedIncident(library: IncidentLibrary, id: string, title: string, notes: number): Promise<unknown> {
  const handle = await library.incidents.create(id);
  declareIncident(handle.doc, { id, title, severity: 'SEV2', summary: 'Card payments fail' }, ic);
  for (let i = 0; i < notes; i++) {
    recordEntry(handle.doc, { kind: 'note', text: `Note ${i}: error rate on checkout-api is ${i % 7}% in eu-west-1` }, ic);
  }
  const snapshot = readSnapshot(handle.doc);
  await handle.close();
  return snapshot;
}

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

describe('compressed compacted rows', () => {
  it('stores the compacted row gzip-compressed, much smaller than the update, and reopens to the same incident', async () => {
    const options = freshStore();
    const library = await open(options);
    const snapshot = await storedIncident(library, 'inc-a', 'Checkout errors', 200);
    const [row, ...others] = await rawRows(options, 'inc-a');
    expect(others).toEqual([]);
    expect(row!.c).toBe('gzip');
    // gzip's magic number: the bytes are what the marker says.
    expect([row!.u[0], row!.u[1]]).toEqual([0x1f, 0x8b]);
    const update = await inflateRow(row!.u, row!.c);
    expect(row!.u.byteLength).toBeLessThan(update.byteLength / 3);

    const reopened = await library.incidents.open('inc-a');
    expect(readSnapshot(reopened.doc)).toEqual(snapshot);
  });

  it('opens an incident stored the old way (one plain compacted row) and compresses it at the next compaction', async () => {
    const options = freshStore();
    const library = await open(options);
    const snapshot = await storedIncident(library, 'old', 'Queue backlog', 50);
    const [compressed] = await rawRows(options, 'old');
    await library.close();
    // The row as earlier versions wrote it: the V2 update itself, no marker.
    const plain = await inflateRow(compressed!.u, compressed!.c);
    await withRawDatabase(options, (raw) => raw.table(UPDATES).put({ i: compressed!.i, k: 'old', u: plain, f: 1 }));
    expect((await rawRows(options, 'old')).map((row) => row.c)).toEqual([undefined]);

    const again = await open(options);
    const reopened = await again.incidents.open('old');
    expect(readSnapshot(reopened.doc)).toEqual(snapshot);
    await reopened.close();
    expect(await again.incidents.compact('old')).toEqual({ before: 1, after: 1 });
    const [row] = await rawRows(options, 'old');
    expect(row!.c).toBe('gzip');
    expect(row!.i).toBe(compressed!.i);
    const last = await again.incidents.open('old');
    expect(readSnapshot(last.doc)).toEqual(snapshot);
  });

  it('opens a compressed row followed by plain rows (edits after the last compaction, then a crash)', async () => {
    const options = freshStore({ compactOnCloseAbove: Number.POSITIVE_INFINITY });
    const library = await open(options);
    await storedIncident(library, 'inc-b', 'DNS outage', 30);
    await library.incidents.compact('inc-b');
    const handle = await library.incidents.open('inc-b');
    recordEntry(handle.doc, { kind: 'fact', text: 'Resolver pool drained in us-east-1' }, ic);
    recordEntry(handle.doc, { kind: 'decision', text: 'Fail over to the secondary resolvers' }, ic);
    await handle.whenSaved();
    const snapshot = readSnapshot(handle.doc);
    // No close: the rows stay as a crash leaves them.
    expect((await rawRows(options, 'inc-b')).map((row) => row.c)).toEqual(['gzip', undefined, undefined]);

    const after = await open({ ...options, compactOnOpenAbove: Number.POSITIVE_INFINITY });
    const reopened = await after.incidents.open('inc-b');
    expect(readSnapshot(reopened.doc)).toEqual(snapshot);
  });

  it('compacts a crash-left store on open into one compressed row', async () => {
    const options = freshStore({ compactOnCloseAbove: Number.POSITIVE_INFINITY, compactOnOpenAbove: 20 });
    const library = await open(options);
    const snapshot = await storedIncident(library, 'crashed', 'Payments latency', 40);
    expect((await rawRows(options, 'crashed')).length).toBeGreaterThan(20);

    const reopened = await library.incidents.open('crashed');
    const rows = await rawRows(options, 'crashed');
    expect(rows.map((row) => row.c)).toEqual(['gzip']);
    expect(readSnapshot(reopened.doc)).toEqual(snapshot);
  });

  it('refuses a damaged compressed row clearly, keeps its bytes, and opens every other incident', async () => {
    const options = freshStore();
    const library = await open(options);
    await storedIncident(library, 'flipped', 'Database failover', 40);
    await storedIncident(library, 'cut-short', 'Cache stampede', 40);
    const snapshot = await storedIncident(library, 'healthy', 'Queue backlog', 40);
    await library.close();
    const [flipped] = await rawRows(options, 'flipped');
    const damaged = flipped!.u.slice();
    damaged[Math.floor(damaged.length / 2)]! ^= 0xff;
    const [cut] = await rawRows(options, 'cut-short');
    await withRawDatabase(options, async (raw) => {
      await raw.table(UPDATES).put({ ...flipped, u: damaged });
      await raw.table(UPDATES).put({ ...cut, u: cut!.u.slice(0, cut!.u.length - 20) });
    });

    const again = await open(options);
    for (const id of ['flipped', 'cut-short']) {
      const error = await rejection(again.incidents.open(id));
      expect(error.reason).toBe('damaged');
      expect(error.message).toMatch(/damaged and cannot be read/);
      expect(error.message).toMatch(/stored update 1 of 1 could not be decoded: its compressed bytes are damaged/);
      expect(error.message).toMatch(/Nothing was deleted/);
    }
    expect((await rawRows(options, 'flipped'))[0]!.u).toEqual(damaged);
    const listed = await again.incidents.get('flipped');
    expect(listed?.readable).toBe(false);
    expect(listed?.problem?.reason).toBe('damaged');
    // A lone compressed row is compact already: compaction does not even read it.
    expect(await again.incidents.compact('flipped')).toEqual({ before: 1, after: 1 });
    // With a later row to merge, compaction reads it, refuses, and touches nothing.
    await withRawDatabase(options, (raw) => raw.table(UPDATES).add({ k: 'flipped', u: Y.encodeStateAsUpdateV2(new Y.Doc()), f: 1 }));
    const before = await rawRows(options, 'flipped');
    await expect(again.incidents.compact('flipped')).rejects.toBeInstanceOf(UnreadableIncidentError);
    expect(await rawRows(options, 'flipped')).toEqual(before);
    expect(before[0]!.u).toEqual(damaged);
    const healthy = await again.incidents.open('healthy');
    expect(readSnapshot(healthy.doc)).toEqual(snapshot);
  });

  it('names a compression this version cannot read', async () => {
    const options = freshStore();
    const library = await open(options);
    await storedIncident(library, 'future', 'From a newer app', 5);
    await library.close();
    const [row] = await rawRows(options, 'future');
    await withRawDatabase(options, (raw) => raw.table(UPDATES).put({ ...row, c: 'zstd' }));
    const again = await open(options);
    const error = await rejection(again.incidents.open('future'));
    expect(error.message).toMatch(/compressed as "zstd", which this version of Sitrep cannot read/);
  });
});

describe('reading compressed rows synchronously (callers that read rows themselves)', () => {
  async function compressedRows(notes: number): Promise<{ doc: Y.Doc; rows: RawRow[] }> {
    const doc = new Y.Doc();
    declareIncident(doc, { id: 'sync', title: 'Search me', severity: 'SEV3' }, ic);
    for (let i = 0; i < notes; i++) recordEntry(doc, { kind: 'note', text: `kafka consumer lag ${i} minutes` }, ic);
    const u = await compressUpdate(Y.encodeStateAsUpdateV2(doc));
    return { doc, rows: [{ i: 1, k: 'sync', u, c: 'gzip' }] };
  }

  it('decodes them to the same document, and the search digest finds their text', async () => {
    const { doc, rows } = await compressedRows(20);
    const replayed = replayUpdates(rows as never);
    expect(readSnapshot(replayed)).toEqual(readSnapshot(doc));
    expect(digestOfStoredUpdates(rows as never)?.timeline).toContain('kafka consumer lag 19 minutes');
  });

  it('checks the gzip checksum that fflate leaves unchecked', async () => {
    const { rows } = await compressedRows(20);
    const bytes = rows[0]!.u;
    expect(inflateRowSync(bytes, 'gzip')).toEqual(await inflateRow(bytes, 'gzip'));
    const wrongCrc = bytes.slice();
    wrongCrc[wrongCrc.length - 8]! ^= 0x01;
    expect(() => inflateRowSync(wrongCrc, 'gzip')).toThrow(/compressed bytes are damaged \(checksum mismatch\)/);
    await expect(inflateRow(wrongCrc, 'gzip')).rejects.toThrow(/compressed bytes are damaged/);
    expect(() => replayUpdates([{ ...rows[0]!, u: wrongCrc }] as never)).toThrow(DamagedDocumentError);
  });

  it('computes CRC-32 as gzip does', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });
});
