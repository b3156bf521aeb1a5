// Says why an undo or redo was refused (another person changed the record since), whichever
// control asked for it: the top bar's buttons or the keyboard shortcut.
import { refusalText } from '@core/commands/refusals';
import { useEffect } from 'react';
import { uiI18n } from '../../i18n';
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
      // In the window's language; the refusal's message is the English text, for logs.
      showToast(refusalText(refusal.key, refusal.params, uiI18n().t), 'info');
    });
  }, [history, showToast]);
}
