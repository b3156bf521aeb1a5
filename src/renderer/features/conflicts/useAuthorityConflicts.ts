// The merged document's unconfirmed authority conflicts, recomputed when roles, people or the
// incident map change.
import { useMemo } from 'react';
import { findAuthorityConflicts, type AuthorityConflict } from '@core/conflicts';
import { useCollection, useIncidentInfo, useIncidentSession } from '../../state/incidentContext';

export function useAuthorityConflicts(): readonly AuthorityConflict[] {
  const session = useIncidentSession();
  const roles = useCollection('roles');
  const people = useCollection('people');
  // Severity change records live in the incident map, and the store gives the incident info a
  // new identity on every change to that map: `info` is the signal to read them again.
  const info = useIncidentInfo();
  return useMemo(
    () =>
      findAuthorityConflicts({
        roles,
        people,
        severity: info?.severity ?? null,
        severityChanges: info ? session.severityChanges() : [],
      }),
    [session, info, roles, people],
  );
}
