// Which laptops host the room's signaling: every desktop member can. The incident commander and
// the deputy host by default, so a new or returning responder can still join when one of them is
// away; anyone else hosts once they switch it on; nobody hosts a resolved or closed incident.
// The role comes from the document (IncidentNetwork.hostingRoleNow); the switch lives in main
// (kept per room across restarts), which applies the same rule (hostsRoomByChoice).
import { hostsRoomByChoice, type HostingChoice, type HostingRole } from '../../../shared/ipc';
import { englishRoomT, type RoomT } from './roomText';

/** A resolved or closed incident is a record: nothing of it is hosted any more. */
export function isOverPhase(phase: string | undefined): boolean {
  return phase === 'resolved' || phase === 'closed';
}

export interface HostingInputs {
  readonly phase: string | undefined;
  readonly role: HostingRole;
  readonly choice: HostingChoice;
}

/** Whether this laptop should host the room now. */
export function shouldHostRoom({ phase, role, choice }: HostingInputs): boolean {
  return !isOverPhase(phase) && hostsRoomByChoice(choice, role);
}

/** One sentence under the switch: what it does now, and why. */
export function hostingHint({ phase, role, choice }: HostingInputs, t: RoomT = englishRoomT()): string {
  if (isOverPhase(phase)) return t('hosting.hintOver', { phase: phase ?? 'closed' });
  const byRole = hostsRoomByChoice('role', role);
  if (choice === 'role') return byRole ? t('hosting.hintOnByRole', { role }) : t('hosting.hintOffByRole');
  if (choice === 'on') return t('hosting.hintOnByChoice');
  return byRole ? t('hosting.hintOffAgainstRole', { role }) : t('hosting.hintOffByChoice');
}
