// Everything the handoff briefing reads, from the live store.
import type { BriefingSource } from '@core/handoffBriefing';
import { useCollection, useIncidentInfo } from '../../state/incidentContext';

export function useBriefingSource(): BriefingSource | null {
  const incident = useIncidentInfo();
  const people = useCollection('people');
  const roles = useCollection('roles');
  const tasks = useCollection('tasks');
  const hypotheses = useCollection('hypotheses');
  const timeline = useCollection('timeline');
  const updates = useCollection('updates');
  if (!incident) return null;
  return { incident, people, roles, tasks, hypotheses, timeline, updates };
}
