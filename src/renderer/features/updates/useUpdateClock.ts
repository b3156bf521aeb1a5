// The status update clock and due escalations for the open incident, re-read every second.
import { escalationsDue, updateClock, type EscalationPrompt, type UpdateClock } from '@core/cadence';
import type { IncidentInfo } from '@core/model';
import { useCollection, useImportedAt, useIncidentInfo, useNow } from '../../state/incidentContext';
import { useEscalationAcknowledgements, usePolicy } from './usePolicy';

export interface UpdatesState {
  readonly incident: IncidentInfo;
  readonly clock: UpdateClock;
  readonly escalations: readonly EscalationPrompt[];
  readonly now: number;
}

export function useUpdatesState(): UpdatesState | null {
  const incident = useIncidentInfo();
  const updates = useCollection('updates');
  const timeline = useCollection('timeline');
  const milestones = useCollection('milestones');
  const importedAt = useImportedAt();
  const policy = usePolicy();
  const escalationAcks = useEscalationAcknowledgements();
  const now = useNow(1000);
  if (!incident) return null;
  // A pass over the timeline per tick; it only reads severity-change records, so 10,000 entries stay cheap.
  // Milestones and the import time stop the clock and the escalations once resolved or for an imported record.
  const source = { incident, updates, timeline, escalationAcks, milestones, importedAt };
  return {
    incident,
    clock: updateClock(source, policy, now),
    escalations: escalationsDue(source, policy, now),
    now,
  };
}
