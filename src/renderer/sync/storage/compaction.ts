// Merges an incident's stored updates into one row, so opening it costs the size of the
// document rather than the number of edits ever made; the merged row is stored compressed.
import * as Y from 'yjs';
import { canCompress, COMPRESSED_FORMAT, compressUpdate } from './compression';
import type { SitrepDatabase } from './database';
import type { NewUpdateRow, UpdatesTable } from './rows';
import { inflateRows, readStoredRows, replayUpdates } from './storedDocument';

export interface CompactionResult {
  /** Stored update rows before and after. */
  readonly before: number;
  readonly after: number;
}

/**
 * Replaces the incident's update rows with one merged, compressed update. The rows are read in
 * one transaction and merged and compressed outside it (compression is no IndexedDB request, so
 * a transaction waiting for it would commit early); a second transaction then swaps exactly the
 * rows that were read, so edits stored meanwhile stay, after it. Damaged updates throw
 * DamagedDocumentError and leave every row as it was. A lone row already compressed is left
 * alone; a lone plain one (compacted before compression existed) is compressed.
 */
export async function compactStoredUpdates(db: SitrepDatabase, updates: UpdatesTable, incidentId: string): Promise<CompactionResult> {
  const stored = await db.transaction('r', updates, () => readStoredRows(updates, incidentId));
  const alreadyCompact = stored.length === 1 && (stored[0]!.c !== undefined || !canCompress());
  if (stored.length === 0 || alreadyCompact) return { before: stored.length, after: stored.length };
  const merged = replayUpdates(await inflateRows(stored));
  const update = Y.encodeStateAsUpdateV2(merged);
  merged.destroy();
  return replaceRows(
    db,
    updates,
    incidentId,
    stored.map((row) => row.i),
    update,
  );
}

/**
 * Compaction on open, from the document just decoded, so that the rows are not read and decoded
 * a second time: replaces the rows that were read with `state` (compressed), unless some of them
 * are gone since (another compaction ran); rows stored meanwhile stay after it.
 */
export function compactDecodedUpdates(
  db: SitrepDatabase,
  updates: UpdatesTable,
  incidentId: string,
  readIds: readonly number[],
  state: Uint8Array,
): Promise<CompactionResult> {
  return replaceRows(db, updates, incidentId, readIds, state);
}

/**
 * One transaction: puts the merged update under the highest id it replaces (so the row order,
 * and a search digest's `through`, stay true) and deletes the other rows read.
 */
async function replaceRows(
  db: SitrepDatabase,
  updates: UpdatesTable,
  incidentId: string,
  readIds: readonly number[],
  update: Uint8Array,
): Promise<CompactionResult> {
  const compressed = canCompress() ? await compressUpdate(update) : null;
  const last = Math.max(...readIds);
  const row: NewUpdateRow & { i: number } =
    compressed && compressed.byteLength < update.byteLength
      ? { i: last, k: incidentId, u: compressed, c: COMPRESSED_FORMAT }
      : { i: last, k: incidentId, u: update };
  return db.transaction('rw', updates, async () => {
    const stored = new Set(await updates.where('k').equals(incidentId).primaryKeys());
    const before = stored.size;
    if (readIds.length === 0 || !readIds.every((id) => stored.has(id))) return { before, after: before };
    await updates.put(row);
    await updates.bulkDelete(readIds.filter((id) => id !== last));
    return { before, after: before - readIds.length + 1 };
  });
}

export async function countStoredUpdates(updates: UpdatesTable, incidentId: string): Promise<number> {
  return updates.where('k').equals(incidentId).count();
}
