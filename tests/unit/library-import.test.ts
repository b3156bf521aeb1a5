// Importing a JSON export into the library: a bad or future file creates nothing, an incident
// already here is never overwritten, a copy gets its own id, and the round trip is exact.
import { describe, expect, it } from 'vitest';
import { exportJson } from '@core/export';
import { readSnapshot } from '@core/read';
import { copyOf, planImport } from '../../src/renderer/features/library/importIncident';
import { IncidentSessions } from '../../src/renderer/sync/incidentSessions';
import { RoomManager } from '../../src/renderer/sync/rooms/roomManager';
import type { IncidentLibrary } from '../../src/renderer/sync/storage';
import { checkoutOutage, EXPORTED_AT } from '../fixtures/incident-checkout-outage';
import { testLibraries } from './support/libraries';

const { freshStore, open } = testLibraries('library-import');
const file = exportJson(checkoutOutage, { now: EXPORTED_AT });

function sessionsOn(library: IncidentLibrary): IncidentSessions {
  return new IncidentSessions(library, new RoomManager(), { id: 'p-importer', name: 'Importer' });
}

describe('import into the library', () => {
  it('imports a new incident under its own id; exporting it again gives the same file', async () => {
    const library = await open(freshStore());
    const plan = await planImport(library, file);
    expect(plan.kind).toBe('new');
    if (plan.kind !== 'new') return;
    const id = await sessionsOn(library).importSnapshot(plan.snapshot);
    expect(id).toBe(checkoutOutage.incident.id);
    const [entry] = await library.incidents.list();
    expect(entry).toMatchObject({ id, title: checkoutOutage.incident.title, severity: 'SEV1', phase: 'resolved' });
    // Searchable at once: the digest was written when the import was saved.
    expect((await library.searchDigests.list()).map((d) => d.id)).toEqual([id]);
    const handle = await library.incidents.open(id);
    try {
      expect(exportJson(readSnapshot(handle.doc)!, { now: EXPORTED_AT })).toBe(file);
    } finally {
      await handle.close();
    }
  });

  it('refuses a malformed file and a file from a newer Sitrep, and creates nothing', async () => {
    const library = await open(freshStore());
    const broken = await planImport(library, file.slice(0, 200));
    expect(broken).toEqual({ kind: 'refused', message: expect.stringMatching(/^This file is not valid JSON/) });
    const future = await planImport(library, file.replace(/"formatVersion": \d+/, '"formatVersion": 99'));
    expect(future).toEqual({ kind: 'refused', message: expect.stringMatching(/newer Sitrep.*Update Sitrep to import it/) });
    const notOurs = await planImport(library, '{"hello": "world"}');
    expect(notOurs.kind).toBe('refused');
    expect(await library.incidents.list()).toEqual([]);
  });

  it('never overwrites an incident that is already here: it offers a copy with a new id', async () => {
    const library = await open(freshStore());
    const first = await planImport(library, file);
    if (first.kind !== 'new') throw new Error('expected a new import');
    await sessionsOn(library).importSnapshot(first.snapshot);

    const again = await planImport(library, file);
    expect(again).toMatchObject({ kind: 'already-here', existingTitle: checkoutOutage.incident.title });
    if (again.kind !== 'already-here') return;
    await expect(sessionsOn(library).importSnapshot(again.snapshot)).rejects.toThrow(/already/);
    expect(await library.incidents.list()).toHaveLength(1);

    const copyId = await sessionsOn(library).importSnapshot(copyOf(again.snapshot));
    expect(copyId).not.toBe(checkoutOutage.incident.id);
    const titles = (await library.incidents.list()).map((e) => e.title).sort();
    expect(titles).toEqual([checkoutOutage.incident.title, `${checkoutOutage.incident.title} (copy)`]);
    const copy = await library.incidents.open(copyId);
    try {
      const snapshot = readSnapshot(copy.doc)!;
      expect(snapshot.incident.id).toBe(copyId);
      expect(snapshot.timeline).toEqual(checkoutOutage.timeline.slice().sort((a, b) => a.at - b.at || a.seq - b.seq));
    } finally {
      await copy.close();
    }
  });
});
