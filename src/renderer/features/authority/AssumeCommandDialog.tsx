// Taking command without a handover: a reason is required, and every peer sees it in a banner
// the replaced commander can contest (see @core/commands/authority).
import { useState } from 'react';
import { useCommand } from '../../state/incidentContext';
import { FormDialog, submitted } from '../../ui/FormDialog';
import { useT } from '../../i18n';

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
  const t = useT('warroom');
  const run = useCommand();
  const [reason, setReason] = useState('');
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('assume.title')}
      description={currentIcName ? t('assume.descriptionFrom', { name: currentIcName }) : t('assume.descriptionNobody')}
      submitLabel={t('assume.submit')}
      onSubmit={() => submitted(run((commands) => commands.assumeCommand({ reason })))}
      onClosed={() => setReason('')}
    >
      <div className="field">
        <label htmlFor="assume-command-reason">{t('assume.reason')}</label>
        <textarea
          id="assume-command-reason"
          className="textarea"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('assume.reasonPlaceholder')}
          rows={3}
          autoFocus
        />
      </div>
    </FormDialog>
  );
}
