// The one place that declares how an incident is laid out in its Y.Doc.
//
// Layout: a `meta` map (schema version, incident id), an `incident` map of scalar fields, and
// one top-level Y.Map per collection keyed by random id, each record a Y.Map so that two
// people editing different fields of one record at once both keep their edit. Hypotheses hold
// their evidence and checks as nested Y.Maps of Y.Maps for the same reason. Times are UTC
// epoch milliseconds.
import * as Y from 'yjs';
import type { CollectionName, ReviewField } from './model';

export const SCHEMA_VERSION = 1;

export type YRecord = Y.Map<unknown>;
export type YCollection = Y.Map<YRecord>;

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('meta');
}

export function incidentMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('incident');
}

export function collection(doc: Y.Doc, name: CollectionName): YCollection {
  return doc.getMap(name) as YCollection;
}

/**
 * The review lives in top-level types, not inside one map: a Y.Text nested in a map and created
 * by two peers at once (both offline, both generating the draft) would keep only one of them,
 * whereas top-level types of the same name are the same type on every peer. `review` holds
 * bookkeeping (when each person last had an edit recorded), `reviewWhys` the five whys (records
 * whose question and answer are Y.Texts), and each free-text field is its own Y.Text.
 */
export function reviewMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('review');
}

export function reviewWhysMap(doc: Y.Doc): YCollection {
  return doc.getMap('reviewWhys') as YCollection;
}

export function reviewText(doc: Y.Doc, field: ReviewField): Y.Text {
  return doc.getText(`review.${field}`);
}

/** Names of the top-level shared types, for telling which ones a transaction touched. */
export const TOP_LEVEL_NAMES = ['meta', 'incident'] as const;

export function readSchemaVersion(doc: Y.Doc): number {
  const value = metaMap(doc).get('schemaVersion');
  return typeof value === 'number' ? value : 0;
}

export class SchemaVersionError extends Error {
  constructor(readonly found: number) {
    super(
      `This incident was written by a newer version of Sitrep (document schema ${found}; this app reads up to ${SCHEMA_VERSION}). Update Sitrep to open it.`,
    );
    this.name = 'SchemaVersionError';
  }
}

/**
 * Migrations from version N-1 to N, applied in order inside one transaction.
 * Version 1 is the first; a later schema appends `{ to: 2, run(doc) {...} }` here.
 */
const MIGRATIONS: ReadonlyArray<{ to: number; run: (doc: Y.Doc) => void }> = [];

/**
 * Brings a loaded document up to the current schema. An empty document (a new incident not
 * yet declared, or one still waiting for its first sync) is left alone. Throws
 * SchemaVersionError for a document from a newer app, so it is never half-read.
 */
export function migrateDocument(doc: Y.Doc, origin: unknown = 'migration'): void {
  const found = readSchemaVersion(doc);
  if (found > SCHEMA_VERSION) throw new SchemaVersionError(found);
  if (found === 0 || found === SCHEMA_VERSION) return;
  doc.transact(() => {
    for (const migration of MIGRATIONS) {
      if (migration.to > found) migration.run(doc);
    }
    metaMap(doc).set('schemaVersion', SCHEMA_VERSION);
  }, origin);
}

export function newRecord(fields: Record<string, unknown>): YRecord {
  const record = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) record.set(key, value);
  return record;
}
