// Offers of incident command with their briefing; command moves only when one is accepted.
import type { HandoffStatus } from '../model';
import { FORMAT_NAME } from './exportFormat';
import { defineRecord, f } from './fields';

export const commandHandoffSchema = defineRecord(
  {
    /** Who held command when it was offered; null if nobody did. */
    fromPersonId: f.optionalId(),
    toPersonId: f.text(),
    briefing: f.text(),
    offeredAt: f.time(),
    offeredBy: f.text(),
    acceptedAt: f.optionalTime(),
    /** Accepted by word of mouth, recorded by the outgoing side for someone not on the app. */
    acceptedVerbally: f.flag(),
    declinedAt: f.optionalTime(),
    cancelledAt: f.optionalTime(),
    /** Who accepted, declined or cancelled it. */
    closedBy: f.optionalId(),
  },
  FORMAT_NAME,
  // Acceptance moved the role, so it wins over a decline or cancel from a concurrent peer.
  (handoff): { readonly status: HandoffStatus } => ({
    status:
      handoff.acceptedAt !== null
        ? 'accepted'
        : handoff.declinedAt !== null
          ? 'declined'
          : handoff.cancelledAt !== null
            ? 'cancelled'
            : 'offered',
  }),
);
