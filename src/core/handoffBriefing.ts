// The briefing an incoming incident commander reads before accepting command: the state of the
// room in a few lines, generated from the document and then edited by the outgoing commander.
// Written in the reader's language and zone (by default the window's, see time/display.ts);
// every time in it carries its zone ("09:10 UTC", "18:10 UTC+09:00"), so it reads the same on
// a laptop set to another zone.
import type { TFunction } from 'i18next';
import type { EpochMs, IncidentSnapshot, Role, StatusUpdate } from './model';
import type { RoomPolicy } from './policy';
import { updateClock } from './cadence';
import { checkBackState } from './checkBacks';
import { currentHolders } from './selectors';
import { translator, type UiLanguage } from './i18n';
import { timeDisplay } from './time/display';
import { formatHoursMinutes } from './time/durations';
import { formatZonedClock } from './time/instants';

/** What the briefing reads: the snapshot plus the posted status updates (for the update clock). */
export type BriefingSource = Pick<IncidentSnapshot, 'incident' | 'people' | 'roles' | 'tasks' | 'hypotheses' | 'timeline'> & {
  readonly updates: readonly StatusUpdate[];
};

/** The reader's language and the zone the briefing's times are in. */
export interface BriefingOptions {
  readonly language?: UiLanguage;
  /** An IANA zone name, already resolved. */
  readonly zone?: string;
}

/** Roles read out in every briefing, filled or not; other roles are listed only when held. */
export const BRIEFING_KEY_ROLES: readonly Role[] = ['incident-commander', 'scribe', 'communications-lead'];
const OTHER_ROLES: readonly Role[] = ['deputy', 'technical-lead', 'subject-matter-expert', 'liaison'];

function bullet(lines: string[]): string {
  return lines.map((line) => `- ${line}`).join('\n');
}

export function composeHandoffBriefing(source: BriefingSource, policy: RoomPolicy, now: EpochMs, options: BriefingOptions = {}): string {
  const display = timeDisplay();
  const language = options.language ?? display.language;
  const zone = options.zone ?? display.zone;
  // Keys carry their namespace: the translator's default namespace is `common`.
  const t = translator(language) as unknown as TFunction<['updates', 'common']>;
  const time = (at: EpochMs) => formatZonedClock(at, now, zone, language);
  const duration = (ms: number) => formatHoursMinutes(ms, language);
  const { incident } = source;
  const name = (id: string | null) =>
    id ? (source.people.find((p) => p.id === id)?.name ?? t('updates:briefing.someoneWhoLeft')) : t('updates:briefing.nobody');
  const orNone = (text: string) => text || t('updates:briefing.noneWritten');

  const state = [
    t('updates:briefing.state', {
      severity: incident.severity,
      phase: t(`updates:briefing.phase.${incident.phase}`),
      duration: duration(now - incident.startedAt),
      time: time(incident.startedAt),
    }),
    t('updates:briefing.summary', { text: orNone(incident.summary) }),
    t('updates:briefing.impact', { text: orNone(incident.impact) }),
  ];
  if (incident.services.length) {
    state.push(t('updates:briefing.services', { services: incident.services.join(t('updates:briefing.listSeparator')) }));
  }

  const hypotheses = source.hypotheses
    .filter((h) => h.status === 'open' || h.status === 'investigating')
    .map((h) => {
      const status = t(`updates:briefing.hypothesisStatus.${h.status as 'open' | 'investigating'}`);
      return h.ownerId
        ? t('updates:briefing.hypothesisOwned', { statement: h.statement, status, owner: name(h.ownerId) })
        : t('updates:briefing.hypothesis', { statement: h.statement, status });
    });

  const tasks = source.tasks
    .filter((task) => task.status !== 'done')
    .map((task) => {
      const timer = checkBackState(task, now);
      const values = {
        title: task.title,
        who: task.assigneeId ? name(task.assigneeId) : t('updates:briefing.unassigned'),
        status: t(`updates:briefing.taskStatus.${task.status as 'todo' | 'doing' | 'blocked'}`),
      };
      if (timer.kind === 'running') {
        return t('updates:briefing.taskCheckBack', { ...values, duration: duration(timer.msLeft + 59_999), time: time(task.checkBackAt!) });
      }
      if (timer.kind === 'overdue') return t('updates:briefing.taskOverdue', { ...values, duration: duration(timer.lateMs) });
      return t('updates:briefing.task', values);
    });

  const clock = updateClock({ incident, updates: source.updates, timeline: source.timeline }, policy, now);
  const nextUpdate =
    clock.dueAt === null
      ? t('updates:briefing.noneDue')
      : clock.overdue
        ? t('updates:briefing.overdue', { duration: duration(now - clock.dueAt), time: time(clock.dueAt) })
        : t('updates:briefing.due', { time: time(clock.dueAt), duration: duration((clock.msLeft ?? 0) + 59_999) });

  const roleLine = (role: Role) => {
    const holders = currentHolders(source.roles, role).map((tenure) => name(tenure.personId));
    return t('updates:briefing.role', {
      role: t(`common:role.${role}`),
      holders: holders.length ? holders.join(t('updates:briefing.listSeparator')) : t('updates:briefing.unfilled'),
    });
  };
  const roles = [
    ...BRIEFING_KEY_ROLES.map(roleLine),
    ...OTHER_ROLES.filter((role) => currentHolders(source.roles, role).length > 0).map(roleLine),
  ];

  return [
    t('updates:briefing.title', { title: incident.title }),
    t('updates:briefing.written', { time: time(now) }),
    '',
    t('updates:briefing.currentState'),
    bullet(state),
    '',
    t('updates:briefing.openHypotheses'),
    hypotheses.length ? bullet(hypotheses) : `- ${t('updates:briefing.noneOpen')}`,
    '',
    t('updates:briefing.runningTasks'),
    tasks.length ? bullet(tasks) : `- ${t('updates:briefing.noneRunning')}`,
    '',
    t('updates:briefing.nextUpdate'),
    `- ${nextUpdate}`,
    '',
    t('updates:briefing.exitCriteria'),
    `- ${incident.exitCriteria || t('updates:briefing.notAgreed')}`,
    '',
    t('updates:briefing.keyRoles'),
    bullet(roles),
  ].join('\n');
}
