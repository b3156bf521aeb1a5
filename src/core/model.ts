// The incident document's vocabulary: the plain, frozen record types that reads return and
// the closed sets of values each field may take.

export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const PHASES = [
  'investigating',
  'identified',
  'mitigating',
  'monitoring',
  'resolved',
  'closed',
] as const;
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

export const MILESTONE_KINDS = [
  'started',
  'detected',
  'acknowledged',
  'mitigated',
  'resolved',
  'custom',
] as const;
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

/** A status update as posted (the `updates` collection): the text exactly as it went out. */
export interface StatusUpdate {
  readonly id: string;
  readonly audience: UpdateAudience;
  readonly template: UpdateTemplate;
  readonly text: string;
  readonly postedAt: EpochMs;
  readonly postedBy: string;
  readonly postedByName: string;
  readonly severityAtPost: Severity;
  /** The next update time promised in the text, or null when none was (a resolution). */
  readonly nextDueAt: EpochMs | null;
}

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

export interface IncidentInfo {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly phase: Phase;
  readonly summary: string;
  readonly impact: string;
  readonly services: readonly string[];
  readonly startedAt: EpochMs;
  readonly declaredAt: EpochMs;
  readonly declaredBy: string;
  /** What must be true to stand the incident down; read out at every command handoff. */
  readonly exitCriteria: string;
}

export interface Person {
  readonly id: string;
  readonly name: string;
  readonly contact: string;
  readonly status: PersonStatus;
  readonly joinedAt: EpochMs;
  /** When the current status began. */
  readonly statusSince: EpochMs;
  /** Active time accumulated before `statusSince`. */
  readonly dutyMsBefore: number;
}

/** One tenure of a role: who held it, from when, until when (open while held). */
export interface RoleAssignment {
  readonly id: string;
  readonly role: Role;
  readonly personId: string;
  readonly assignedAt: EpochMs;
  readonly assignedBy: string;
  readonly endedAt: EpochMs | null;
}

export interface Task {
  readonly id: string;
  readonly title: string;
  readonly assigneeId: string | null;
  readonly status: TaskStatus;
  readonly dueAt: EpochMs | null;
  readonly hypothesisId: string | null;
  readonly createdAt: EpochMs;
  readonly createdBy: string;
  /** When the assignee is due to report back (the time box given at assignment); null when none. */
  readonly checkBackAt: EpochMs | null;
}

export interface Evidence {
  readonly id: string;
  readonly stance: EvidenceStance;
  readonly text: string;
  readonly at: EpochMs;
  readonly by: string;
}

export interface Check {
  readonly id: string;
  readonly description: string;
  readonly outcome: CheckOutcome;
  readonly result: string;
  readonly at: EpochMs;
  readonly by: string;
}

export interface Hypothesis {
  readonly id: string;
  readonly statement: string;
  readonly status: HypothesisStatus;
  readonly ownerId: string | null;
  readonly createdAt: EpochMs;
  readonly createdBy: string;
  readonly evidence: readonly Evidence[];
  readonly checks: readonly Check[];
}

export interface Milestone {
  readonly id: string;
  readonly kind: MilestoneKind;
  /** Name of a custom milestone; empty for the standard kinds. */
  readonly label: string;
  /** When it happened; may be earlier than `recordedAt`. */
  readonly at: EpochMs;
  readonly recordedAt: EpochMs;
  readonly note: string;
  readonly by: string;
}

export interface SystemChange {
  readonly id: string;
  readonly description: string;
  readonly system: string;
  readonly madeBy: string;
  readonly at: EpochMs;
  readonly state: ChangeState;
  readonly rolledBackAt: EpochMs | null;
}

export interface FollowUp {
  readonly id: string;
  readonly title: string;
  readonly ownerId: string | null;
  readonly dueAt: EpochMs | null;
  readonly priority: FollowUpPriority;
  readonly status: FollowUpStatus;
  readonly createdAt: EpochMs;
}

/** The review's free-text fields, in the order the review reads. */
export const REVIEW_FIELDS = ['summary', 'impact', 'rootCause', 'wentWell', 'wentBadly', 'lessons'] as const;
export type ReviewField = (typeof REVIEW_FIELDS)[number];

/** One step of the five whys. `order` is a fractional index: sorting by it (then id) gives the list. */
export interface WhyStep {
  readonly id: string;
  readonly question: string;
  readonly answer: string;
  readonly order: string;
}

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

/** An offer of incident command with its briefing; command moves only when it is accepted. */
export interface CommandHandoff {
  readonly id: string;
  /** Who held command when it was offered; null if nobody did. */
  readonly fromPersonId: string | null;
  readonly toPersonId: string;
  readonly briefing: string;
  readonly offeredAt: EpochMs;
  readonly offeredBy: string;
  readonly acceptedAt: EpochMs | null;
  /** Accepted by word of mouth, recorded by the outgoing side for someone not on the app. */
  readonly acceptedVerbally: boolean;
  readonly declinedAt: EpochMs | null;
  readonly cancelledAt: EpochMs | null;
  /** Who accepted, declined or cancelled it. */
  readonly closedBy: string | null;
  /** Derived: an acceptance wins over a decline or cancel made concurrently on another peer. */
  readonly status: HandoffStatus;
}

/** What a timeline entry is about, so the UI can link to it. */
export interface EntrySubject {
  readonly collection: CollectionName;
  readonly id: string;
}

export interface TimelineEntry {
  readonly id: string;
  readonly kind: TimelineKind;
  readonly text: string;
  /** When it happened (UTC ms); the timeline is ordered by it. */
  readonly at: EpochMs;
  /** When it was written down; later than `at` for backdated entries. */
  readonly recordedAt: EpochMs;
  /** Tie-breaker among entries of the same millisecond, in the order they were written. */
  readonly seq: number;
  readonly authorId: string;
  readonly authorName: string;
  /** For automatic records: the command that wrote it, such as `task.assigned`. */
  readonly event: string | null;
  readonly subject: EntrySubject | null;
}

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
}
