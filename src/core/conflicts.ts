// Authority conflicts: what a partition can leave that merging alone does not settle. Two
// people made incident commander (or another single-holder role) on both sides, or severity
// changed on both sides. The merged document already picks one, the same on every peer; these
// reads report the fork so that the incident commander can confirm the pick or keep the other.
//
// Severity is one last-writer-wins field, which cannot show a fork by itself. So every severity
// change also writes a small immutable record into the incident map, under its own key (two
// peers writing at once never overwrite each other), naming the changes it was based on: the
// latest ones its peer had seen. Changes that no later change builds on are the "heads"; two
// heads with different values mean severity was changed on both sides of a split. A record
// missing or mistyped (written by an older Sitrep, say) is skipped, never a crash: such a change
// just cannot be part of a reported fork.
import type * as Y from 'yjs';
import { ROLES, SINGLE_HOLDER_ROLES, type EpochMs, type Person, type Role, type RoleAssignment, type Severity } from './model';
import { readCollection, readIncidentInfo } from './read';
import { incidentMap, readSeverityChangeRecords, type severityChangeSchema } from './schema';
import { compareTenureAuthority, openTenures } from './selectors';

/** One recorded change of severity and the changes it was made on top of (see schema/incident.ts). */
export type SeverityChange = Omit<ReturnType<typeof severityChangeSchema.read>, 'severity'> & { readonly severity: Severity };

function compareChanges(a: SeverityChange, b: SeverityChange): number {
  return a.at - b.at || (a.id > b.id ? 1 : a.id < b.id ? -1 : 0);
}

/** Every readable severity change record, oldest first. */
export function readSeverityChanges(doc: Y.Doc): readonly SeverityChange[] {
  // A change without a valid severity cannot be part of a fork; it is skipped.
  const changes = readSeverityChangeRecords(incidentMap(doc)).filter((change): change is SeverityChange => change.severity !== null);
  changes.sort(compareChanges);
  return Object.freeze(changes);
}

/** The changes no other change was based on: one when everyone saw each change, more after a split. */
export function severityHeads(changes: readonly SeverityChange[]): SeverityChange[] {
  const superseded = new Set(changes.flatMap((change) => change.basedOn));
  return changes.filter((change) => !superseded.has(change.id));
}

/** One side's claim to a single-holder role: that side's open tenure. */
export interface RoleClaim {
  /** The tenure (role assignment) id. */
  readonly id: string;
  readonly personId: string;
  readonly personName: string;
  readonly at: EpochMs;
  readonly byName: string;
}

/** One side's severity. */
export interface SeverityClaim {
  /** The severity change id. */
  readonly id: string;
  readonly severity: Severity;
  readonly at: EpochMs;
  readonly byName: string;
  readonly entryId: string | null;
}

export interface RoleConflict {
  readonly kind: 'role';
  /** Names the competing claims; it changes when they do, so a stale confirmation is refused. */
  readonly id: string;
  readonly role: Role;
  /** Oldest first. */
  readonly claims: readonly RoleClaim[];
  /** The claim the merged document picked (the latest): the one the room shows as current. */
  readonly keptId: string;
}

export interface SeverityConflict {
  readonly kind: 'severity';
  readonly id: string;
  /** One per competing value, oldest first. */
  readonly claims: readonly SeverityClaim[];
  /** The claim whose value the merged document holds. */
  readonly keptId: string;
}

export type AuthorityConflict = RoleConflict | SeverityConflict;

/** The parts of the document conflicts are computed from. */
export interface AuthorityState {
  readonly roles: readonly RoleAssignment[];
  readonly people: readonly Person[];
  /** The severity the merged document holds; null before an incident is declared. */
  readonly severity: Severity | null;
  readonly severityChanges: readonly SeverityChange[];
}

function roleConflict(state: AuthorityState, role: Role, names: ReadonlyMap<string, string>): RoleConflict | null {
  // Several open tenures of one person (both sides made the same person scribe) are no conflict:
  // each person is represented by their outranking tenure, and only different people compete.
  const byPerson = new Map<string, RoleAssignment>();
  for (const tenure of openTenures(state.roles, role)) {
    const seen = byPerson.get(tenure.personId);
    if (!seen || compareTenureAuthority(tenure, seen) > 0) byPerson.set(tenure.personId, tenure);
  }
  if (byPerson.size < 2) return null;
  const tenures = [...byPerson.values()].sort(compareTenureAuthority);
  const kept = tenures[tenures.length - 1]!;
  const claims = tenures.map((tenure) =>
    Object.freeze({
      id: tenure.id,
      personId: tenure.personId,
      personName: names.get(tenure.personId) ?? 'someone',
      at: tenure.assignedAt,
      byName: names.get(tenure.assignedBy) ?? 'someone',
    }),
  );
  return Object.freeze({
    kind: 'role',
    id: `role/${role}/${claims
      .map((claim) => claim.id)
      .sort()
      .join('+')}`,
    role,
    claims: Object.freeze(claims),
    keptId: kept.id,
  });
}

function severityConflict(state: AuthorityState): SeverityConflict | null {
  const latestPerValue = new Map<Severity, SeverityChange>();
  for (const head of severityHeads(state.severityChanges)) {
    const seen = latestPerValue.get(head.severity);
    if (!seen || compareChanges(head, seen) > 0) latestPerValue.set(head.severity, head);
  }
  // Both sides choosing the same severity needs no decision.
  if (latestPerValue.size < 2) return null;
  const changes = [...latestPerValue.values()].sort(compareChanges);
  // The merged document's own value is the pick, so the banner and the header always agree.
  // If no claim holds it (a peer without change records wrote it), the latest claim stands in.
  const kept = changes.find((change) => change.severity === state.severity) ?? changes[changes.length - 1]!;
  const claims = changes.map((change) =>
    Object.freeze({
      id: change.id,
      severity: change.severity,
      at: change.at,
      byName: change.byName,
      entryId: change.entryId,
    }),
  );
  return Object.freeze({
    kind: 'severity',
    id: `severity/${claims
      .map((claim) => claim.id)
      .sort()
      .join('+')}`,
    claims: Object.freeze(claims),
    keptId: kept.id,
  });
}

/**
 * The unconfirmed authority conflicts of a merged document: incident commander first, then
 * severity, then the other single-holder roles. Every peer holding the same document computes
 * the same list.
 */
export function findAuthorityConflicts(state: AuthorityState): readonly AuthorityConflict[] {
  const names = new Map(state.people.map((person) => [person.id, person.name]));
  const conflicts: AuthorityConflict[] = [];
  const commander = roleConflict(state, 'incident-commander', names);
  if (commander) conflicts.push(commander);
  const severity = severityConflict(state);
  if (severity) conflicts.push(severity);
  for (const role of ROLES) {
    if (role === 'incident-commander' || !SINGLE_HOLDER_ROLES.has(role)) continue;
    const conflict = roleConflict(state, role, names);
    if (conflict) conflicts.push(conflict);
  }
  return Object.freeze(conflicts);
}

/** Reads the authority conflicts straight from a document. */
export function readAuthorityConflicts(doc: Y.Doc): readonly AuthorityConflict[] {
  return findAuthorityConflicts({
    roles: readCollection(doc, 'roles'),
    people: readCollection(doc, 'people'),
    severity: readIncidentInfo(doc)?.severity ?? null,
    severityChanges: readSeverityChanges(doc),
  });
}
