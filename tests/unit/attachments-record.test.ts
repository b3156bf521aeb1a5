// Attachments in the record: metadata on the entry (never the bytes), kept by every peer when two
// attach at once, exported and imported in JSON; bytes stored content-addressed per incident,
// checked against their SHA-256, and deleted with their incident only.
import { Dexie } from 'dexie';
import yDexie from 'y-dexie';
import { IDBKeyRange } from 'fake-indexeddb';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX_BYTES, type AttachmentMeta, sha256Hex } from '../../src/core/attachments';
import { attachToEntry, CommandError, declareIncident, recordEntry, retractEntry } from '../../src/core/commands';
import { exportJson } from '../../src/core/export';
import { importIncidentIntoDoc, parseIncidentExport } from '../../src/core/import';
import { readSnapshot } from '../../src/core/read';
import { AttachmentStoreError, STORAGE_SCHEMA_VERSION } from '../../src/renderer/sync/storage';
import { actor, declaredIncident, exchange, testClock } from './support/incident';
import { testLibraries } from './support/libraries';

async function fileOf(text: string, name = 'grafana.png', type = 'image/png'): Promise<{ meta: AttachmentMeta; bytes: Uint8Array }> {
  const bytes = new TextEncoder().encode(text);
  return { meta: { sha256: await sha256Hex(bytes), name, type, size: bytes.length }, bytes };
}

describe('attaching to an entry', () => {
  it('keeps metadata only, records who attached what, and refuses what cannot be attached with a clear message', async () => {
    const { doc, ic } = declaredIncident();
    const { meta } = await fileOf('PNG bytes');
    const entryId = recordEntry(doc, { kind: 'fact', text: 'p99 latency at 4 s', attachments: [meta] }, ic);
    const other = await fileOf('log excerpt', 'db.log', 'text/plain; charset=utf-8');
    attachToEntry(doc, { entryId, files: [other.meta] }, ic);
    const snapshot = readSnapshot(doc)!;
    const entry = snapshot.timeline.find((e) => e.id === entryId)!;
    expect(entry.attachments).toEqual([
      { sha256: other.meta.sha256, name: 'db.log', type: 'text/plain', size: 11 },
      { sha256: meta.sha256, name: 'grafana.png', type: 'image/png', size: 9 },
    ]);
    expect(snapshot.timeline.some((e) => e.event === 'entry.attached' && e.text === 'Attached db.log (11 bytes) to an entry')).toBe(true);
    // The bytes never enter the document.
    expect(new TextDecoder().decode(Y.encodeStateAsUpdate(doc))).not.toContain('log excerpt');

    expect(() => attachToEntry(doc, { entryId, files: [{ ...meta, sha256: 'nope' }] }, ic)).toThrow(CommandError);
    expect(() => attachToEntry(doc, { entryId, files: [{ ...meta, sha256: 'c'.repeat(64), size: ATTACHMENT_MAX_BYTES + 1 }] }, ic)).toThrow(
      /"grafana\.png" is 10\.0 MB \(10,485,761 bytes\); an attachment can be at most 10 MB \(10,485,760 bytes\)\. Nothing was attached\./,
    );
    expect(() => attachToEntry(doc, { entryId, files: [meta] }, ic)).toThrow('That entry already carries this file.');
    retractEntry(doc, { entryId, reason: 'wrong graph' }, ic);
    expect(() => attachToEntry(doc, { entryId, files: [{ ...meta, sha256: 'd'.repeat(64) }] }, ic)).toThrow(/retracted/);
  });

  it('keeps both files when two laptops attach to the same entry at once', async () => {
    const clock = testClock();
    const { doc: a, ic, incidentId } = declaredIncident(clock);
    const entryId = recordEntry(a, { kind: 'note', text: 'dashboards' }, ic);
    const b = new Y.Doc();
    exchange(a, b);
    const first = await fileOf('one');
    const second = await fileOf('two', 'other.png');
    attachToEntry(a, { entryId, files: [first.meta] }, ic);
    attachToEntry(b, { entryId, files: [second.meta] }, actor('r', 'Rae', clock));
    exchange(a, b);
    for (const doc of [a, b]) {
      const entry = readSnapshot(doc)!.timeline.find((e) => e.id === entryId)!;
      expect(entry.attachments.map((m) => m.sha256).sort()).toEqual([first.meta.sha256, second.meta.sha256].sort());
    }
    expect(incidentId).toBeTruthy();
  });

  it('exports attachments in JSON and imports them back; an entry without any writes no attachments field', async () => {
    const { doc, ic } = declaredIncident();
    const { meta } = await fileOf('PNG');
    recordEntry(doc, { kind: 'fact', text: 'with file', attachments: [meta] }, ic);
    recordEntry(doc, { kind: 'fact', text: 'without' }, ic);
    const json = exportJson(readSnapshot(doc)!, { now: 1 });
    const parsed = JSON.parse(json) as { timeline: Array<{ text: string; attachments?: unknown }> };
    expect(parsed.timeline.find((e) => e.text === 'with file')?.attachments).toEqual([meta]);
    expect(parsed.timeline.find((e) => e.text === 'without')).not.toHaveProperty('attachments');
    const read = parseIncidentExport(json);
    if (!read.ok) throw new Error(read.message);
    const copy = new Y.Doc();
    importIncidentIntoDoc(copy, read.snapshot, 2);
    expect(readSnapshot(copy)!.timeline.find((e) => e.text === 'with file')?.attachments).toEqual([meta]);
    // A damaged hash in a file is refused, naming the field.
    const bad = parseIncidentExport(json.replace(meta.sha256, 'z'.repeat(64)));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/attachments\[0\]\.sha256 must be 64 lower-case hex digits/);
  });
});

describe('stored attachments', () => {
  const { freshStore, open } = testLibraries('attachments-store');
  const ic = actor('ic', 'Avery IC', testClock());

  it('stores bytes under their SHA-256 per incident, refuses bytes that do not match, and deletes them with their incident only', async () => {
    const options = freshStore();
    const library = await open(options);
    for (const id of ['inc-a', 'inc-b']) {
      const handle = await library.incidents.create(id);
      declareIncident(handle.doc, { id, title: id, severity: 'SEV3', summary: '' }, ic);
      await handle.close();
    }
    const { meta, bytes } = await fileOf('screenshot bytes');
    await library.attachments.put('inc-a', meta, bytes);
    await library.attachments.put('inc-b', meta, bytes);
    expect((await library.attachments.get('inc-a', meta.sha256))?.bytes).toEqual(bytes);
    expect(await library.attachments.present('inc-a', [meta.sha256, 'e'.repeat(64)])).toEqual(new Set([meta.sha256]));
    await expect(library.attachments.put('inc-a', { ...meta, sha256: 'f'.repeat(64) }, bytes)).rejects.toThrow(AttachmentStoreError);
    await expect(library.attachments.put('inc-a', { ...meta, size: 3 }, bytes)).rejects.toThrow(/not the 3 bytes recorded/);

    expect(await library.incidents.delete('inc-a')).toBe(true);
    expect(await library.attachments.has('inc-a', meta.sha256)).toBe(false);
    expect(await library.attachments.has('inc-b', meta.sha256)).toBe(true);
    await library.close();
    const raw = new Dexie(options.name!, { indexedDB: options.indexedDB!, IDBKeyRange });
    await raw.open();
    const rows = await raw.table('attachments').toArray();
    raw.close();
    expect(rows.map((row: { incidentId: string }) => row.incidentId)).toEqual(['inc-b']);
  });

  it('turns a full disk into a message that says what to do', async () => {
    const library = await open(freshStore());
    const { meta, bytes } = await fileOf('big screenshot');
    const table = (library.attachments as unknown as { db: { attachments: { put: () => Promise<never> } } }).db.attachments;
    table.put = () => Promise.reject(new DOMException('quota', 'QuotaExceededError'));
    await expect(library.attachments.put('inc-x', meta, bytes)).rejects.toThrow(
      /"grafana\.png" \(14 bytes\) could not be stored: the disk is full or the storage quota is used up\. Free some disk space and attach it again\./,
    );
  });
});

describe('storage upgrade to version 3', () => {
  const { freshStore, open } = testLibraries('attachments-upgrade');
  const ic = actor('ic', 'Avery IC', testClock());

  it('keeps every incident stored by version 2 and adds the attachments table', async () => {
    expect(STORAGE_SCHEMA_VERSION).toBeGreaterThanOrEqual(3);
    const options = freshStore();
    // A database exactly as version 2 of the library wrote it.
    const addon = yDexie({ gc: false });
    if (typeof addon !== 'function') throw new Error('y-dexie did not return an addon');
    const v2 = new Dexie(options.name!, { addons: [addon], indexedDB: options.indexedDB!, IDBKeyRange, cache: 'disabled' });
    v2.version(2).stores({ incidents: 'id, title, severity, phase, declaredAt, updatedAt, doc: Y.Doc', settings: 'key', digests: 'id' });
    await v2.open();
    const doc = new Y.Doc();
    declareIncident(doc, { id: 'old-2', title: 'Disk full on db3', severity: 'SEV2' }, ic);
    recordEntry(doc, { kind: 'fact', text: 'WAL volume at 100%' }, ic);
    await v2
      .table('incidents')
      .add({ id: 'old-2', title: 'Disk full on db3', severity: 'SEV2', phase: 'investigating', declaredAt: 1, updatedAt: 1, createdAt: 1 });
    await v2.table('$incidents.doc_updates').add({ k: 'old-2', u: Y.encodeStateAsUpdateV2(doc) });
    v2.close();

    const library = await open(options);
    const handle = await library.incidents.open('old-2');
    expect(readSnapshot(handle.doc)!.timeline.map((e) => e.text)).toContain('WAL volume at 100%');
    await handle.close();
    const { meta, bytes } = await fileOf('after the upgrade');
    await library.attachments.put('old-2', meta, bytes);
    expect(await library.attachments.has('old-2', meta.sha256)).toBe(true);
  });
});
