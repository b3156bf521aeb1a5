// Reads an incident's stored Yjs updates and decodes them into a document, telling apart a
// damaged store and one written by a newer app from a document this app can open.
import * as Y from 'yjs';
import type { YUpdateRow } from 'y-dexie';
import { migrateDocument, readSchemaVersion, SchemaVersionError } from '@core/schema';
import { newerVersionDetail } from './errors';
import type { UnreadableReason, UpdatesTable } from './rows';

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

export async function readUpdateRows(updates: UpdatesTable, incidentId: string): Promise<YUpdateRow[]> {
  const rows = await updates.where('k').equals(incidentId).toArray();
  return rows.sort((a, b) => a.i - b.i);
}

/** Applies stored updates to a fresh document; throws DamagedDocumentError naming the bad one. */
export function replayUpdates(rows: readonly YUpdateRow[]): Y.Doc {
  const doc = new Y.Doc();
  rows.forEach((row, index) => {
    const where = `stored update ${index + 1} of ${rows.length}`;
    if (!(row.u instanceof Uint8Array)) {
      doc.destroy();
      throw new DamagedDocumentError(`${where} is not binary data`);
    }
    try {
      Y.applyUpdateV2(doc, row.u);
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
export function decodeStoredDocument(rows: readonly YUpdateRow[], migrationOrigin: unknown): DecodedDocument {
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
