// Taking command without a handover: a reason is required, and every peer sees it in a banner
// the replaced commander can contest (see @core/commands/authority).
import { useState } from 'react';
import { useCommand } from '../../state/incidentContext';
import { FormDialog, submitted } from '../../ui/FormDialog';

export function AssumeCommandDialog({
  open,
  onOpenChange,
  currentIcName,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Who holds command now, or null when nobody does. */
  currentIcName: string | null;
}) {
  const run = useCommand();
  const [reason, setReason] = useState('');
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Assume command"
      description={
        currentIcName
          ? `Take command from ${currentIcName} without a handover. Everyone in the room sees who took it, from whom and why; ${currentIcName} can contest it, which gives command back to them. If ${currentIcName} can hand over, ask for a handover instead.`
          : 'Nobody holds command. Everyone in the room sees who took it and why.'
      }
      submitLabel="Assume command"
      onSubmit={() => submitted(run((commands) => commands.assumeCommand({ reason })))}
      onClosed={() => setReason('')}
    >
      <div className="field">
        <label htmlFor="assume-command-reason">Why you are taking command</label>
        <textarea
          id="assume-command-reason"
          className="textarea"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="e.g. Avery has been unreachable for 10 minutes and the bridge needs a commander"
          rows={3}
          autoFocus
        />
      </div>
    </FormDialog>
  );
}
