// Hooks for the room policy and acknowledged escalations, shared by every peer through the
// document: read here, written only through the policy and escalation commands.
import { useCallback, useSyncExternalStore } from 'react';
import type { EscalationAcknowledgement } from '@core/escalations';
import type { RoomPolicy } from '@core/policy';
import { useIncidentSession } from '../../state/incidentContext';

export function usePolicy(): RoomPolicy {
  const { store } = useIncidentSession();
  return useSyncExternalStore(
    useCallback((onChange) => store.subscribe('policy', onChange), [store]),
    () => store.getPolicy(),
  );
}

export function useEscalationAcknowledgements(): readonly EscalationAcknowledgement[] {
  const { store } = useIncidentSession();
  return useSyncExternalStore(
    useCallback((onChange) => store.subscribe('escalationAcks', onChange), [store]),
    () => store.getEscalationAcknowledgements(),
  );
}
