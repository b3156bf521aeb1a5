// The briefing an incoming incident commander reads before accepting command: the state of the
// room in a few lines, generated from the document and then edited by the outgoing commander.
import type { EpochMs, IncidentSnapshot, Role, StatusUpdate } from './model';
import type { RoomPolicy } from './policy';
import { updateClock } from './cadence';
import { checkBackState } from './checkBacks';
import { currentHolders } from './selectors';
import { ROLE_LABELS } from './commands/roles';
import { formatHoursMinutes } from './time/durations';
// UTC: a briefing is shared between laptops in different zones.
import { formatUtcTime } from './time/instants';

/** What the briefing reads: the snapshot plus the posted status updates (for the update clock). */
export type BriefingSource = Pick<IncidentSnapshot, 'incident' | 'people' | 'roles' | 'tasks' | 'hypotheses' | 'timeline'> & {
  readonly updates: readonly StatusUpdate[];
};

/** Roles read out in every briefing, filled or not; other roles are listed only when held. */
export const BRIEFING_KEY_ROLES: readonly Role[] = ['incident-commander', 'scribe', 'communications-lead'];
const OTHER_ROLES: readonly Role[] = ['deputy', 'technical-lead', 'subject-matter-expert', 'liaison'];

function bullet(lines: string[]): string {
  return lines.map((line) => `- ${line}`).join('\n');
}

export function composeHandoffBriefing(source: BriefingSource, policy: RoomPolicy, now: EpochMs): string {
  const { incident } = source;
  const name = (id: string | null) => (id ? (source.people.find((p) => p.id === id)?.name ?? 'someone who left') : 'nobody');

  const state = [
    `Severity ${incident.severity}, phase ${incident.phase}; running ${formatHoursMinutes(now - incident.startedAt)} (started ${formatUtcTime(incident.startedAt)})`,
    `Summary: ${incident.summary || 'none written'}`,
    `Impact: ${incident.impact || 'none written'}`,
  ];
  if (incident.services.length) state.push(`Affected services: ${incident.services.join(', ')}`);

  const hypotheses = source.hypotheses
    .filter((h) => h.status === 'open' || h.status === 'investigating')
    .map((h) => `${h.statement} (${h.status}${h.ownerId ? `, ${name(h.ownerId)}` : ''})`);

  const tasks = source.tasks
    .filter((task) => task.status !== 'done')
    .map((task) => {
      const timer = checkBackState(task, now);
      const clock =
        timer.kind === 'running'
          ? `, check back in ${formatHoursMinutes(timer.msLeft + 59_999)} (${formatUtcTime(task.checkBackAt!)})`
          : timer.kind === 'overdue'
            ? `, check-back overdue by ${formatHoursMinutes(timer.lateMs)}`
            : '';
      const who = task.assigneeId ? name(task.assigneeId) : 'UNASSIGNED';
      return `${task.title}: ${who}, ${task.status === 'todo' ? 'to do' : task.status}${clock}`;
    });

  const clock = updateClock({ incident, updates: source.updates, timeline: source.timeline }, policy, now);
  const nextUpdate =
    clock.dueAt === null
      ? 'None due: the incident is resolved.'
      : clock.overdue
        ? `OVERDUE by ${formatHoursMinutes(now - clock.dueAt)} (was due ${formatUtcTime(clock.dueAt)})`
        : `Due ${formatUtcTime(clock.dueAt)}, in ${formatHoursMinutes((clock.msLeft ?? 0) + 59_999)}`;

  const roleLine = (role: Role) => {
    const holders = currentHolders(source.roles, role).map((t) => name(t.personId));
    return `${ROLE_LABELS[role]}: ${holders.length ? holders.join(', ') : 'UNFILLED'}`;
  };
  const roles = [
    ...BRIEFING_KEY_ROLES.map(roleLine),
    ...OTHER_ROLES.filter((role) => currentHolders(source.roles, role).length > 0).map(roleLine),
  ];

  return [
    `Command briefing: ${incident.title}`,
    `Written ${formatUtcTime(now)}`,
    '',
    'Current state',
    bullet(state),
    '',
    'Open hypotheses',
    hypotheses.length ? bullet(hypotheses) : '- None open.',
    '',
    'Running tasks',
    tasks.length ? bullet(tasks) : '- None running.',
    '',
    'Next status update',
    `- ${nextUpdate}`,
    '',
    'Exit criteria',
    `- ${incident.exitCriteria || 'Not agreed yet.'}`,
    '',
    'Key roles',
    bullet(roles),
  ].join('\n');
}
