// The check-backs the local person should hear about, and one desktop notification per expiry.
import { useEffect, useMemo } from 'react';
import { timersRun } from '@core/cadence';
import { checkBacksDue, checkBacksFor, type DueCheckBack } from '@core/checkBacks';
import { incidentCommander } from '@core/selectors';
import { getPlatform } from '../../platform';
import { uiI18n } from '../../i18n';
import { useCollection, useImportedAt, useIncidentInfo, useIncidentSession } from '../../state/incidentContext';

export interface MyCheckBacks {
  /** Due check-backs this person should act on: all for the IC, their own for an assignee. */
  readonly due: readonly DueCheckBack[];
  readonly isCommander: boolean;
}

/** Whether the incident's timers run: not once it is resolved, never for an imported incident. */
export function useIncidentTimersRun(): boolean {
  const incident = useIncidentInfo();
  const milestones = useCollection('milestones');
  const importedAt = useImportedAt();
  return incident !== null && timersRun({ incident, milestones, importedAt });
}

export function useMyCheckBacks(now: number): MyCheckBacks {
  const { me } = useIncidentSession();
  const tasks = useCollection('tasks');
  const people = useCollection('people');
  const roles = useCollection('roles');
  const incident = useIncidentInfo();
  const milestones = useCollection('milestones');
  const importedAt = useImportedAt();
  const isCommander = incidentCommander(roles)?.personId === me.id;
  const due = useMemo(
    () =>
      checkBacksFor(checkBacksDue({ tasks, people, ...(incident ? { incident, milestones, importedAt } : {}) }, now), me.id, isCommander),
    [tasks, people, incident, milestones, importedAt, now, me.id, isCommander],
  );
  return { due, isCommander };
}

/** Expiries already announced in this window, by task and check-back time (an extension is a new expiry). */
const announced = new Set<string>();

export function useCheckBackNotifications(due: readonly DueCheckBack[]): void {
  useEffect(() => {
    for (const item of due) {
      const key = `${item.task.id}@${item.checkBackAt}`;
      if (announced.has(key)) continue;
      announced.add(key);
      const { t } = uiI18n();
      const who = item.assignee?.name ?? t('work:checkBack.nobodyAssigned');
      getPlatform()
        .notify(t('work:checkBack.notifyTitle'), t('work:checkBack.notifyBody', { who, title: item.task.title }))
        .catch((error: unknown) => {
          // The room still shows the alert; say why the desktop did not.
          console.warn('Sitrep: the check-back notification was not shown:', error instanceof Error ? error.message : error);
        });
    }
  }, [due]);
}
