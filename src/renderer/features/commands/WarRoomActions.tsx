// Actions of the open incident that no single panel owns: the room's network, the views, undo.
import { useSyncExternalStore } from 'react';
import { useIncidentSession } from '../../state/incidentContext';
import { useT } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { useNetwork } from '../room/useNetwork';
import { useAction } from './registry';

export function WarRoomActions() {
  const { network, history } = useIncidentSession();
  const { status } = useNetwork();
  const t = useT('palette');
  const view = useUiStore((s) => s.warRoomView);
  const setView = useUiStore((s) => s.setWarRoomView);
  const showToast = useUiStore((s) => s.showToast);
  // Re-read whenever either stack changes, so the palette shows whether there is anything to undo.
  const canUndo = useSyncExternalStore(
    (onChange) => history.subscribe(onChange),
    () => history.canUndo(),
  );
  const canRedo = useSyncExternalStore(
    (onChange) => history.subscribe(onChange),
    () => history.canRedo(),
  );

  const noRoom = status === null ? t('reason.noRoom') : null;
  useAction('room.offline', () => network.disconnect(), noRoom ?? (status?.paused ? t('reason.alreadyOffline') : null));
  useAction('room.reconnect', () => network.reconnect(), noRoom);
  useAction('view.room', () => setView('room'), view === 'room' ? t('reason.roomShowing') : null);
  useAction('view.review', () => setView('review'), view === 'review' ? t('reason.reviewShowing') : null);
  useAction(
    'edit.undo',
    () => {
      const label = history.nextUndoLabel();
      if (history.undo()) showToast(t('undid', { label: label ?? t('lastChange') }), 'info');
    },
    canUndo ? null : t('reason.nothingToUndo'),
  );
  useAction(
    'edit.redo',
    () => {
      const label = history.nextRedoLabel();
      if (history.redo()) showToast(t('redid', { label: label ?? t('lastChange') }), 'info');
    },
    canRedo ? null : t('reason.nothingToRedo'),
  );
  return null;
}
