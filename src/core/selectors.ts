// Questions the war room asks of the document, answered from plain snapshots.
import type {
  EpochMs,
  Hypothesis,
  HypothesisStatus,
  Person,
  Role,
  RoleAssignment,
  Task,
  TaskStatus,
  TimelineEntry,
  TimelineKind,
} from './model';
import { ROLES, TASK_STATUSES } from './model';

export function currentHolders(roles: readonly RoleAssignment[], role: Role): RoleAssignment[] {
  return roles.filter((tenure) => tenure.role === role && tenure.endedAt === null);
}

/** Every tenure of a role, oldest first. */
export function roleHistory(roles: readonly RoleAssignment[], role: Role): RoleAssignment[] {
  return roles.filter((tenure) => tenure.role === role);
}

export function rolesOf(roles: readonly RoleAssignment[], personId: string): Role[] {
  return ROLES.filter((role) => roles.some((t) => t.role === role && t.personId === personId && t.endedAt === null));
}

/** The current incident commander, or null. After a partition two may be open: the latest wins. */
export function incidentCommander(roles: readonly RoleAssignment[]): RoleAssignment | null {
  const open = currentHolders(roles, 'incident-commander');
  return open.length ? (open[open.length - 1] ?? null) : null;
}

export function timeOnDuty(person: Person, now: EpochMs): number {
  return person.dutyMsBefore + (person.status === 'active' ? Math.max(0, now - person.statusSince) : 0);
}

export function tasksByStatus(tasks: readonly Task[]): Record<TaskStatus, Task[]> {
  const groups = Object.fromEntries(TASK_STATUSES.map((status) => [status, [] as Task[]])) as Record<TaskStatus, Task[]>;
  for (const task of tasks) groups[task.status].push(task);
  return groups;
}

export function hypothesesByStatus(hypotheses: readonly Hypothesis[]): Record<HypothesisStatus, Hypothesis[]> {
  const groups: Record<HypothesisStatus, Hypothesis[]> = { open: [], investigating: [], confirmed: [], 'ruled-out': [] };
  for (const hypothesis of hypotheses) groups[hypothesis.status].push(hypothesis);
  return groups;
}

export function peopleById(people: readonly Person[]): ReadonlyMap<string, Person> {
  return new Map(people.map((person) => [person.id, person]));
}

export type TimelineOrder = 'oldest-first' | 'newest-first';

export interface TimelineFilter {
  readonly kinds: ReadonlySet<TimelineKind>;
  readonly order: TimelineOrder;
  readonly text?: string;
}

export function filterTimeline(entries: readonly TimelineEntry[], filter: TimelineFilter): TimelineEntry[] {
  const needle = filter.text?.trim().toLowerCase() ?? '';
  const kept = entries.filter(
    (entry) =>
      filter.kinds.has(entry.kind) &&
      (needle === '' || entry.text.toLowerCase().includes(needle) || entry.authorName.toLowerCase().includes(needle)),
  );
  return filter.order === 'newest-first' ? kept.reverse() : kept;
}
