// Bundled into a blank page of the app's origin by the browser sections: seeds incidents through
// the real storage and commands, reads them back the raw way (the baseline), and simulates a
// long SEV1 command by command. Exposed as window.sitrepBench.
import { Dexie } from 'dexie';
import * as Y from 'yjs';
import { readSnapshot } from '../../../src/core/read';
import { collection } from '../../../src/core/schema';
import { createIncidentStore } from '../../../src/core/store';
import { declareIncident, recordEntry } from '../../../src/core/commands';
import { newId } from '../../../src/core/ids';
import { openLibrary } from '../../../src/renderer/sync/storage';
import type { StoredUpdateRow } from '../../../src/renderer/sync/storage/rows';
import { inflateRows } from '../../../src/renderer/sync/storage/storedDocument';
import { simulateTimeline, startSev1Simulation } from '../sev1Scenario';

/** y-dexie's table for the `doc` property of the `incidents` table. */
const UPDATES_TABLE = '$incidents.doc_updates';

export interface RawOpen {
  readonly ms: number;
  readonly rows: number;
  readonly bytes: number;
  readonly timelineEntries: number;
}

export interface StoredSize {
  readonly rows: number;
  readonly bytes: number;
}

export interface SimulationCheckpoint extends StoredSize {
  readonly commands: number;
  /** Wall time spent issuing and saving the commands so far. */
  readonly elapsedMs: number;
}

export interface LibraryOpen {
  readonly ms: number;
  readonly timelineEntries: number;
  readonly rowsBefore: number;
}

export interface SitrepBench {
  /** `notesOnly`: the timeline holds nothing but notes (no tasks, hypotheses or changes). */
  seedIncident(entries: number, title: string, database?: string, notesOnly?: boolean): Promise<string>;
  rawOpen(incidentId: string, database?: string): Promise<RawOpen>;
  storedSize(incidentId: string, database?: string): Promise<StoredSize>;
  /** Encoded sizes of the incident as one document: V1 (Y.encodeStateAsUpdate) and V2. */
  encodedSize(incidentId: string, database?: string): Promise<{ v1: number; v2: number; json: number }>;
  simulateSev1(options: {
    database: string;
    commands: number;
    checkpoints: number[];
    saveEvery: number;
    commandsPerTransaction: number;
  }): Promise<{ incidentId: string; checkpoints: SimulationCheckpoint[] }>;
  openWithLibrary(incidentId: string, database?: string): Promise<LibraryOpen>;
  compact(incidentId: string, database?: string): Promise<StoredSize>;
}

declare global {
  interface Window {
    sitrepBench: SitrepBench;
  }
}

async function rawDatabase(name: string): Promise<Dexie> {
  // Dexie's dynamic mode: no declared schema, the stored one is read as it is.
  const db = new Dexie(name, { cache: 'disabled' });
  await db.open();
  return db;
}

async function rows(name: string, incidentId: string): Promise<StoredUpdateRow[]> {
  const db = await rawDatabase(name);
  try {
    const found = (await db.table(UPDATES_TABLE).where('k').equals(incidentId).toArray()) as StoredUpdateRow[];
    return found.sort((a, b) => a.i - b.i);
  } finally {
    db.close();
  }
}

const bench: SitrepBench = {
  async seedIncident(entries, title, database, notesOnly = false) {
    const library = await openLibrary({ ...(database ? { name: database } : {}), durability: 'relaxed' });
    if (!(await library.preferences.getProfile())) await library.preferences.saveProfile('Bench Runner');
    const id = newId(16);
    const handle = await library.incidents.create(id);
    // One transaction: the seed is not what is measured (see simulateSev1 for the realistic path).
    handle.doc.transact(() => {
      const startAt = Date.now() - 24 * 3600_000;
      if (!notesOnly) return void simulateTimeline(handle.doc, { entries, title, startAt });
      let clock = startAt;
      const me = { id: 'bench-scribe', name: 'Bench Scribe', now: () => clock };
      declareIncident(handle.doc, { title, severity: 'SEV1', startedAt: startAt }, me);
      // Declaring records its own entries; the notes make up the rest.
      for (let i = collection(handle.doc, 'timeline').size; i < entries; i++) {
        clock += 8_000;
        recordEntry(
          handle.doc,
          { kind: 'note', text: `Note ${i}: ${'observed error rate and latency on payments-api; '.repeat(1 + (i % 3))}` },
          me,
        );
      }
    });
    await handle.whenSaved();
    await handle.close();
    await library.close();
    return id;
  },

  async rawOpen(incidentId, database = 'sitrep') {
    const start = performance.now();
    const stored = await rows(database, incidentId);
    const doc = new Y.Doc();
    // Compacted rows are stored gzip-compressed: the raw way inflates them too.
    for (const row of await inflateRows(stored)) Y.applyUpdateV2(doc, row.u);
    const timelineEntries = doc.getMap('timeline').size;
    const ms = performance.now() - start;
    doc.destroy();
    return { ms, rows: stored.length, bytes: stored.reduce((sum, row) => sum + row.u.byteLength, 0), timelineEntries };
  },

  async storedSize(incidentId, database = 'sitrep') {
    const stored = await rows(database, incidentId);
    return { rows: stored.length, bytes: stored.reduce((sum, row) => sum + row.u.byteLength, 0) };
  },

  async encodedSize(incidentId, database = 'sitrep') {
    const doc = new Y.Doc();
    for (const row of await inflateRows(await rows(database, incidentId))) Y.applyUpdateV2(doc, row.u);
    const sizes = {
      v1: Y.encodeStateAsUpdate(doc).byteLength,
      v2: Y.encodeStateAsUpdateV2(doc).byteLength,
      json: new TextEncoder().encode(JSON.stringify(readSnapshot(doc))).byteLength,
    };
    doc.destroy();
    return sizes;
  },

  async simulateSev1({ database, commands, checkpoints, saveEvery, commandsPerTransaction }) {
    const library = await openLibrary({ name: database, durability: 'relaxed' });
    if (!(await library.preferences.getProfile())) await library.preferences.saveProfile('Bench Runner');
    const id = newId(16);
    const handle = await library.incidents.create(id);
    const simulation = startSev1Simulation(handle.doc, { commands, startAt: Date.now() - 24 * 3600_000 });
    const results: SimulationCheckpoint[] = [];
    const start = performance.now();
    const wanted = [...checkpoints].sort((a, b) => a - b);
    // With commandsPerTransaction = 1 every command is its own transaction, so its own stored
    // row, as when people type at their own pace; the wait for the disk every `saveEvery`
    // commands keeps the burst bounded.
    while (simulation.commandsRun < commands) {
      const group = Math.min(
        commandsPerTransaction,
        commands - simulation.commandsRun,
        (wanted[0] ?? commands) - simulation.commandsRun || 1,
      );
      handle.doc.transact(() => {
        for (let i = 0; i < group; i++) simulation.step();
      });
      const done = simulation.commandsRun;
      if (done % saveEvery < group || done === commands || done === wanted[0]) await handle.whenSaved();
      if (done === wanted[0]) {
        wanted.shift();
        const size = await bench.storedSize(id, database);
        results.push({ commands: done, elapsedMs: performance.now() - start, ...size });
      }
    }
    await handle.whenSaved();
    // Leave the rows as a crash would: no close, so no compaction. The page is discarded next.
    return { incidentId: id, checkpoints: results };
  },

  async openWithLibrary(incidentId, database = 'sitrep') {
    const rowsBefore = (await bench.storedSize(incidentId, database)).rows;
    const library = await openLibrary({ name: database, durability: 'relaxed' });
    const start = performance.now();
    const handle = await library.incidents.open(incidentId);
    const store = createIncidentStore(handle.doc);
    const timelineEntries = store.get('timeline').length;
    const ms = performance.now() - start;
    store.destroy();
    await handle.close();
    await library.close();
    return { ms, timelineEntries, rowsBefore };
  },

  async compact(incidentId, database = 'sitrep') {
    const library = await openLibrary({ name: database, durability: 'relaxed' });
    await library.incidents.compact(incidentId);
    await library.close();
    return bench.storedSize(incidentId, database);
  },
};

window.sitrepBench = bench;
