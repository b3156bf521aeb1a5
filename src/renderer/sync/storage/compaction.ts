// Merges an incident's stored updates into one row, so opening it costs the size of the
// document rather than the number of edits ever made.
import * as Y from 'yjs';
import type { SitrepDatabase } from './database';
import type { UpdatesTable } from './rows';
import { readUpdateRows, replayUpdates } from './storedDocument';

export interface CompactionResult {
  /** Stored update rows before and after. */
  readonly before: number;
  readonly after: number;
}

/**
 * Replaces the incident's update rows with one merged update, in one transaction: either all
 * rows are merged or none are touched. The merged row takes the highest id of the rows it
 * replaces, as y-dexie's own compression does, so an open document's observer (which reads
 * rows above the last id it saw) never treats it as new. Damaged updates make the transaction
 * fail (DamagedDocumentError) and leave every row as it was.
 */
export function compactStoredUpdates(db: SitrepDatabase, updates: UpdatesTable, incidentId: string): Promise<CompactionResult> {
  return db.transaction('rw', updates, async () => {
    const rows = await readUpdateRows(updates, incidentId);
    if (rows.length <= 1) return { before: rows.length, after: rows.length };
    const merged = replayUpdates(rows);
    const update = Y.encodeStateAsUpdateV2(merged);
    merged.destroy();
    const last = rows[rows.length - 1]!;
    await updates.put({ i: last.i, k: incidentId, u: update });
    await updates.bulkDelete(rows.slice(0, -1).map((row) => row.i));
    return { before: rows.length, after: 1 };
  });
}

/**
 * Compaction on open, from the document just decoded, so that the rows are not read and decoded
 * a second time: replaces the rows that were read with `state`, in one transaction, unless the
 * stored rows changed since they were read (then it leaves them for the compaction on close).
 */
export function compactDecodedUpdates(
  db: SitrepDatabase,
  updates: UpdatesTable,
  incidentId: string,
  readIds: readonly number[],
  state: Uint8Array,
): Promise<CompactionResult> {
  return db.transaction('rw', updates, async () => {
    const stored = (await updates.where('k').equals(incidentId).primaryKeys()).sort((a, b) => a - b);
    const unchanged = stored.length === readIds.length && stored.every((id, index) => id === readIds[index]);
    if (!unchanged || stored.length <= 1) return { before: stored.length, after: stored.length };
    await updates.put({ i: stored[stored.length - 1]!, k: incidentId, u: state });
    await updates.bulkDelete(stored.slice(0, -1));
    return { before: stored.length, after: 1 };
  });
}

export async function countStoredUpdates(updates: UpdatesTable, incidentId: string): Promise<number> {
  return updates.where('k').equals(incidentId).count();
}
