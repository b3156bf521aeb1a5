// "← Incidents": goes back to the incident list, but first asks when the incident has changes
// that could not be saved (retry, export a copy, or stay).
import { useState } from 'react';
import { useServices } from '../../app/services';
import { useT } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { UnsavedChangesDialog, type UnsavedTarget } from './UnsavedChangesDialog';
import { useAction } from '../commands/registry';

export function LeaveIncidentButton({ incidentId }: { incidentId: string }) {
  const t = useT('app');
  const { sessions } = useServices();
  const goHome = useUiStore((s) => s.goHome);
  const [target, setTarget] = useState<UnsavedTarget | null>(null);
  const leave = () => {
    if (sessions.unsaved().some((u) => u.id === incidentId)) setTarget({ incidentId, purpose: 'leave' });
    else goHome();
  };
  useAction('room.leave', leave);
  return (
    <>
      <button type="button" className="btn btn-ghost btn-small" onClick={leave}>
        {t('shell.leaveIncident')}
      </button>
      <UnsavedChangesDialog
        target={target}
        onResolved={() => {
          setTarget(null);
          goHome();
        }}
        onStay={() => setTarget(null)}
      />
    </>
  );
}
