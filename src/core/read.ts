// Reads turn the Y.Doc into plain, frozen records. Every field is read defensively: a record
// that arrived from a peer with a missing or mistyped field still reads, with a safe default,
// so one bad record can never break a screen.
import * as Y from 'yjs';
import {
  CHANGE_STATES,
  CHECK_OUTCOMES,
  COLLECTIONS,
  EVIDENCE_STANCES,
  FOLLOW_UP_PRIORITIES,
  FOLLOW_UP_STATUSES,
  HANDOFF_STATUSES,
  HYPOTHESIS_STATUSES,
  MILESTONE_KINDS,
  PERSON_STATUSES,
  PHASES,
  ROLES,
  SEVERITIES,
  TASK_STATUSES,
  TIMELINE_KINDS,
  UPDATE_AUDIENCES,
  UPDATE_TEMPLATES,
  type StatusUpdate,
  type Check,
  type CollectionName,
  type CommandHandoff,
  type EntrySubject,
  type Evidence,
  type FollowUp,
  type Hypothesis,
  type IncidentInfo,
  type IncidentReview,
  REVIEW_FIELDS,
  type WhyStep,
  type IncidentSnapshot,
  type Milestone,
  type Person,
  type RoleAssignment,
  type SystemChange,
  type Task,
  type TimelineEntry,
} from './model';
import { collection, incidentMap, readSchemaVersion, reviewText, reviewWhysMap, type YRecord } from './schema';

type Fields = { get(key: string): unknown };

function str(record: Fields, key: string, fallback = ''): string {
  const value = record.get(key);
  return typeof value === 'string' ? value : fallback;
}

function num(record: Fields, key: string, fallback = 0): number {
  const value = record.get(key);
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function numOrNull(record: Fields, key: string): number | null {
  const value = record.get(key);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function strOrNull(record: Fields, key: string): string | null {
  const value = record.get(key);
  return typeof value === 'string' && value !== '' ? value : null;
}

function oneOf<T extends string>(record: Fields, key: string, allowed: readonly T[], fallback: T): T {
  const value = record.get(key);
  return (allowed as readonly unknown[]).includes(value) ? (value as T) : fallback;
}

function strings(record: Fields, key: string): readonly string[] {
  const value = record.get(key);
  if (!Array.isArray(value)) return Object.freeze([]);
  return Object.freeze(value.filter((item): item is string => typeof item === 'string'));
}

export function readIncidentInfo(doc: Y.Doc): IncidentInfo | null {
  const map = incidentMap(doc);
  const id = str(map, 'id');
  if (id === '') return null;
  return Object.freeze({
    id,
    title: str(map, 'title', 'Untitled incident'),
    severity: oneOf(map, 'severity', SEVERITIES, 'SEV1'),
    phase: oneOf(map, 'phase', PHASES, 'investigating'),
    summary: str(map, 'summary'),
    impact: str(map, 'impact'),
    services: strings(map, 'services'),
    startedAt: num(map, 'startedAt'),
    declaredAt: num(map, 'declaredAt'),
    declaredBy: str(map, 'declaredBy'),
    exitCriteria: str(map, 'exitCriteria'),
  });
}

export function readPerson(id: string, r: YRecord): Person {
  return Object.freeze({
    id,
    name: str(r, 'name', 'Unnamed'),
    contact: str(r, 'contact'),
    status: oneOf(r, 'status', PERSON_STATUSES, 'active'),
    joinedAt: num(r, 'joinedAt'),
    statusSince: num(r, 'statusSince', num(r, 'joinedAt')),
    dutyMsBefore: num(r, 'dutyMsBefore'),
  });
}

export function readRoleAssignment(id: string, r: YRecord): RoleAssignment {
  return Object.freeze({
    id,
    role: oneOf(r, 'role', ROLES, 'subject-matter-expert'),
    personId: str(r, 'personId'),
    assignedAt: num(r, 'assignedAt'),
    assignedBy: str(r, 'assignedBy'),
    endedAt: numOrNull(r, 'endedAt'),
  });
}

export function readTask(id: string, r: YRecord): Task {
  return Object.freeze({
    id,
    title: str(r, 'title'),
    assigneeId: strOrNull(r, 'assigneeId'),
    status: oneOf(r, 'status', TASK_STATUSES, 'todo'),
    dueAt: numOrNull(r, 'dueAt'),
    hypothesisId: strOrNull(r, 'hypothesisId'),
    createdAt: num(r, 'createdAt'),
    createdBy: str(r, 'createdBy'),
    checkBackAt: numOrNull(r, 'checkBackAt'),
  });
}

export function readCommandHandoff(id: string, r: YRecord): CommandHandoff {
  const acceptedAt = numOrNull(r, 'acceptedAt');
  const declinedAt = numOrNull(r, 'declinedAt');
  const cancelledAt = numOrNull(r, 'cancelledAt');
  // Acceptance moved the role, so it wins over a decline or cancel from a concurrent peer.
  const status: (typeof HANDOFF_STATUSES)[number] =
    acceptedAt !== null ? 'accepted' : declinedAt !== null ? 'declined' : cancelledAt !== null ? 'cancelled' : 'offered';
  return Object.freeze({
    id,
    fromPersonId: strOrNull(r, 'fromPersonId'),
    toPersonId: str(r, 'toPersonId'),
    briefing: str(r, 'briefing'),
    offeredAt: num(r, 'offeredAt'),
    offeredBy: str(r, 'offeredBy'),
    acceptedAt,
    acceptedVerbally: r.get('acceptedVerbally') === true,
    declinedAt,
    cancelledAt,
    closedBy: strOrNull(r, 'closedBy'),
    status,
  });
}

function readNested<T>(r: YRecord, key: string, read: (id: string, item: YRecord) => T, at: (item: T) => number): readonly T[] {
  const nested = r.get(key);
  if (!(nested instanceof Y.Map)) return Object.freeze([]);
  const items: T[] = [];
  nested.forEach((item: unknown, itemId: string) => {
    if (item instanceof Y.Map) items.push(read(itemId, item as YRecord));
  });
  items.sort((a, b) => at(a) - at(b));
  return Object.freeze(items);
}

function readEvidence(id: string, r: YRecord): Evidence {
  return Object.freeze({
    id,
    stance: oneOf(r, 'stance', EVIDENCE_STANCES, 'for'),
    text: str(r, 'text'),
    at: num(r, 'at'),
    by: str(r, 'by'),
  });
}

function readCheck(id: string, r: YRecord): Check {
  return Object.freeze({
    id,
    description: str(r, 'description'),
    outcome: oneOf(r, 'outcome', CHECK_OUTCOMES, 'pending'),
    result: str(r, 'result'),
    at: num(r, 'at'),
    by: str(r, 'by'),
  });
}

export function readHypothesis(id: string, r: YRecord): Hypothesis {
  return Object.freeze({
    id,
    statement: str(r, 'statement'),
    status: oneOf(r, 'status', HYPOTHESIS_STATUSES, 'open'),
    ownerId: strOrNull(r, 'ownerId'),
    createdAt: num(r, 'createdAt'),
    createdBy: str(r, 'createdBy'),
    evidence: readNested(r, 'evidence', readEvidence, (e) => e.at),
    checks: readNested(r, 'checks', readCheck, (c) => c.at),
  });
}

export function readMilestone(id: string, r: YRecord): Milestone {
  return Object.freeze({
    id,
    kind: oneOf(r, 'kind', MILESTONE_KINDS, 'custom'),
    label: str(r, 'label'),
    at: num(r, 'at'),
    recordedAt: num(r, 'recordedAt', num(r, 'at')),
    note: str(r, 'note'),
    by: str(r, 'by'),
  });
}

export function readSystemChange(id: string, r: YRecord): SystemChange {
  return Object.freeze({
    id,
    description: str(r, 'description'),
    system: str(r, 'system'),
    madeBy: str(r, 'madeBy'),
    at: num(r, 'at'),
    state: oneOf(r, 'state', CHANGE_STATES, 'applied'),
    rolledBackAt: numOrNull(r, 'rolledBackAt'),
  });
}

export function readFollowUp(id: string, r: YRecord): FollowUp {
  return Object.freeze({
    id,
    title: str(r, 'title'),
    ownerId: strOrNull(r, 'ownerId'),
    dueAt: numOrNull(r, 'dueAt'),
    priority: oneOf(r, 'priority', FOLLOW_UP_PRIORITIES, 'P2'),
    status: oneOf(r, 'status', FOLLOW_UP_STATUSES, 'open'),
    createdAt: num(r, 'createdAt'),
  });
}

export function readStatusUpdate(id: string, r: YRecord): StatusUpdate {
  return Object.freeze({
    id,
    audience: oneOf(r, 'audience', UPDATE_AUDIENCES, 'internal'),
    template: oneOf(r, 'template', UPDATE_TEMPLATES, 'update'),
    text: str(r, 'text'),
    postedAt: num(r, 'postedAt'),
    postedBy: str(r, 'postedBy'),
    postedByName: str(r, 'postedByName', 'Unknown'),
    severityAtPost: oneOf(r, 'severityAtPost', SEVERITIES, 'SEV1'),
    nextDueAt: numOrNull(r, 'nextDueAt'),
  });
}

function readSubject(value: unknown): EntrySubject | null {
  if (typeof value !== 'object' || value === null) return null;
  const { collection: name, id } = value as Record<string, unknown>;
  if (typeof id !== 'string' || !(COLLECTIONS as readonly unknown[]).includes(name)) return null;
  return Object.freeze({ collection: name as CollectionName, id });
}

export function readTimelineEntry(id: string, r: YRecord): TimelineEntry {
  const at = num(r, 'at');
  return Object.freeze({
    id,
    kind: oneOf(r, 'kind', TIMELINE_KINDS, 'note'),
    text: str(r, 'text'),
    at,
    recordedAt: num(r, 'recordedAt', at),
    seq: num(r, 'seq'),
    authorId: str(r, 'authorId'),
    authorName: str(r, 'authorName', 'Unknown'),
    event: strOrNull(r, 'event'),
    subject: readSubject(r.get('subject')),
  });
}

/** Timeline order: when it happened, then the order it was written, then id for a total order. */
export function compareEntries(a: TimelineEntry, b: TimelineEntry): number {
  return a.at - b.at || a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

const READERS = {
  people: readPerson,
  roles: readRoleAssignment,
  tasks: readTask,
  hypotheses: readHypothesis,
  milestones: readMilestone,
  changes: readSystemChange,
  followUps: readFollowUp,
  updates: readStatusUpdate,
  timeline: readTimelineEntry,
  handoffs: readCommandHandoff,
} as const;

export type ReadableCollection = keyof typeof READERS;
/** The collections that have a reader today (status updates get theirs with their feature). */
export const READABLE_COLLECTIONS = Object.freeze(Object.keys(READERS) as ReadableCollection[]);
export type RecordOf<C extends ReadableCollection> = ReturnType<(typeof READERS)[C]>;

export function readRecord<C extends ReadableCollection>(name: C, id: string, record: YRecord): RecordOf<C> {
  return READERS[name](id, record) as RecordOf<C>;
}

/** The natural order of each collection, so every reader lists records the same way. */
export const COLLECTION_ORDER: { [C in ReadableCollection]: (a: RecordOf<C>, b: RecordOf<C>) => number } = {
  people: (a, b) => a.joinedAt - b.joinedAt || a.id.localeCompare(b.id),
  // Within one millisecond (a handover), the tenure that ended comes before the one that began.
  roles: (a, b) =>
    a.assignedAt - b.assignedAt || Number(a.endedAt === null) - Number(b.endedAt === null) || a.id.localeCompare(b.id),
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

/** A field that is a Y.Text, or a plain string written by an older or hand-made peer. */
function textOf(record: Fields, key: string): string {
  const value = record.get(key);
  if (value instanceof Y.Text) return value.toString();
  return typeof value === 'string' ? value : '';
}

export function readWhyStep(id: string, r: YRecord): WhyStep {
  return Object.freeze({ id, question: textOf(r, 'question'), answer: textOf(r, 'answer'), order: str(r, 'order') });
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
  });
}
