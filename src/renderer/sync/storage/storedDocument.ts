// Reads an incident's stored Yjs updates (inflating compacted rows stored compressed) and decodes
// them into a document, telling apart a damaged store and one written by a newer app from a
// document this app can open.
import * as Y from 'yjs';
import { migrateDocument, readSchemaVersion, SchemaVersionError } from '@core/schema';
import { CompressedRowError, inflateRow, inflateRowSync } from './compression';
import { newerVersionDetail } from './errors';
import type { StoredUpdateRow, UnreadableReason, UpdatesTable } from './rows';

/** Stored updates that do not decode. Carries a detail for the user-facing message. */
export class DamagedDocumentError extends Error {
  override readonly name = 'DamagedDocumentError';
}

export type DecodedDocument =
  | {
      readonly readable: true;
      readonly doc: Y.Doc;
      /** What the migration changed (null when nothing): not in storage yet, so the caller stores it. */
      readonly migration: Uint8Array | null;
    }
  | { readonly readable: false; readonly reason: UnreadableReason; readonly detail: string; readonly cause: unknown };

/**
 * An incident's update rows as stored, oldest first: compacted rows may be compressed (`c`).
 * Only IndexedDB reads, so it may run inside a Dexie transaction that goes on afterwards.
 */
export async function readStoredRows(updates: UpdatesTable, incidentId: string): Promise<StoredUpdateRow[]> {
  const rows = await updates.where('k').equals(incidentId).toArray();
  return rows.sort((a, b) => a.i - b.i);
}

/**
 * The rows with every compressed one inflated, so each `u` is a Yjs update. Throws
 * DamagedDocumentError naming a row whose compressed bytes are damaged.
 */
export async function inflateRows(rows: readonly StoredUpdateRow[]): Promise<StoredUpdateRow[]> {
  return Promise.all(
    rows.map(async (row, index) => {
      if (row.c === undefined) return row;
      const where = `stored update ${index + 1} of ${rows.length}`;
      if (!(row.u instanceof Uint8Array)) throw new DamagedDocumentError(`${where} is not binary data`);
      try {
        return { i: row.i, k: row.k, u: await inflateRow(row.u, row.c), ...(row.f === undefined ? {} : { f: row.f }) };
      } catch (error) {
        if (!(error instanceof CompressedRowError)) throw error;
        throw new DamagedDocumentError(`${where} could not be decoded: ${error.message}`, { cause: error });
      }
    }),
  );
}

/**
 * An incident's update rows, oldest first, each `u` a Yjs update whichever form it is stored in.
 * It decompresses outside IndexedDB, so inside a transaction call it last, or use
 * readStoredRows there and inflateRows after.
 */
export async function readUpdateRows(updates: UpdatesTable, incidentId: string): Promise<StoredUpdateRow[]> {
  return inflateRows(await readStoredRows(updates, incidentId));
}

/**
 * Applies stored updates to a fresh document; throws DamagedDocumentError naming the bad one.
 * Compressed rows are inflated here synchronously (for callers that read rows themselves);
 * readUpdateRows inflates them faster beforehand.
 */
export function replayUpdates(rows: readonly StoredUpdateRow[]): Y.Doc {
  const doc = new Y.Doc();
  rows.forEach((row, index) => {
    const where = `stored update ${index + 1} of ${rows.length}`;
    if (!(row.u instanceof Uint8Array)) {
      doc.destroy();
      throw new DamagedDocumentError(`${where} is not binary data`);
    }
    try {
      Y.applyUpdateV2(doc, row.c === undefined ? row.u : inflateRowSync(row.u, row.c));
    } catch (error) {
      doc.destroy();
      const reason = error instanceof Error ? error.message : String(error);
      throw new DamagedDocumentError(`${where} could not be decoded: ${reason}`, { cause: error });
    }
  });
  return doc;
}

/**
 * Decodes the stored updates into the document that will be opened, and brings it up to this
 * app's schema: one decode and one migration per open. Missing pieces (updates that wait for
 * others) do not make it unreadable: a peer may still supply them.
 */
export function decodeStoredDocument(rows: readonly StoredUpdateRow[], migrationOrigin: unknown): DecodedDocument {
  let doc: Y.Doc;
  try {
    doc = replayUpdates(rows);
  } catch (error) {
    if (!(error instanceof DamagedDocumentError)) throw error;
    return { readable: false, reason: 'damaged', detail: error.message, cause: error };
  }
  const changes: Uint8Array[] = [];
  const collect = (update: Uint8Array) => changes.push(update);
  doc.on('updateV2', collect);
  try {
    migrateDocument(doc, migrationOrigin);
  } catch (error) {
    const found = readSchemaVersion(doc);
    doc.destroy();
    if (error instanceof SchemaVersionError) {
      return { readable: false, reason: 'newer-version', detail: newerVersionDetail(found), cause: error };
    }
    const reason = error instanceof Error ? error.message : String(error);
    return { readable: false, reason: 'damaged', detail: `it could not be brought up to date: ${reason}`, cause: error };
  } finally {
    doc.off('updateV2', collect);
  }
  return { readable: true, doc, migration: changes.length === 0 ? null : Y.mergeUpdatesV2(changes) };
}
