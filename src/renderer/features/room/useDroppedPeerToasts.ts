// One error toast per peer the room's guard drops, so a person notices a hostile or broken peer
// without opening the connection dialog.
import { useEffect } from 'react';
import type { DroppedPeer } from '../../sync/rooms/peerGuard';
import { useUiStore } from '../../state/uiStore';
import { droppedPeerText, useRoomT } from './roomText';

/** Drops already announced: the records live for the session, so a remounted header stays quiet. */
const announced = new WeakSet<DroppedPeer>();

export function useDroppedPeerToasts(dropped: readonly DroppedPeer[]): void {
  const t = useRoomT();
  const showToast = useUiStore((s) => s.showToast);
  useEffect(() => {
    for (const peer of dropped) {
      if (announced.has(peer)) continue;
      announced.add(peer);
      showToast(t('dropped.toast', { peer: droppedPeerText(t, peer) }), 'error');
    }
  }, [dropped, showToast, t]);
}
