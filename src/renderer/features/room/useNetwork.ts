// React's view of the open incident's network: the room status and who is present.
import type React from 'react';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { EditingSubject, PeerPresence, PresenceSnapshot } from '../../sync/rooms/presence';
import type { NetworkSnapshot } from '../../sync/rooms/incidentNetwork';
import { useIncidentSession } from '../../state/incidentContext';

export function useNetwork(): NetworkSnapshot {
  const { network } = useIncidentSession();
  return useSyncExternalStore(
    useCallback((onChange) => network.subscribe(onChange), [network]),
    () => network.snapshot(),
  );
}

export function usePresence(): PresenceSnapshot {
  const { network } = useIncidentSession();
  return useSyncExternalStore(
    useCallback((onChange) => network.subscribePresence(onChange), [network]),
    () => network.presence(),
  );
}

/** Tells the room which record this person is editing while the calling component is mounted. */
export function usePublishEditing(subject: EditingSubject | null): void {
  const { network } = useIncidentSession();
  const collection = subject?.collection ?? null;
  const id = subject?.id ?? null;
  useEffect(() => {
    if (!collection || !id) return;
    network.setEditing({ collection, id });
    return () => network.setEditing(null);
  }, [network, collection, id]);
}

/** Other people editing a given record right now. */
export function useEditorsOf(subject: EditingSubject): PeerPresence[] {
  const presence = usePresence();
  return [...presence.online.values()].filter((peer) => peer.editing?.collection === subject.collection && peer.editing.id === subject.id);
}

/**
 * Focus handlers for a record's row: while the keyboard focus is inside it (a select, a button),
 * the room sees this person working on that record.
 */
export function useEditingFocus(subject: EditingSubject): { onFocus: () => void; onBlur: (event: React.FocusEvent) => void } {
  const { network } = useIncidentSession();
  const { collection, id } = subject;
  return {
    onFocus: () => network.setEditing({ collection, id }),
    onBlur: (event) => {
      if (!event.currentTarget.contains(event.relatedTarget as Node | null)) network.setEditing(null);
    },
  };
}
