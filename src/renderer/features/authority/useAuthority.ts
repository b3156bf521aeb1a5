// The room's authority records for the views: assumptions of command and severity proposals,
// read again when the incident map (where they live) or the roles change.
import { useMemo } from 'react';
import type { CommandAssumption, SeverityProposal } from '@core/commands';
import { useCollection, useIncidentInfo, useIncidentSession } from '../../state/incidentContext';

export interface AuthorityView {
  readonly assumptions: readonly CommandAssumption[];
  /** Proposals still waiting for the commander (undecided, and not already the severity). */
  readonly pendingProposals: readonly SeverityProposal[];
}

export function useAuthority(): AuthorityView {
  const session = useIncidentSession();
  // The store gives the incident info a new identity on every change to the incident map.
  const info = useIncidentInfo();
  const roles = useCollection('roles');
  return useMemo(() => {
    if (!info || !roles) return { assumptions: [], pendingProposals: [] };
    return session.commands.readAuthority();
  }, [session, info, roles]);
}
