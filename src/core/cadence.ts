// The status update clock and escalation prompts, computed only from document data and a
// given "now", so every peer that has synced shows the same due time and the same prompts.
import { SEVERITIES, type EpochMs, type IncidentInfo, type Milestone, type Severity, type StatusUpdate, type TimelineEntry } from './model';
import type { EscalationAcknowledgement } from './escalations';
import type { EscalationRule, RoomPolicy } from './policy';

const MINUTE = 60_000;

/** Phases in which no more updates fall due and nobody is escalated to. */
export function incidentIsOver(incident: IncidentInfo, milestones: readonly Milestone[] = []): boolean {
  if (incident.phase === 'resolved' || incident.phase === 'closed') return true;
  return milestones.some((m) => m.kind === 'resolved' && typeof m.retractedAt !== 'number');
}

/**
 * Whether the incident's timers (update cadence, escalations, check-backs) run: not once it is
 * resolved (by phase or by a Resolved milestone), and never for an incident imported from a
 * file, which is a record of the past.
 */
export interface TimerState {
  readonly incident: IncidentInfo;
  readonly milestones?: readonly Milestone[];
  readonly importedAt?: EpochMs | null;
}

export function timersRun(state: TimerState): boolean {
  return !incidentIsOver(state.incident, state.milestones) && (state.importedAt ?? null) === null;
}

export interface SeverityPeriod {
  readonly from: EpochMs;
  readonly severity: Severity;
}

const SEVERITY_CHANGE = /^Severity changed from (SEV[1-4]) to (SEV[1-4])/;

function isSeverity(value: string | undefined): value is Severity {
  return (SEVERITIES as readonly (string | undefined)[]).includes(value);
}

/**
 * The incident's severity over time, from declaration on, read from the severity-change
 * records the changeSeverity command writes. Whatever the records say, the last period is
 * the severity the incident holds now (after concurrent changes the document has one value).
 */
export function severityHistory(incident: IncidentInfo, timeline: readonly TimelineEntry[]): SeverityPeriod[] {
  const changes: Array<{ at: EpochMs; from: Severity; to: Severity }> = [];
  for (const entry of timeline) {
    if (entry.event !== 'incident.severity-changed') continue;
    // Since events carry parameters, from and to are values; older entries say it in English.
    const from = entry.params ? entry.params.from : SEVERITY_CHANGE.exec(entry.text)?.[1];
    const to = entry.params ? entry.params.to : SEVERITY_CHANGE.exec(entry.text)?.[2];
    if (typeof from === 'string' && typeof to === 'string' && isSeverity(from) && isSeverity(to)) changes.push({ at: entry.at, from, to });
  }
  const periods: SeverityPeriod[] = [{ from: incident.declaredAt, severity: changes[0]?.from ?? incident.severity }];
  for (const change of changes) periods.push({ from: Math.max(change.at, incident.declaredAt), severity: change.to });
  const last = periods[periods.length - 1]!;
  if (last.severity !== incident.severity) periods.push({ from: last.from, severity: incident.severity });
  return periods;
}

function severityAt(periods: readonly SeverityPeriod[], at: EpochMs): Severity {
  let severity = periods[0]!.severity;
  for (const period of periods) if (period.from <= at) severity = period.severity;
  return severity;
}

/** What the clock reads from: the incident, its posted updates and its timeline. */
export interface ClockSource extends TimerState {
  readonly updates: readonly StatusUpdate[];
  readonly timeline: readonly TimelineEntry[];
}

export interface UpdateClock {
  /** When the last update was posted; null when none has been. */
  readonly lastPostedAt: EpochMs | null;
  /** When the next update is due; null once the incident is resolved or closed. */
  readonly dueAt: EpochMs | null;
  /** Time left until due (negative when overdue); null when nothing is due. */
  readonly msLeft: number | null;
  readonly overdue: boolean;
}

/**
 * When the next status update is due.
 *
 * Base: the last posted update, or the declaration when none has been posted. With no
 * severity change since the base, the next update is due one cadence (for the current
 * severity) after it. After a severity change at time S, it is due at the earlier of the
 * promise in force at the base (base + cadence of the severity then) and S + cadence of the
 * current severity: raising the severity pulls the due time in, giving one new cadence from
 * the change, and lowering it never pushes back a time already promised. Policy edits apply at
 * once, because the cadence is read from the current policy.
 */
export function updateClock(source: ClockSource, policy: RoomPolicy, now: EpochMs): UpdateClock {
  let last: StatusUpdate | null = null;
  for (const update of source.updates) if (!last || update.postedAt >= last.postedAt) last = update;
  const lastPostedAt = last?.postedAt ?? null;
  if (!timersRun(source)) return Object.freeze({ lastPostedAt, dueAt: null, msLeft: null, overdue: false });

  const periods = severityHistory(source.incident, source.timeline);
  const base = lastPostedAt ?? source.incident.declaredAt;
  const severityAtBase = last ? last.severityAtPost : severityAt(periods, base);
  const current = source.incident.severity;
  const cadence = (severity: Severity) => policy.cadenceMinutes[severity] * MINUTE;
  const changedSince = periods.filter((period, index) => index > 0 && period.from > base);
  const lastChange = changedSince[changedSince.length - 1];
  const dueAt = lastChange ? Math.min(base + cadence(severityAtBase), lastChange.from + cadence(current)) : base + cadence(current);
  return Object.freeze({ lastPostedAt, dueAt, msLeft: dueAt - now, overdue: now >= dueAt });
}

/** What escalation prompts read from. */
export interface EscalationSource extends TimerState {
  readonly timeline: readonly TimelineEntry[];
  readonly escalationAcks: readonly EscalationAcknowledgement[];
}

export interface EscalationPrompt {
  readonly rule: EscalationRule;
  /** When the rule's time came. */
  readonly dueAt: EpochMs;
}

const rank = (severity: Severity) => SEVERITIES.indexOf(severity);

/**
 * Escalations whose time has come and that nobody has acknowledged, oldest first.
 *
 * A rule for severity X applies while the incident is at X or worse, and counts from when it
 * became X-or-worse without a break (since declaration if it always was): "SEV2 still open
 * after 2 hours" also fires for an incident raised to SEV1 along the way. Acknowledged rules
 * stay quiet, and nothing prompts once the incident is resolved or closed.
 */
export function escalationsDue(source: EscalationSource, policy: RoomPolicy, now: EpochMs): EscalationPrompt[] {
  if (!timersRun(source)) return [];
  const acknowledged = new Set(source.escalationAcks.map((ack) => ack.ruleId));
  const periods = severityHistory(source.incident, source.timeline);
  const prompts: EscalationPrompt[] = [];
  for (const rule of policy.escalationRules) {
    if (acknowledged.has(rule.id) || rank(source.incident.severity) > rank(rule.severity)) continue;
    let since = periods[periods.length - 1]!.from;
    for (let i = periods.length - 1; i >= 0 && rank(periods[i]!.severity) <= rank(rule.severity); i--) since = periods[i]!.from;
    const dueAt = since + rule.afterMinutes * MINUTE;
    if (now >= dueAt) prompts.push({ rule, dueAt });
  }
  return prompts.sort((a, b) => a.dueAt - b.dueAt || a.rule.id.localeCompare(b.rule.id));
}
