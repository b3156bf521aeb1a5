// The incident document's vocabulary: the closed sets of values each field may take, and the
// record types that reads return. The record types are derived from their one declaration in
// ./schema (type-only imports, so the schema may import the value sets from here).
import type { AuthorityRecords } from './schema/authority';
import type { IncidentInfo } from './schema/incident';
import type {
  FollowUp,
  Hypothesis,
  Milestone,
  Person,
  RoleAssignment,
  SystemChange,
  Task,
  TimelineEntry,
  WhyStep,
} from './schema/collections';

export type {
  Check,
  CommandHandoff,
  Evidence,
  FollowUp,
  Hypothesis,
  Milestone,
  Person,
  RoleAssignment,
  StatusUpdate,
  SystemChange,
  Task,
  TimelineEntry,
  WhyStep,
} from './schema/collections';
export type { IncidentInfo } from './schema/incident';
export type { EntrySubject } from './schema/timeline';

export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const PHASES = ['investigating', 'identified', 'mitigating', 'monitoring', 'resolved', 'closed'] as const;
export type Phase = (typeof PHASES)[number];

export const PERSON_STATUSES = ['active', 'resting', 'left'] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

export const ROLES = [
  'incident-commander',
  'deputy',
  'technical-lead',
  'communications-lead',
  'scribe',
  'subject-matter-expert',
  'liaison',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that one person holds at a time; the others may have several holders. */
export const SINGLE_HOLDER_ROLES: ReadonlySet<Role> = new Set<Role>([
  'incident-commander',
  'deputy',
  'technical-lead',
  'communications-lead',
  'scribe',
]);

export const TASK_STATUSES = ['todo', 'doing', 'blocked', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const HYPOTHESIS_STATUSES = ['open', 'investigating', 'confirmed', 'ruled-out'] as const;
export type HypothesisStatus = (typeof HYPOTHESIS_STATUSES)[number];

export const EVIDENCE_STANCES = ['for', 'against'] as const;
export type EvidenceStance = (typeof EVIDENCE_STANCES)[number];

export const CHECK_OUTCOMES = ['pending', 'supports', 'refutes', 'inconclusive'] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

export const MILESTONE_KINDS = ['started', 'detected', 'acknowledged', 'mitigated', 'resolved', 'custom'] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

export const CHANGE_STATES = ['applied', 'rolled-back'] as const;
export type ChangeState = (typeof CHANGE_STATES)[number];

export const FOLLOW_UP_PRIORITIES = ['P1', 'P2', 'P3'] as const;
export type FollowUpPriority = (typeof FOLLOW_UP_PRIORITIES)[number];

export const FOLLOW_UP_STATUSES = ['open', 'in-progress', 'done'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** Who a status update is written for; the wording changes with it. */
export const UPDATE_AUDIENCES = ['internal', 'executive', 'customer'] as const;
export type UpdateAudience = (typeof UPDATE_AUDIENCES)[number];

export const UPDATE_TEMPLATES = ['initial', 'update', 'resolution'] as const;
export type UpdateTemplate = (typeof UPDATE_TEMPLATES)[number];

/** Kinds a person writes in the quick-entry box; the rest are recorded by commands. */
export const AUTHORED_ENTRY_KINDS = ['note', 'fact', 'decision', 'action'] as const;
export type AuthoredEntryKind = (typeof AUTHORED_ENTRY_KINDS)[number];

export const TIMELINE_KINDS = [...AUTHORED_ENTRY_KINDS, 'event'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** Who made a change: the local profile's id and the name shown for it. */
export interface Author {
  readonly id: string;
  readonly name: string;
}

/** Epoch milliseconds, UTC. */
export type EpochMs = number;

/** The review's free-text fields, in the order the review reads. */
export const REVIEW_FIELDS = ['summary', 'impact', 'rootCause', 'wentWell', 'wentBadly', 'lessons'] as const;
export type ReviewField = (typeof REVIEW_FIELDS)[number];

/** The post-incident review, written together after (or during) the incident. */
export interface IncidentReview {
  readonly summary: string;
  readonly impact: string;
  readonly rootCause: string;
  readonly wentWell: string;
  readonly wentBadly: string;
  readonly lessons: string;
  readonly fiveWhys: readonly WhyStep[];
}

export const HANDOFF_STATUSES = ['offered', 'accepted', 'declined', 'cancelled'] as const;
export type HandoffStatus = (typeof HANDOFF_STATUSES)[number];

export const COLLECTIONS = [
  'people',
  'roles',
  'tasks',
  'hypotheses',
  'milestones',
  'changes',
  'followUps',
  'updates',
  'timeline',
  'handoffs',
] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

/** The whole document read at once: what exporters and tests consume. */
export interface IncidentSnapshot {
  readonly schemaVersion: number;
  readonly incident: IncidentInfo;
  readonly people: readonly Person[];
  readonly roles: readonly RoleAssignment[];
  readonly tasks: readonly Task[];
  readonly hypotheses: readonly Hypothesis[];
  readonly milestones: readonly Milestone[];
  readonly changes: readonly SystemChange[];
  readonly followUps: readonly FollowUp[];
  readonly timeline: readonly TimelineEntry[];
  readonly review: IncidentReview;
  /**
   * Assumed command and severity proposals with their answers (schema/authority.ts). Read from
   * the document and carried by the JSON export from format version 6. Absent when there is
   * none (and where a snapshot is made without them, a read model's), which exports as none.
   */
  readonly authority?: AuthorityRecords;
}
