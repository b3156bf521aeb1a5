// Importing a JSON incident export: every field of the untrusted file is checked before
// anything is written, then the incident is written into an empty Y.Doc in one transaction.
import type * as Y from 'yjs';
import { COLLECTIONS, REVIEW_FIELDS, type CollectionName, type EpochMs, type IncidentSnapshot } from './model';
import {
  collection,
  type AuthorityRecords,
  EMPTY_AUTHORITY,
  followUpSchema,
  isEmptyAuthority,
  hypothesisSchema,
  incidentMap,
  incidentSchema,
  metaMap,
  metaSchema,
  milestoneSchema,
  personSchema,
  reviewText,
  reviewWhysMap,
  roleAssignmentSchema,
  SCHEMA_VERSION,
  stampSchemaVersion,
  systemChangeSchema,
  taskSchema,
  timelineEntrySchema,
  whyStepSchema,
  writeAuthority,
  type YRecord,
} from './schema';
import { ExportFormatError, mismatch } from './schema/codec';
import {
  COLLECTION_CODECS,
  DOCUMENT_KEYS,
  DOCUMENT_KEYS_V1,
  DOCUMENT_KEYS_V5,
  authorityCodec,
  EMPTY_REVIEW,
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  incidentCodec,
  reviewCodec,
} from './export/format';
import { findJsonSyntaxProblem } from './export/jsonSyntax';
import { refusalText, type RefusalParams } from './commands/refusals';
import { translator, type TFunction } from './i18n';

export type ParseIncidentExportResult =
  | { readonly ok: true; readonly snapshot: IncidentSnapshot; readonly exportedAt: number }
  /** `message` is the English (logs); show `importProblemText(result, t)` in the reader's language. */
  | { readonly ok: false; readonly message: string; readonly key: string; readonly params: RefusalParams };

/**
 * A file refused for what it is as a whole (not JSON, not an export, from a newer Sitrep): a
 * refusals-catalog key and parameters, its message the English. A problem with one field deep
 * inside the file stays a plain ExportFormatError: its message names the field by its JSON path,
 * which the reader's language shows within a translated sentence (refusals:import.invalid).
 */
export class ImportFormatError extends ExportFormatError {
  constructor(
    readonly key: string,
    readonly params: RefusalParams = {},
  ) {
    super(refusalText(key, params, translator('en')));
    this.name = 'ImportFormatError';
  }
}

/** Why an import was refused, in the language of `t`. */
export function importProblemText(problem: { readonly key: string; readonly params: RefusalParams }, t: TFunction): string {
  return refusalText(problem.key, problem.params, t);
}

/** What was found where an export was expected, as the parameters of the refusal (JSON values only). */
function foundParams(value: unknown): { found: string; value: string } {
  if (value === undefined) return { found: 'missing', value: '' };
  if (value === null) return { found: 'null', value: '' };
  if (Array.isArray(value)) return { found: 'list', value: '' };
  if (typeof value === 'string') return { found: 'text', value: JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value) };
  if (typeof value === 'object') return { found: 'object', value: '' };
  return { found: 'value', value: String(value) };
}

/** Transaction origin of an import, for undo managers and observers to tell it apart. */
export const IMPORT_ORIGIN = 'import';

function parseJson(text: string): unknown {
  // Editors on some systems save UTF-8 with a byte order mark; JSON.parse refuses it.
  const offset = text.startsWith('\uFEFF') ? 1 : 0;
  const body = text.slice(offset);
  try {
    return JSON.parse(body);
  } catch (error) {
    const problem = findJsonSyntaxProblem(body);
    if (problem) {
      throw new ImportFormatError('import.notJsonAt', {
        problem: problem.problem,
        line: String(problem.line),
        column: String(problem.column),
        character: String(problem.index + offset + 1),
      });
    }
    throw new ImportFormatError('import.notJson', { detail: error instanceof Error ? error.message : String(error) });
  }
}

function wholeNumber(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw mismatch(path, 'a whole number from 1 up', value);
  }
  return value;
}

function checkUniqueIds(name: string, records: ReadonlyArray<{ id: string }>): void {
  const seen = new Map<string, number>();
  records.forEach((item, index) => {
    const first = seen.get(item.id);
    if (first !== undefined) {
      throw new ExportFormatError(`${name}[${index}].id "${item.id}" is used twice (also by ${name}[${first}]); ids must be unique.`);
    }
    seen.set(item.id, index);
  });
}

function readDocument(value: unknown): { snapshot: IncidentSnapshot; exportedAt: number } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ImportFormatError('import.notAnObject', foundParams(value));
  }
  const doc = value as Record<string, unknown>;
  if (doc.format !== EXPORT_FORMAT) {
    throw new ImportFormatError('import.wrongFormat', { format: EXPORT_FORMAT, ...foundParams(doc.format) });
  }
  const formatVersion = wholeNumber(doc.formatVersion, 'formatVersion');
  if (formatVersion > EXPORT_FORMAT_VERSION) {
    throw new ImportFormatError('import.newerFormat', { version: String(formatVersion), readsUpTo: String(EXPORT_FORMAT_VERSION) });
  }
  const schemaVersion = wholeNumber(doc.schemaVersion, 'schemaVersion');
  if (schemaVersion > SCHEMA_VERSION) {
    throw new ImportFormatError('import.newerSchema', { version: String(schemaVersion), readsUpTo: String(SCHEMA_VERSION) });
  }
  // Each version has exactly its own fields; version 1 files have no review, versions before 6 no authority records.
  const keys: readonly string[] = formatVersion === 1 ? DOCUMENT_KEYS_V1 : formatVersion < 6 ? DOCUMENT_KEYS_V5 : DOCUMENT_KEYS;
  for (const key of Object.keys(doc)) {
    if (!keys.includes(key)) {
      throw new ExportFormatError(`${key} is not a field of ${EXPORT_FORMAT} version ${formatVersion}.`);
    }
  }
  if (typeof doc.exportedAt !== 'number' || !Number.isFinite(doc.exportedAt)) {
    throw mismatch('exportedAt', 'a number', doc.exportedAt);
  }
  const c = COLLECTION_CODECS;
  const snapshot: IncidentSnapshot = Object.freeze({
    schemaVersion,
    incident: incidentCodec.read(doc.incident, 'incident'),
    people: c.people.read(doc.people, 'people'),
    roles: c.roles.read(doc.roles, 'roles'),
    tasks: c.tasks.read(doc.tasks, 'tasks'),
    hypotheses: c.hypotheses.read(doc.hypotheses, 'hypotheses'),
    milestones: c.milestones.read(doc.milestones, 'milestones'),
    changes: c.changes.read(doc.changes, 'changes'),
    followUps: c.followUps.read(doc.followUps, 'followUps'),
    timeline: c.timeline.read(doc.timeline, 'timeline'),
    review: formatVersion === 1 ? EMPTY_REVIEW : reviewCodec.read(doc.review, 'review'),
    ...authorityOf(formatVersion < 6 ? EMPTY_AUTHORITY : authorityCodec.read(doc.authority, 'authority')),
  });
  for (const name of ['people', 'roles', 'tasks', 'hypotheses', 'milestones', 'changes', 'followUps', 'timeline'] as const) {
    checkUniqueIds(name, snapshot[name]);
  }
  snapshot.hypotheses.forEach((hypothesis, index) => {
    checkUniqueIds(`hypotheses[${index}].evidence`, hypothesis.evidence);
    checkUniqueIds(`hypotheses[${index}].checks`, hypothesis.checks);
  });
  checkUniqueIds('review.fiveWhys', snapshot.review.fiveWhys);
  for (const list of ['commandAssumptions', 'commandResponses', 'severityProposals', 'severityDecisions'] as const) {
    checkUniqueIds(`authority.${list}`, snapshot.authority?.[list] ?? []);
  }
  checkDurations(snapshot);
  checkReferences(snapshot);
  return { snapshot, exportedAt: doc.exportedAt };
}

/** A snapshot holds `authority` only when there is a record (as readSnapshot makes it). */
function authorityOf(records: AuthorityRecords): { authority?: AuthorityRecords } {
  return isEmptyAuthority(records) ? {} : { authority: records };
}

function checkDurations(snapshot: IncidentSnapshot): void {
  snapshot.people.forEach((person, index) => {
    if (person.dutyMsBefore < 0) {
      throw new ExportFormatError(`people[${index}].dutyMsBefore must not be negative (found ${person.dutyMsBefore}).`);
    }
  });
  snapshot.roles.forEach((tenure, index) => {
    if (tenure.endedAt !== null && tenure.endedAt < tenure.assignedAt) {
      throw new ExportFormatError(`roles[${index}].endedAt is before its assignedAt: a role cannot end before it began.`);
    }
  });
}

/**
 * References between records must land: a task assigned to no person, or testing no hypothesis,
 * would be shown and counted as if it were whole. Timeline subjects and "said by" are left out:
 * the entry reads on its own (names are copied), and may outlive what it was about.
 */
function checkReferences(snapshot: IncidentSnapshot): void {
  const people = new Set(snapshot.people.map((person) => person.id));
  const hypotheses = new Set(snapshot.hypotheses.map((hypothesis) => hypothesis.id));
  const check = (path: string, id: string | null, ids: ReadonlySet<string>, what: string, where: string) => {
    if (id !== null && !ids.has(id)) throw new ExportFormatError(`${path} ${JSON.stringify(id)} names no ${what} in ${where}.`);
  };
  for (const [i, tenure] of snapshot.roles.entries()) check(`roles[${i}].personId`, tenure.personId, people, 'person', 'people');
  for (const [i, task] of snapshot.tasks.entries()) {
    check(`tasks[${i}].assigneeId`, task.assigneeId, people, 'person', 'people');
    check(`tasks[${i}].hypothesisId`, task.hypothesisId, hypotheses, 'hypothesis', 'hypotheses');
  }
  for (const [i, hypothesis] of snapshot.hypotheses.entries())
    check(`hypotheses[${i}].ownerId`, hypothesis.ownerId, people, 'person', 'people');
  for (const [i, followUp] of snapshot.followUps.entries()) check(`followUps[${i}].ownerId`, followUp.ownerId, people, 'person', 'people');
}

/**
 * Parses and checks a JSON incident export (docs/export-format.md). Never throws: a file that
 * does not fit gets a message naming the first problem and where it is.
 */
export function parseIncidentExport(text: string): ParseIncidentExportResult {
  try {
    if (typeof text !== 'string') throw new ImportFormatError('import.notText');
    const { snapshot, exportedAt } = readDocument(parseJson(text));
    return { ok: true, snapshot, exportedAt };
  } catch (error) {
    if (error instanceof ImportFormatError) return { ok: false, message: error.message, key: error.key, params: error.params };
    if (error instanceof ExportFormatError)
      return { ok: false, message: error.message, key: 'import.invalid', params: { detail: error.message } };
    throw error;
  }
}

/** Importing into a document that is not empty; `key` and `params` say it in the reader's language (`text(t)`). */
export class ImportError extends Error {
  declare readonly key: string;
  declare readonly params: RefusalParams;

  constructor(key: string, params: RefusalParams = {}) {
    super(refusalText(key, params, translator('en')));
    this.name = 'ImportError';
    Object.defineProperty(this, 'key', { value: key });
    Object.defineProperty(this, 'params', { value: params });
  }

  text(t: TFunction): string {
    return refusalText(this.key, this.params, t);
  }
}

const byTimeThenId = <T extends { id: string; at: number }>(a: T, b: T): number => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Writes a checked snapshot into an empty document, in one transaction with origin 'import'.
 * The document takes the current schema version: the export format, not the document schema,
 * describes the file, and it was read into today's record shapes.
 */
export function importIncidentIntoDoc(doc: Y.Doc, snapshot: IncidentSnapshot, importedAt: EpochMs = Date.now()): void {
  if (incidentSchema.get(incidentMap(doc), 'id') !== '') {
    throw new ImportError('import.holdsIncident');
  }
  for (const name of COLLECTIONS) {
    if (collection(doc, name).size > 0) {
      throw new ImportError('import.holdsRecords', { collection: name });
    }
  }
  if (reviewWhysMap(doc).size > 0 || REVIEW_FIELDS.some((field) => reviewText(doc, field).length > 0)) {
    throw new ImportError('import.holdsReview');
  }
  const s = snapshot;
  doc.transact(() => {
    stampSchemaVersion(doc);
    metaSchema.set(metaMap(doc), 'importedAt', importedAt);
    incidentSchema.assign(incidentMap(doc), s.incident);
    // A validated snapshot record has exactly its schema's fields, plus its id.
    const put = <R extends { readonly id: string }>(
      name: CollectionName,
      schema: { create(values: NoInfer<R>): YRecord },
      items: readonly R[],
    ) => {
      const target = collection(doc, name);
      for (const item of items) target.set(item.id, schema.create(item));
    };
    put('people', personSchema, s.people);
    put('roles', roleAssignmentSchema, s.roles);
    put('tasks', taskSchema, s.tasks);
    put('milestones', milestoneSchema, s.milestones);
    put('changes', systemChangeSchema, s.changes);
    put('followUps', followUpSchema, s.followUps);
    put('timeline', timelineEntrySchema, s.timeline);
    const hypotheses = collection(doc, 'hypotheses');
    for (const h of s.hypotheses) {
      // Written in time order (ties by id), the order readers keep for equal times.
      const evidence = [...h.evidence].sort(byTimeThenId);
      const checks = [...h.checks].sort(byTimeThenId);
      hypotheses.set(h.id, hypothesisSchema.create({ ...h, evidence, checks }));
    }
    // Review texts into their Y.Texts; five whys keep their order keys as written.
    for (const field of REVIEW_FIELDS) {
      if (s.review[field] !== '') reviewText(doc, field).insert(0, s.review[field]);
    }
    const whys = reviewWhysMap(doc);
    for (const why of s.review.fiveWhys) whys.set(why.id, whyStepSchema.create(why));
    writeAuthority(incidentMap(doc), s.authority ?? EMPTY_AUTHORITY);
  }, IMPORT_ORIGIN);
}
