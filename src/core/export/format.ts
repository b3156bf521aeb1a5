// The JSON export format "sitrep-incident" (version 1 had no `review`, versions before 6 no
// `authority`): every record's fields in the order they are declared in ../schema, which gives
// each record's codec.
// docs/export-format.md describes the same thing for people; change both together.
import type { IncidentReview, IncidentSnapshot } from '../model';
import {
  type AuthorityRecords,
  checkSchema,
  commandAssumptionSchema,
  commandResponseSchema,
  evidenceSchema,
  followUpSchema,
  hypothesisSchema,
  incidentSchema,
  list,
  milestoneSchema,
  personSchema,
  record,
  roleAssignmentSchema,
  severityDecisionSchema,
  severityProposalSchema,
  systemChangeSchema,
  taskSchema,
  text,
  timelineEntrySchema,
  whyStepSchema,
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  FORMAT_NAME,
  type Codec,
} from '../schema';

export { EXPORT_FORMAT, EXPORT_FORMAT_VERSION };

export const incidentCodec = incidentSchema.codec;
export const personCodec = personSchema.codec;
export const roleCodec = roleAssignmentSchema.codec;
export const taskCodec = taskSchema.codec;
export const evidenceCodec = evidenceSchema.codec;
export const checkCodec = checkSchema.codec;
export const hypothesisCodec = hypothesisSchema.codec;
export const milestoneCodec = milestoneSchema.codec;
export const changeCodec = systemChangeSchema.codec;
export const followUpCodec = followUpSchema.codec;
export const timelineEntryCodec = timelineEntrySchema.codec;

/** The whole export document: a header, then the snapshot's fields in written order. */
export interface IncidentExportDocument extends IncidentSnapshot {
  readonly format: typeof EXPORT_FORMAT;
  readonly formatVersion: number;
  readonly exportedAt: number;
}

export const whyStepCodec = whyStepSchema.codec;

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

/** The authority records (format version 6 on), each list oldest first. */
export const authorityCodec: Codec<AuthorityRecords> = record<AuthorityRecords>(
  {
    commandAssumptions: list(commandAssumptionSchema.codec),
    commandResponses: list(commandResponseSchema.codec),
    severityProposals: list(severityProposalSchema.codec),
    severityDecisions: list(severityDecisionSchema.codec),
  },
  FORMAT_NAME,
);

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
  'authority',
] as const;

/** Top-level keys of a version 2 to 5 file: everything but the authority records. */
export const DOCUMENT_KEYS_V5: readonly string[] = DOCUMENT_KEYS.filter((key) => key !== 'authority');
/** Top-level keys of a version 1 file: neither the review nor the authority records. */
export const DOCUMENT_KEYS_V1: readonly string[] = DOCUMENT_KEYS_V5.filter((key) => key !== 'review');
