// The one place that declares how an incident is laid out in its Y.Doc: every top-level shared
// type, what each holds, the schema version and its migrations. Nothing else calls
// `doc.getMap` or `doc.getText`.
//
// Layout: a `meta` map (schema version), an `incident` map of scalar fields (plus severity
// change records under their own keys), one top-level Y.Map per collection keyed by random id,
// each record a Y.Map so that two people editing different fields of one record at once both
// keep their edit, the room policy's maps, and the review's types. Times are UTC epoch ms.
import * as Y from 'yjs';
import type { CollectionName, ReviewField } from '../model';
import type { YRecord } from './fields';
import { metaSchema } from './incident';

export const SCHEMA_VERSION = 1;

export type YCollection = Y.Map<YRecord>;

/*
 * Every top-level shared type of an incident document, and what it holds (each has its
 * accessor below; nothing else opens one):
 *   meta: map: schemaVersion and importedAt (metaSchema)
 *   incident: map: the incident fields (incidentSchema) and `severityChange/<id>` values (severityChangeSchema)
 *     and the authority records (authority.ts): `commandAssumption/`, `commandResponse/`, `severityProposal/`, `severityDecision/`
 *   people: collection of personSchema
 *   roles: collection of roleAssignmentSchema
 *   tasks: collection of taskSchema
 *   hypotheses: collection of hypothesisSchema (evidence and checks nested)
 *   milestones: collection of milestoneSchema
 *   changes: collection of systemChangeSchema
 *   followUps: collection of followUpSchema
 *   updates: collection of statusUpdateSchema
 *   timeline: collection of timelineEntrySchema
 *   handoffs: collection of commandHandoffSchema
 *   policy: map: policySchema
 *   escalationRules: collection of escalationRuleSchema
 *   escalationAcks: collection of escalationAckSchema, keyed by rule id
 *   review: map: review bookkeeping (reviewRecordedKey)
 *   reviewWhys: collection of whyStepSchema
 *   review.<field>: Y.Text per review field (REVIEW_FIELDS)
 */

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('meta');
}

export function incidentMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('incident');
}

export function collection(doc: Y.Doc, name: CollectionName): YCollection {
  return doc.getMap(name) as YCollection;
}

export function policyMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('policy');
}

export function escalationRulesMap(doc: Y.Doc): YCollection {
  return doc.getMap('escalationRules') as YCollection;
}

export function escalationAcksMap(doc: Y.Doc): YCollection {
  return doc.getMap('escalationAcks') as YCollection;
}

export function reviewMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('review');
}

export function reviewWhysMap(doc: Y.Doc): YCollection {
  return doc.getMap('reviewWhys') as YCollection;
}

export function reviewText(doc: Y.Doc, field: ReviewField): Y.Text {
  return doc.getText(`review.${field}`);
}

/** When the incident was imported from a file, or null for one declared or joined here. */
export function readImportedAt(doc: Y.Doc): number | null {
  return metaSchema.get(metaMap(doc), 'importedAt');
}

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

/** Stamps a new document with the current schema version. */
export function stampSchemaVersion(doc: Y.Doc): void {
  metaMap(doc).set('schemaVersion', SCHEMA_VERSION);
}

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
    stampSchemaVersion(doc);
  }, origin);
}

/**
 * An untyped record from a plain object. Only for tests and tools that must build records the
 * schema would refuse (a peer's malformed record); the app writes through the typed writers.
 */
export function newRecord(fields: Record<string, unknown>): YRecord {
  const record = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) record.set(key, value);
  return record;
}
