// Reads turn the Y.Doc into plain, frozen records. Each record is read by its schema
// (./schema), field by field and defensively: a record that arrived from a peer with a missing
// or mistyped field still reads, with a safe default, so one bad record can never break a screen.
import * as Y from 'yjs';
import { REVIEW_FIELDS, type IncidentInfo, type IncidentReview, type IncidentSnapshot, type TimelineEntry, type WhyStep } from './model';
import {
  COLLECTION_SCHEMAS,
  collection,
  incidentMap,
  incidentSchema,
  isEmptyAuthority,
  readAuthority,
  readSchemaVersion,
  reviewText,
  reviewWhysMap,
  whyStepSchema,
  type YRecord,
} from './schema';

export function readIncidentInfo(doc: Y.Doc): IncidentInfo | null {
  const info = incidentSchema.readFields(incidentMap(doc));
  return info.id === '' ? null : Object.freeze(info);
}

export type ReadableCollection = keyof typeof COLLECTION_SCHEMAS;
export const READABLE_COLLECTIONS = Object.freeze(Object.keys(COLLECTION_SCHEMAS) as ReadableCollection[]);
export type RecordOf<C extends ReadableCollection> = ReturnType<(typeof COLLECTION_SCHEMAS)[C]['read']>;

export function readRecord<C extends ReadableCollection>(name: C, id: string, record: YRecord): RecordOf<C> {
  return COLLECTION_SCHEMAS[name].read(id, record) as RecordOf<C>;
}

/** Timeline order: when it happened, then the order it was written, then id for a total order. */
export function compareEntries(a: TimelineEntry, b: TimelineEntry): number {
  return a.at - b.at || a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The natural order of each collection, so every reader lists records the same way. */
export const COLLECTION_ORDER: { [C in ReadableCollection]: (a: RecordOf<C>, b: RecordOf<C>) => number } = {
  people: (a, b) => a.joinedAt - b.joinedAt || a.id.localeCompare(b.id),
  // Within one millisecond (a handover), the tenure that ended comes before the one that began.
  roles: (a, b) => a.assignedAt - b.assignedAt || Number(a.endedAt === null) - Number(b.endedAt === null) || a.id.localeCompare(b.id),
  tasks: (a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id),
  hypotheses: (a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id),
  milestones: (a, b) => a.at - b.at || a.id.localeCompare(b.id),
  changes: (a, b) => a.at - b.at || a.id.localeCompare(b.id),
  followUps: (a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id),
  updates: (a, b) => a.postedAt - b.postedAt || a.id.localeCompare(b.id),
  timeline: compareEntries,
  handoffs: (a, b) => a.offeredAt - b.offeredAt || a.id.localeCompare(b.id),
};

export function readCollection<C extends ReadableCollection>(doc: Y.Doc, name: C): readonly RecordOf<C>[] {
  const records: RecordOf<C>[] = [];
  collection(doc, name).forEach((record, id) => {
    if (record instanceof Y.Map) records.push(readRecord(name, id, record));
  });
  records.sort(COLLECTION_ORDER[name]);
  return Object.freeze(records);
}

export function readWhyStep(id: string, r: YRecord): WhyStep {
  return whyStepSchema.read(id, r);
}

/** Five-whys order: by fractional index, then id, compared by code unit so every runtime agrees. */
export function compareWhySteps(a: WhyStep, b: WhyStep): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The review; every field reads as empty until someone writes it. */
export function readReview(doc: Y.Doc): IncidentReview {
  const fiveWhys: WhyStep[] = [];
  reviewWhysMap(doc).forEach((record, id) => {
    if (record instanceof Y.Map) fiveWhys.push(readWhyStep(id, record));
  });
  fiveWhys.sort(compareWhySteps);
  const texts = Object.fromEntries(REVIEW_FIELDS.map((field) => [field, reviewText(doc, field).toString()]));
  return Object.freeze({ ...(texts as Record<(typeof REVIEW_FIELDS)[number], string>), fiveWhys: Object.freeze(fiveWhys) });
}

/** Reads the whole document. Returns null for a document with no declared incident. */
export function readSnapshot(doc: Y.Doc): IncidentSnapshot | null {
  const incident = readIncidentInfo(doc);
  if (!incident) return null;
  const authority = readAuthority(incidentMap(doc));
  return Object.freeze({
    schemaVersion: readSchemaVersion(doc),
    incident,
    people: readCollection(doc, 'people'),
    roles: readCollection(doc, 'roles'),
    tasks: readCollection(doc, 'tasks'),
    hypotheses: readCollection(doc, 'hypotheses'),
    milestones: readCollection(doc, 'milestones'),
    changes: readCollection(doc, 'changes'),
    followUps: readCollection(doc, 'followUps'),
    timeline: readCollection(doc, 'timeline'),
    review: readReview(doc),
    // Present only when there is a record, so a snapshot without any equals one made without them.
    ...(isEmptyAuthority(authority) ? {} : { authority }),
  });
}
