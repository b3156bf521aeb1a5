// The open incident's review, live: re-renders when anyone's edit reaches this document.
import { useCallback, useSyncExternalStore } from 'react';
import type { IncidentReview } from '@core/model';
import { useIncidentSession } from '../../state/incidentContext';

export function useReview(): IncidentReview {
  const { store } = useIncidentSession();
  return useSyncExternalStore(
    useCallback((onChange) => store.subscribe('review', onChange), [store]),
    () => store.getReview(),
  );
}
