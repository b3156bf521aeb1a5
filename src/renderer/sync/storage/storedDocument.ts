// Reads an incident's stored Yjs updates into a scratch document, to tell whether it can be
// opened before the live document (and y-dexie, which would hang on a bad update) ever sees them.
import * as Y from 'yjs';
import type { YUpdateRow } from 'y-dexie';
import { migrateDocument, readSchemaVersion, SchemaVersionError } from '@core/schema';
import type { UnreadableReason } from './database';
import type { UpdatesTable } from './database';
import { newerVersionDetail } from './errors';

/** Stored updates that do not decode. Carries a detail for the user-facing message. */
export class DamagedDocumentError extends Error {
  override readonly name = 'DamagedDocumentError';
}

export type StoredDocumentCheck =
  | { readonly readable: true; readonly updateCount: number }
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
 * Whether the stored document can be opened by this app: every update decodes and the schema
 * is not newer than the app's. Missing pieces (updates that wait for others) do not make it
 * unreadable: a peer may still supply them.
 */
export function inspectStoredDocument(rows: readonly YUpdateRow[]): StoredDocumentCheck {
  let doc: Y.Doc;
  try {
    doc = replayUpdates(rows);
  } catch (error) {
    if (!(error instanceof DamagedDocumentError)) throw error;
    return { readable: false, reason: 'damaged', detail: error.message, cause: error };
  }
  try {
    migrateDocument(doc, 'storage-check');
    return { readable: true, updateCount: rows.length };
  } catch (error) {
    if (error instanceof SchemaVersionError) {
      return { readable: false, reason: 'newer-version', detail: newerVersionDetail(readSchemaVersion(doc)), cause: error };
    }
    const reason = error instanceof Error ? error.message : String(error);
    return { readable: false, reason: 'damaged', detail: `it could not be brought up to date: ${reason}`, cause: error };
  } finally {
    doc.destroy();
  }
}
