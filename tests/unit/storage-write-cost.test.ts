// Writing an edit costs the same in hour one and hour twenty: storing a change adds one row and
// reads nothing back, however many rows the incident already has. (y-dexie's document observer,
// no longer used, re-read the stored rows after every write; the bench measures the time, this
// guards the shape without depending on the machine's speed.)
import { IDBIndex, IDBObjectStore } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { declareIncident, recordEntry } from '@core/commands';
import type { OpenIncident } from '../../src/renderer/sync/storage';
import { actor, testClock } from './support/incident';
import { testLibraries } from './support/libraries';

const UPDATES = '$incidents.doc_updates';
const { freshStore, open } = testLibraries('storage-write-cost');
const clock = testClock();
const ic = actor('ic', 'Avery IC', clock);

const READS = ['get', 'getAll', 'getAllKeys', 'getKey', 'count', 'openCursor', 'openKeyCursor'] as const;

/** Counts read requests against the updates table (its object store and its indexes) while `run` runs. */
async function updateTableReads(run: () => Promise<void>): Promise<number> {
  let reads = 0;
  type Method = (this: IDBObjectStore | IDBIndex, ...args: unknown[]) => unknown;
  const restores: Array<() => void> = [];
  for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype] as unknown as Array<Record<string, Method>>) {
    for (const method of READS) {
      const original = proto[method]!;
      proto[method] = function (this: IDBObjectStore | IDBIndex, ...args: unknown[]) {
        const store = this instanceof IDBIndex ? this.objectStore : this;
        if (store.name === UPDATES) reads += 1;
        return original.apply(this, args);
      };
      restores.push(() => {
        proto[method] = original;
      });
    }
  }
  try {
    await run();
  } finally {
    for (const restore of restores) restore();
  }
  return reads;
}

function whenSavedIndicator(handle: OpenIncident): Promise<void> {
  return new Promise((resolve) => {
    if (handle.saveState.current().status === 'saved') return resolve();
    const stop = handle.saveState.subscribe(() => {
      if (handle.saveState.current().status !== 'saved') return;
      stop();
      resolve();
    });
  });
}

/** `count` notes, one transaction (one stored row) each, each awaited until the indicator says saved. */
async function typeNotes(handle: OpenIncident, count: number, prefix: string): Promise<void> {
  for (let i = 0; i < count; i++) {
    recordEntry(handle.doc, { kind: 'note', text: `${prefix} ${i}` }, ic);
    await whenSavedIndicator(handle);
  }
}

describe('the cost of one stored edit', () => {
  it('adds one row per edit and reads no stored rows back, early or after a thousand rows', async () => {
    // The catalog row and the digest follow on their own timers; kept out of the window here.
    const library = await open(freshStore({ catalogThrottleMs: 3_600_000 }));
    const handle = await library.incidents.create('long-day');
    declareIncident(handle.doc, { id: 'long-day', title: 'Payments failing', severity: 'SEV1' }, ic);
    await handle.whenSaved();

    const rowsAtStart = await library.incidents.storedUpdateCount('long-day');
    const early = await updateTableReads(() => typeNotes(handle, 20, 'early'));
    expect(await library.incidents.storedUpdateCount('long-day')).toBe(rowsAtStart + 20);

    await typeNotes(handle, 1_000, 'filler');
    const rowsLater = await library.incidents.storedUpdateCount('long-day');
    const late = await updateTableReads(() => typeNotes(handle, 20, 'late'));
    expect(await library.incidents.storedUpdateCount('long-day')).toBe(rowsLater + 20);

    expect({ early, late }).toEqual({ early: 0, late: 0 });
    // The count does see reads of the table: a plain row count is one.
    const counting = await updateTableReads(async () => {
      await library.incidents.storedUpdateCount('long-day');
    });
    expect(counting).toBeGreaterThan(0);
  }, 60_000);
});
