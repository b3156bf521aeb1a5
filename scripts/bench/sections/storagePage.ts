// Page side of the storage section's write-cost and compression measures: bundled by
// storage.ts and injected next to the shared page tools (window.sitrepStorageBench).
import { Dexie } from 'dexie';
import * as Y from 'yjs';
import { newId } from '../../../src/core/ids';
import { openLibrary } from '../../../src/renderer/sync/storage';
import { readUpdateRows } from '../../../src/renderer/sync/storage/storedDocument';
import { startSev1Simulation } from '../sev1Scenario';

export interface RowWriteWindow {
  /** Commands in the document when the window started. */
  readonly commands: number;
  readonly rows: number;
  /** Per row: the command's change, its update encoded and stored, until the save indicator says saved. */
  readonly totalMs: number[];
  /** Per row: time inside the command itself (the transaction's callback), not storage. */
  readonly commandMs: number[];
  /** One more command, then whenSaved: the catalog row and the search digest (which reads the whole timeline) rewritten. */
  readonly saveWithDigestMs: number;
}

export interface StorageBench {
  /**
   * Grows one SEV1 incident (in transactions of 100 commands, not timed) and, when it holds each
   * of `sizes` commands, writes `window` commands one per transaction, each awaited until its
   * row is committed (the save indicator's "saved"), as people type.
   */
  rowWriteCost(options: { database: string; sizes: number[]; window: number }): Promise<RowWriteWindow[]>;
  /** Bytes of the stored rows, and gzip (CompressionStream) of the document's merged V2 update. */
  compressedSizes(incidentId: string, database: string): Promise<{ rows: number; stored: number; update: number; gzip: number }>;
}

declare global {
  interface Window {
    sitrepStorageBench: StorageBench;
  }
}

async function streamLength(bytes: Uint8Array, format: CompressionFormat): Promise<number> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream(format));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

const bench: StorageBench = {
  async rowWriteCost({ database, sizes, window: perWindow }) {
    const library = await openLibrary({ name: database, durability: 'relaxed' });
    if (!(await library.preferences.getProfile())) await library.preferences.saveProfile('Bench Runner');
    const handle = await library.incidents.create(newId(16));
    const wanted = [...sizes].sort((a, b) => a - b);
    const total = wanted[wanted.length - 1]! + (perWindow + 1) * wanted.length;
    const simulation = startSev1Simulation(handle.doc, { commands: total, startAt: Date.now() - 24 * 3600_000 });
    const saved = () =>
      new Promise<void>((resolve) => {
        if (handle.saveState.current().status === 'saved') return resolve();
        const stop = handle.saveState.subscribe(() => {
          if (handle.saveState.current().status !== 'saved') return;
          stop();
          resolve();
        });
      });
    const windows: RowWriteWindow[] = [];
    try {
      for (const size of wanted) {
        while (simulation.commandsRun < size) {
          const group = Math.min(100, size - simulation.commandsRun);
          handle.doc.transact(() => {
            for (let i = 0; i < group; i++) simulation.step();
          });
          if (simulation.commandsRun % 10_000 < group) await handle.whenSaved();
        }
        await handle.whenSaved();
        const totalMs: number[] = [];
        const commandMs: number[] = [];
        for (let i = 0; i < perWindow; i++) {
          const start = performance.now();
          let inside = 0;
          handle.doc.transact(() => {
            const began = performance.now();
            simulation.step();
            inside = performance.now() - began;
          });
          await saved();
          totalMs.push(performance.now() - start);
          commandMs.push(inside);
        }
        handle.doc.transact(() => simulation.step());
        const saveStart = performance.now();
        await handle.whenSaved();
        windows.push({ commands: size, rows: perWindow, totalMs, commandMs, saveWithDigestMs: performance.now() - saveStart });
      }
    } finally {
      await handle.close();
      await library.close();
    }
    return windows;
  },

  async compressedSizes(incidentId, database) {
    const db = new Dexie(database, { cache: 'disabled' });
    await db.open();
    try {
      const stored = (await db.table('$incidents.doc_updates').where('k').equals(incidentId).toArray()) as Array<{ u: Uint8Array }>;
      const doc = new Y.Doc();
      // readUpdateRows gives the rows as Yjs updates, whichever form they are stored in.
      for (const row of await readUpdateRows(db.table('$incidents.doc_updates'), incidentId)) Y.applyUpdateV2(doc, row.u);
      const update = Y.encodeStateAsUpdateV2(doc);
      doc.destroy();
      return {
        rows: stored.length,
        stored: stored.reduce((sum, row) => sum + row.u.byteLength, 0),
        update: update.byteLength,
        gzip: await streamLength(update, 'gzip'),
      };
    } finally {
      db.close();
    }
  },
};

window.sitrepStorageBench = bench;
