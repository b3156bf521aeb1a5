// Says why an undo or redo was refused (another person changed the record since), whichever
// control asked for it: the top bar's buttons or the keyboard shortcut.
import { useEffect } from 'react';
import { useIncidentSession } from '../../state/incidentContext';
import { useUiStore } from '../../state/uiStore';

export function useUndoRefusals(): void {
  const { history } = useIncidentSession();
  const showToast = useUiStore((s) => s.showToast);
  useEffect(() => {
    let shown = history.lastRefusal()?.serial ?? 0;
    return history.subscribe(() => {
      const refusal = history.lastRefusal();
      if (!refusal || refusal.serial === shown) return;
      shown = refusal.serial;
      showToast(refusal.message, 'info');
    });
  }, [history, showToast]);
}
