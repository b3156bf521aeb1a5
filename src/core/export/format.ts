// The JSON export format "sitrep-incident", version 2 (version 1 had no `review`): every record's fields in the order they
// are written. docs/export-format.md describes the same thing for people; change both together.
import {
  CHANGE_STATES,
  CHECK_OUTCOMES,
  COLLECTIONS,
  EVIDENCE_STANCES,
  FOLLOW_UP_PRIORITIES,
  FOLLOW_UP_STATUSES,
  HYPOTHESIS_STATUSES,
  MILESTONE_KINDS,
  PERSON_STATUSES,
  PHASES,
  ROLES,
  SEVERITIES,
  TASK_STATUSES,
  TIMELINE_KINDS,
  type Check,
  type EntrySubject,
  type Evidence,
  type FollowUp,
  type IncidentReview,
  type WhyStep,
  type Hypothesis,
  type IncidentInfo,
  type IncidentSnapshot,
  type Milestone,
  type Person,
  type RoleAssignment,
  type SystemChange,
  type Task,
  type TimelineEntry,
} from '../model';
import { id, list, nullable, number, oneOf, optional, record, text, time, type Codec } from './codec';

export const EXPORT_FORMAT = 'sitrep-incident';
/** Bumped whenever a field is added, removed or changes meaning; readers refuse newer versions. */
export const EXPORT_FORMAT_VERSION = 2;

const FORMAT_NAME = `${EXPORT_FORMAT} version ${EXPORT_FORMAT_VERSION}`;

const services: Codec<readonly string[]> = list(text);

export const incidentCodec: Codec<IncidentInfo> = record<IncidentInfo>(
  {
    id,
    title: text,
    severity: oneOf(SEVERITIES),
    phase: oneOf(PHASES),
    summary: text,
    impact: text,
    services,
    startedAt: time,
    declaredAt: time,
    declaredBy: text,
    exitCriteria: optional(text, ''),
  },
  FORMAT_NAME,
);

export const personCodec: Codec<Person> = record<Person>(
  {
    id,
    name: text,
    contact: text,
    status: oneOf(PERSON_STATUSES),
    joinedAt: time,
    statusSince: time,
    dutyMsBefore: number,
  },
  FORMAT_NAME,
);

export const roleCodec: Codec<RoleAssignment> = record<RoleAssignment>(
  {
    id,
    role: oneOf(ROLES),
    personId: text,
    assignedAt: time,
    assignedBy: text,
    endedAt: nullable(time),
  },
  FORMAT_NAME,
);

export const taskCodec: Codec<Task> = record<Task>(
  {
    id,
    title: text,
    assigneeId: nullable(id),
    status: oneOf(TASK_STATUSES),
    dueAt: nullable(time),
    hypothesisId: nullable(id),
    createdAt: time,
    createdBy: text,
    checkBackAt: optional(nullable(time), null),
  },
  FORMAT_NAME,
);

export const evidenceCodec: Codec<Evidence> = record<Evidence>(
  { id, stance: oneOf(EVIDENCE_STANCES), text, at: time, by: text },
  FORMAT_NAME,
);

export const checkCodec: Codec<Check> = record<Check>(
  { id, description: text, outcome: oneOf(CHECK_OUTCOMES), result: text, at: time, by: text },
  FORMAT_NAME,
);

export const hypothesisCodec: Codec<Hypothesis> = record<Hypothesis>(
  {
    id,
    statement: text,
    status: oneOf(HYPOTHESIS_STATUSES),
    ownerId: nullable(id),
    createdAt: time,
    createdBy: text,
    evidence: list(evidenceCodec),
    checks: list(checkCodec),
  },
  FORMAT_NAME,
);

export const milestoneCodec: Codec<Milestone> = record<Milestone>(
  { id, kind: oneOf(MILESTONE_KINDS), label: text, at: time, recordedAt: time, note: text, by: text },
  FORMAT_NAME,
);

export const changeCodec: Codec<SystemChange> = record<SystemChange>(
  {
    id,
    description: text,
    system: text,
    madeBy: text,
    at: time,
    state: oneOf(CHANGE_STATES),
    rolledBackAt: nullable(time),
  },
  FORMAT_NAME,
);

export const followUpCodec: Codec<FollowUp> = record<FollowUp>(
  {
    id,
    title: text,
    ownerId: nullable(id),
    dueAt: nullable(time),
    priority: oneOf(FOLLOW_UP_PRIORITIES),
    status: oneOf(FOLLOW_UP_STATUSES),
    createdAt: time,
  },
  FORMAT_NAME,
);

const subjectCodec: Codec<EntrySubject> = record<EntrySubject>({ collection: oneOf(COLLECTIONS), id }, FORMAT_NAME);

export const timelineEntryCodec: Codec<TimelineEntry> = record<TimelineEntry>(
  {
    id,
    kind: oneOf(TIMELINE_KINDS),
    text,
    at: time,
    recordedAt: time,
    seq: number,
    authorId: text,
    authorName: text,
    event: nullable(id),
    subject: nullable(subjectCodec),
  },
  FORMAT_NAME,
);

/** The whole export document: a header, then the snapshot's fields in written order. */
export interface IncidentExportDocument extends IncidentSnapshot {
  readonly format: typeof EXPORT_FORMAT;
  readonly formatVersion: number;
  readonly exportedAt: number;
}

export const whyStepCodec: Codec<WhyStep> = record<WhyStep>({ id, question: text, answer: text, order: text }, FORMAT_NAME);

/** The review (format version 2 on); the five whys in order: `order`, then id. */
export const reviewCodec: Codec<IncidentReview> = record<IncidentReview>(
  {
    summary: text,
    impact: text,
    rootCause: text,
    wentWell: text,
    wentBadly: text,
    lessons: text,
    fiveWhys: list(whyStepCodec),
  },
  FORMAT_NAME,
);

/** A version 1 file predates the review: it reads as an empty one. */
export const EMPTY_REVIEW: IncidentReview = Object.freeze({
  summary: '',
  impact: '',
  rootCause: '',
  wentWell: '',
  wentBadly: '',
  lessons: '',
  fiveWhys: Object.freeze([]),
});

/** Codecs of the collections, in the order the document lists them. */
export const COLLECTION_CODECS = {
  people: list(personCodec),
  roles: list(roleCodec),
  tasks: list(taskCodec),
  hypotheses: list(hypothesisCodec),
  milestones: list(milestoneCodec),
  changes: list(changeCodec),
  followUps: list(followUpCodec),
  timeline: list(timelineEntryCodec),
} as const;

export const DOCUMENT_KEYS = [
  'format',
  'formatVersion',
  'exportedAt',
  'schemaVersion',
  'incident',
  ...(Object.keys(COLLECTION_CODECS) as Array<keyof typeof COLLECTION_CODECS>),
  'review',
] as const;

/** Top-level keys of a version 1 file: everything but the review. */
export const DOCUMENT_KEYS_V1: readonly string[] = DOCUMENT_KEYS.filter((key) => key !== 'review');
