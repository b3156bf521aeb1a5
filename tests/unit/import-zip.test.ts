// Importing a ZIP export: the record and the attached files that match it come in; altered,
// oversized and missing files are named and left out; an archive that is not an export, is
// broken, or claims more than it may is refused before anything is inflated or written.
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX_BYTES, type AttachmentMeta, sha256Hex } from '../../src/core/attachments';
import { recordEntry } from '../../src/core/commands';
import { exportJson, exportZip, ZIP_JSON_NAME } from '../../src/core/export';
import { importProblemText } from '../../src/core/import';
import { looksLikeZip, readIncidentZip, ZIP_JSON_MAX_BYTES } from '../../src/core/importZip';
import { translator } from '../../src/core/i18n';
import { readSnapshot } from '../../src/core/read';
import { planZipImport, storeEvidence } from '../../src/renderer/features/library/importIncident';
import { IncidentSessions } from '../../src/renderer/sync/incidentSessions';
import { RoomManager } from '../../src/renderer/sync/rooms/roomManager';
import { declaredIncident } from './support/incident';
import { testLibraries } from './support/libraries';

const { freshStore, open } = testLibraries('import-zip');
const OPTIONS = { now: Date.UTC(2026, 10, 21, 12), timeZone: 'UTC' as const };

async function file(bytes: Uint8Array, name: string, type: string): Promise<{ meta: AttachmentMeta; bytes: Uint8Array }> {
  return { meta: { sha256: await sha256Hex(bytes), name, type, size: bytes.length }, bytes };
}

/** An incident with a screenshot, a log and a file this computer never had, and its ZIP export. */
async function exported() {
  const shot = await file(strToU8('a screenshot of the dashboard'), 'dashboard.png', 'image/png');
  const log = await file(strToU8('ERROR 502 upstream\n'.repeat(50)), 'edge.log', 'text/plain');
  const absent = await file(strToU8('never here'), 'absent.png', 'image/png');
  const { doc, ic } = declaredIncident();
  recordEntry(doc, { kind: 'fact', text: 'Edge returns 502s', attachments: [shot.meta, log.meta] }, ic);
  recordEntry(doc, { kind: 'note', text: 'Same screenshot again, and one from a peer', attachments: [shot.meta, absent.meta] }, ic);
  const snapshot = readSnapshot(doc)!;
  const files = new Map([
    [shot.meta.sha256, shot.bytes],
    [log.meta.sha256, log.bytes],
  ]);
  return { snapshot, shot, log, absent, zip: exportZip(snapshot, OPTIONS, files) };
}

/** The archive's members, to rebuild it altered. */
function membersOf(zip: Uint8Array): Zippable {
  return Object.fromEntries(Object.entries(unzipSync(zip)));
}

/** Overwrites the uncompressed size that the central directory claims for a member. */
function claimSize(zip: Uint8Array, member: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const name = strToU8(member);
  for (let at = 0; at + 46 < out.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(at + 28, true);
    if (nameLength === name.length && out.subarray(at + 46, at + 46 + nameLength).every((byte, i) => byte === name[i])) {
      view.setUint32(at + 24, size, true);
      return out;
    }
  }
  throw new Error(`no central directory entry for ${member}`);
}

const en = translator('en');

describe('reading a ZIP export', () => {
  it('brings back the record and every file that matches it, and names the one it never carried', async () => {
    const { snapshot, shot, log, absent, zip } = await exported();
    expect(looksLikeZip(zip)).toBe(true);
    const read = await readIncidentZip(zip);
    if (!read.ok) throw new Error(read.message);
    expect(exportJson(read.snapshot, OPTIONS)).toBe(exportJson(snapshot, OPTIONS));
    expect(read.files.map((f) => f.meta.name).sort()).toEqual(['dashboard.png', 'edge.log']);
    expect(read.files.find((f) => f.meta.sha256 === log.meta.sha256)?.bytes).toEqual(log.bytes);
    expect(read.files.find((f) => f.meta.sha256 === shot.meta.sha256)?.bytes).toEqual(shot.bytes);
    expect(read.missing.map((m) => m.sha256)).toEqual([absent.meta.sha256]);
    expect(read.rejected).toEqual([]);
  });

  it('leaves out a file whose bytes were altered, or whose size is not the recorded one', async () => {
    const { shot, log, zip } = await exported();
    const members = membersOf(zip);
    const shotPath = `attachments/${shot.meta.sha256}.png`;
    const logPath = `attachments/${log.meta.sha256}.log`;
    const altered = (members[shotPath] as Uint8Array).slice();
    altered[0] = altered[0]! ^ 0xff; // same size, other bytes
    members[shotPath] = altered;
    members[logPath] = strToU8('shorter');
    const read = await readIncidentZip(zipSync(members));
    if (!read.ok) throw new Error(read.message);
    expect(read.files).toEqual([]);
    expect(read.rejected.map(({ meta, reason }) => [meta.name, reason]).sort()).toEqual([
      ['dashboard.png', 'hash'],
      ['edge.log', 'size'],
    ]);
  });

  it('cuts a member that inflates past its claimed size at that size, and its hash refuses it', async () => {
    const { log, zip } = await exported();
    const logPath = `attachments/${log.meta.sha256}.log`;
    const read = await readIncidentZip(claimSize(zip, logPath, 10));
    if (!read.ok) throw new Error(read.message);
    expect(read.rejected.map(({ meta, reason }) => [meta.name, reason])).toEqual([['edge.log', 'size']]);
  });

  it('never inflates a member larger than an attachment may be, nor a record larger than an import may be', async () => {
    const { log, zip } = await exported();
    const logPath = `attachments/${log.meta.sha256}.log`;
    const read = await readIncidentZip(claimSize(zip, logPath, ATTACHMENT_MAX_BYTES + 1));
    if (!read.ok) throw new Error(read.message);
    expect(read.rejected.map(({ meta, reason }) => [meta.name, reason])).toEqual([['edge.log', 'tooLarge']]);
    // A record claiming 2 GB is refused as a whole before a byte of it is inflated.
    const bomb = await readIncidentZip(claimSize(zip, ZIP_JSON_NAME, 0x7fffffff));
    expect(bomb.ok).toBe(false);
    if (bomb.ok) return;
    expect(bomb.key).toBe('import.zipTooBig');
    expect(ZIP_JSON_MAX_BYTES).toBeLessThan(0x7fffffff);
    expect(importProblemText(bomb, en)).toMatch(
      /^This archive holds 2,048 MB or more; a Sitrep export is far smaller\. Nothing was imported\.$/,
    );
  });

  it('ignores members an export never writes (paths out of the archive, other files)', async () => {
    const { zip } = await exported();
    const members = membersOf(zip);
    members['../../etc/passwd'] = strToU8('root:x:0:0');
    members['attachments/../../evil.sh'] = strToU8('rm -rf /');
    members['README.txt'] = strToU8('hello');
    const read = await readIncidentZip(zipSync(members));
    if (!read.ok) throw new Error(read.message);
    expect(read.files.map((f) => f.meta.name).sort()).toEqual(['dashboard.png', 'edge.log']);
  });

  it('refuses, with a clear message, what is not a Sitrep ZIP export', async () => {
    const { snapshot, zip } = await exported();
    const cases: Array<[Uint8Array, string, RegExp]> = [
      [strToU8('{"format": "sitrep-incident"}'), 'import.notZip', /^This is not a ZIP archive\./],
      [zip.subarray(0, 200), 'import.zipUnreadable', /^This ZIP archive cannot be read \(.+\)\. Nothing was imported\.$/],
      [zipSync({ 'notes.txt': strToU8('hi') }), 'import.zipWithoutRecord', /holds no incident\.json, so it is not a Sitrep export/],
      [zipSync({ [ZIP_JSON_NAME]: strToU8('{"format": "sitrep-incident", ') }), 'import.notJsonAt', /^This file is not valid JSON/],
      [zipSync({ [ZIP_JSON_NAME]: new Uint8Array([0xff, 0xfe, 0x00]) }), 'import.notText', /must be read as text/],
    ];
    for (const [bytes, key, text] of cases) {
      const read = await readIncidentZip(bytes);
      expect(read.ok, key).toBe(false);
      if (read.ok) continue;
      expect(read.key).toBe(key);
      expect(importProblemText(read, en)).toMatch(text);
      // The reader's language, never the English, in another window.
      expect(importProblemText(read, translator('ja'))).not.toBe(importProblemText(read, en));
    }
    expect(snapshot.incident.title).toBe('Checkout errors');
  });
});

describe('importing a ZIP export into the library', () => {
  it('stores the record and its files under the incident, and says which were left out', async () => {
    const library = await open(freshStore());
    const { shot, log, absent, zip } = await exported();
    const plan = await planZipImport(library, zip);
    if (plan.kind !== 'new' || !plan.evidence) throw new Error(`unexpected plan ${plan.kind}`);
    const sessions = new IncidentSessions(library, new RoomManager(), { id: 'p-importer', name: 'Importer' });
    const id = await sessions.importSnapshot(plan.snapshot);
    const { stored, leftOut } = await storeEvidence(library.attachments, id, plan.evidence);
    expect(stored).toBe(2);
    expect(leftOut).toEqual([{ name: absent.meta.name, reason: 'missing' }]);
    expect((await library.attachments.get(id, shot.meta.sha256))?.bytes).toEqual(shot.bytes);
    expect((await library.attachments.get(id, log.meta.sha256))?.bytes).toEqual(log.bytes);
    expect(await library.attachments.has(id, absent.meta.sha256)).toBe(false);

    // The same archive again: the incident is already here, and the plan still carries its files for a copy.
    const again = await planZipImport(library, zip);
    expect(again.kind).toBe('already-here');
    expect(again.kind === 'already-here' && again.evidence?.files.length).toBe(2);
  });

  it('names a file the store refuses (a full disk) and still stores the others', async () => {
    const { shot, zip } = await exported();
    const read = await readIncidentZip(zip);
    if (!read.ok) throw new Error(read.message);
    const put: string[] = [];
    const store = {
      async put(_incident: string, meta: AttachmentMeta) {
        if (meta.sha256 === shot.meta.sha256) throw new Error('The disk is full.');
        put.push(meta.name);
      },
    };
    const { stored, leftOut } = await storeEvidence(store, 'incident-1', read);
    expect(stored).toBe(1);
    expect(put).toEqual(['edge.log']);
    expect(leftOut).toContainEqual({ name: 'dashboard.png', reason: 'notStored', detail: 'The disk is full.' });
    expect(en('import.leftOut.notStored', { ns: 'app', name: 'dashboard.png', detail: 'The disk is full.' })).toBe(
      'dashboard.png: could not be stored on this computer (The disk is full.).',
    );
  });
});
