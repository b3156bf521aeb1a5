// "Saving…" / "All changes saved" / "Not saved" in the war room header. It says saved only once
// the storage layer reports every change committed to IndexedDB, so a responder can trust it
// before closing the laptop.
import { useCallback, useSyncExternalStore } from 'react';
import { useServices } from '../../app/services';
import { useIncidentSession } from '../../state/incidentContext';
import type { SaveState, SaveStateSource } from '../../sync/storage';
import './SaveStatus.css';
import { useT } from '../../i18n';

const NOT_OPEN: SaveState = Object.freeze({ status: 'saving' });

function useSaveState(source: SaveStateSource | null): SaveState {
  return useSyncExternalStore(
    useCallback((onChange: () => void) => source?.subscribe(onChange) ?? (() => undefined), [source]),
    () => source?.current() ?? NOT_OPEN,
  );
}

export function SaveStatus() {
  const t = useT('warroom');
  const { id } = useIncidentSession();
  const { sessions } = useServices();
  const state = useSaveState(sessions.saveStateOf(id));
  const detail = state.status === 'failed' ? state.error.message : undefined;
  return (
    <span
      className={`save-status save-${state.status}`}
      role="status"
      aria-live="polite"
      aria-label={t('save.label')}
      title={detail ?? t(`save.${state.status}`)}
    >
      <span className="save-dot" aria-hidden="true" />
      {t(`save.${state.status}`)}
    </span>
  );
}
