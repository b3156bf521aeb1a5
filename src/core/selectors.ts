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
import { ROLES, SINGLE_HOLDER_ROLES, TASK_STATUSES } from './model';
import { searchableText } from './events/searchText';

/**
 * The rule every peer applies when a partition left a single-holder role with several open
 * tenures: the latest assignment wins, ties broken by the larger id. Peers holding the same
 * merged document therefore always agree on who holds the role. Returns a positive number
 * when `a` outranks `b`.
 */
export function compareTenureAuthority(a: RoleAssignment, b: RoleAssignment): number {
  return a.assignedAt - b.assignedAt || (a.id > b.id ? 1 : a.id < b.id ? -1 : 0);
}

/** Every open tenure of a role, even the competing ones a partition left behind. */
export function openTenures(roles: readonly RoleAssignment[], role: Role): RoleAssignment[] {
  return roles.filter((tenure) => tenure.role === role && tenure.endedAt === null);
}

/** Who holds a role now: for a single-holder role at most one, picked by compareTenureAuthority. */
export function currentHolders(roles: readonly RoleAssignment[], role: Role): RoleAssignment[] {
  const open = openTenures(roles, role);
  if (open.length < 2 || !SINGLE_HOLDER_ROLES.has(role)) return open;
  return [open.reduce((kept, tenure) => (compareTenureAuthority(tenure, kept) > 0 ? tenure : kept))];
}

/** The tenures a person holds now, leaving out single-holder roles a concurrent claim outranks. */
export function currentTenuresOf(roles: readonly RoleAssignment[], personId: string): RoleAssignment[] {
  return ROLES.flatMap((role) => currentHolders(roles, role)).filter((tenure) => tenure.personId === personId);
}

/** Every tenure of a role, oldest first. */
export function roleHistory(roles: readonly RoleAssignment[], role: Role): RoleAssignment[] {
  return roles.filter((tenure) => tenure.role === role);
}

export function rolesOf(roles: readonly RoleAssignment[], personId: string): Role[] {
  return ROLES.filter((role) => currentHolders(roles, role).some((t) => t.personId === personId));
}

/** The current incident commander, or null. After a partition two may be open: the latest wins. */
export function incidentCommander(roles: readonly RoleAssignment[]): RoleAssignment | null {
  return currentHolders(roles, 'incident-commander')[0] ?? null;
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
      (needle === '' ||
        searchableText(entry).toLowerCase().includes(needle) ||
        entry.authorName.toLowerCase().includes(needle) ||
        (entry.saidByName ?? '').toLowerCase().includes(needle)),
  );
  return filter.order === 'newest-first' ? kept.reverse() : kept;
}
