// Actions of the open incident that no single panel owns: the room's network, the views, undo.
import { useSyncExternalStore } from 'react';
import { useIncidentSession } from '../../state/incidentContext';
import { useUiStore } from '../../state/uiStore';
import { useNetwork } from '../room/useNetwork';
import { useAction } from './registry';

export function WarRoomActions() {
  const { network, history } = useIncidentSession();
  const { status } = useNetwork();
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

  const noRoom = status === null ? 'This incident has no room yet: invite responders first.' : null;
  useAction('room.offline', () => network.disconnect(), noRoom ?? (status?.paused ? 'Already offline.' : null));
  useAction('room.reconnect', () => network.reconnect(), noRoom);
  useAction('view.room', () => setView('room'), view === 'room' ? 'The room is showing.' : null);
  useAction('view.review', () => setView('review'), view === 'review' ? 'The review is showing.' : null);
  useAction(
    'edit.undo',
    () => {
      const label = history.nextUndoLabel();
      if (history.undo()) showToast(`Undid: ${label ?? 'your last change'}`, 'info');
    },
    canUndo ? null : 'Nothing of yours to undo.',
  );
  useAction(
    'edit.redo',
    () => {
      const label = history.nextRedoLabel();
      if (history.redo()) showToast(`Redid: ${label ?? 'your last change'}`, 'info');
    },
    canRedo ? null : 'Nothing of yours to redo.',
  );
  return null;
}
