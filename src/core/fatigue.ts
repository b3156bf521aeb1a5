// Fatigue: who has been on duty too long without a rest, and which key roles nobody holds.
import type { EpochMs, Person, Role, RoleAssignment } from './model';
import type { RoomPolicy } from './policy';
import { currentHolders } from './selectors';

/** Roles a war room should always have filled. */
export const KEY_ROLES: readonly Role[] = ['incident-commander', 'scribe', 'communications-lead'];

export interface FatigueWarning {
  readonly person: Person;
  /** Active time since the person last rested (or joined). */
  readonly sinceRestMs: number;
}

/**
 * Active time since the person last rested or joined. A rest of any length resets it: the
 * point is to prompt a break, and "Send to rest" must clear the warning.
 */
export function timeSinceRest(person: Person, now: EpochMs): number {
  return person.status === 'active' ? Math.max(0, now - person.statusSince) : 0;
}

/** Active people past the policy's warning, longest on duty first. */
export function fatigueWarnings(
  people: readonly Person[],
  policy: Pick<RoomPolicy, 'fatigueWarningHours'>,
  now: EpochMs,
): FatigueWarning[] {
  const limit = policy.fatigueWarningHours * 3_600_000;
  return people
    .map((person) => ({ person, sinceRestMs: timeSinceRest(person, now) }))
    .filter((warning) => warning.person.status === 'active' && warning.sinceRestMs >= limit)
    .sort((a, b) => b.sinceRestMs - a.sinceRestMs || a.person.id.localeCompare(b.person.id));
}

export function unfilledKeyRoles(roles: readonly RoleAssignment[]): Role[] {
  return KEY_ROLES.filter((role) => currentHolders(roles, role).length === 0);
}
