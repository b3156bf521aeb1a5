// Which laptops host the room's signaling: every desktop member can. The incident commander and
// the deputy host by default, so a new or returning responder can still join when one of them is
// away; anyone else hosts once they switch it on; nobody hosts a resolved or closed incident.
// The role comes from the document (IncidentNetwork.hostingRoleNow); the switch lives in main
// (kept per room across restarts), which applies the same rule (hostsRoomByChoice).
import { hostsRoomByChoice, type HostingChoice, type HostingRole } from '../../../shared/ipc';

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

const ROLE_NAMES: Record<HostingRole, string> = {
  commander: 'the incident commander',
  deputy: 'the deputy',
  member: 'a responder',
};

/** One sentence under the switch: what it does now, and why. */
export function hostingHint({ phase, role, choice }: HostingInputs): string {
  if (isOverPhase(phase)) return `The incident is ${phase}: no laptop hosts it any more. Reopen it to host it again.`;
  const byRole = hostsRoomByChoice('role', role);
  if (choice === 'role') {
    return byRole
      ? `On because you are ${ROLE_NAMES[role]}: responders can join and rejoin the room through this laptop.`
      : 'Off: the incident commander and the deputy host the room. Switch it on so responders can also join through this laptop.';
  }
  if (choice === 'on') return 'On: you switched it on. Responders can join and rejoin the room through this laptop.';
  return byRole
    ? `Off: you switched it off, although ${ROLE_NAMES[role]} hosts by default. Responders need another member's laptop to join.`
    : 'Off: you switched it off. The incident commander and the deputy still host the room.';
}
