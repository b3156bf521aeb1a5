// The incident commander removes someone from the room: they are marked as left and the room gets
// a new key, which reaches the laptops still in the room and never the removed person's.
import { useState } from 'react';
import { CommandError } from '@core/commands';
import { useIncidentSession } from '../../state/incidentContext';
import { useUiStore } from '../../state/uiStore';
import { FormDialog } from '../../ui/FormDialog';

export function RemoveParticipantDialog({
  person,
  onOpenChange,
}: {
  person: { id: string; name: string } | null;
  onOpenChange: (open: boolean) => void;
}) {
  const { network } = useIncidentSession();
  const showToast = useUiStore((s) => s.showToast);
  const [shown, setShown] = useState(person);
  // Keeps the name while the dialog animates closed.
  if (person && person !== shown) setShown(person);
  const name = shown?.name ?? '';
  return (
    <FormDialog
      open={person !== null}
      onOpenChange={onOpenChange}
      title={`Remove ${name} from the room?`}
      description={`${name} is marked as left (they stay in the timeline and the exports) and the room gets a new key. The laptops still in the room move to it; ${name}'s laptops are disconnected and the join code they were given stops working. Anyone offline right now needs a fresh code from Invite.`}
      submitLabel={`Remove ${name}`}
      destructive
      onSubmit={async () => {
        if (!shown) return true;
        try {
          const result = await network.removeParticipant(shown.id);
          const laptops = (n: number) => (n === 1 ? '1 laptop' : `${n} laptops`);
          const moved = result?.sentTo.length ?? 0;
          const unidentified = result?.unidentified.length ?? 0;
          showToast(
            `${shown.name} was removed and the room has a new key${
              moved > 0
                ? `, sent to ${laptops(moved)} still in the room`
                : '; no laptop was connected to get it, so give everyone a fresh code from Invite'
            }.${
              unidentified > 0 ? ` ${laptops(unidentified)} that had not said who they are did not get it: give them a fresh code.` : ''
            }`,
            'info',
          );
          return true;
        } catch (error) {
          if (error instanceof CommandError) return error.message;
          console.error('Sitrep: removing a participant failed', error);
          return `The room could not be re-keyed: ${error instanceof Error ? error.message : String(error)}`;
        }
      }}
    >
      <p className="item-meta">To let {name} back in later, put them back on duty and give them a fresh code from Invite.</p>
    </FormDialog>
  );
}
