// Incident response metrics (time to detect, acknowledge, mitigate, resolve) derived from the
// standard milestones, with milestones recorded out of their natural order called out rather
// than hidden behind a negative number.
import type { EpochMs, IncidentSnapshot, Milestone, MilestoneKind } from './model';
import type { TFunction } from 'i18next';
import { translator, type UiLanguage } from './i18n';
import { formatDuration } from './time/durations';

export type StandardMilestoneKind = Exclude<MilestoneKind, 'custom'>;

/** The order in which the standard milestones of any incident happen. */
export const MILESTONE_ORDER: readonly StandardMilestoneKind[] = ['started', 'detected', 'acknowledged', 'mitigated', 'resolved'];

export const METRIC_NAMES = ['timeToDetect', 'timeToAcknowledge', 'timeToMitigate', 'timeToResolve', 'totalDuration'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

export interface Metric {
  readonly name: MetricName;
  /** Human label, such as "Time to detect". */
  readonly label: string;
  readonly from: StandardMilestoneKind;
  /** `null` for the total duration of an incident not yet resolved (measured up to `now`). */
  readonly to: StandardMilestoneKind | null;
  /** Milliseconds, or null when a milestone it needs has not been recorded. */
  readonly ms: number | null;
  /**
   * True when the duration is negative because its milestones were recorded in the wrong
   * order. The value is kept so the review can see it, but must never be shown as a plain number.
   */
  readonly outOfOrder: boolean;
}

/** Two standard milestones whose times contradict their natural order. */
export interface MilestoneInversion {
  /** The milestone that should come first. */
  readonly earlier: StandardMilestoneKind;
  readonly later: StandardMilestoneKind;
  readonly earlierAt: EpochMs;
  readonly laterAt: EpochMs;
  readonly message: string;
}

export interface IncidentMetrics {
  readonly timeToDetect: Metric;
  readonly timeToAcknowledge: Metric;
  readonly timeToMitigate: Metric;
  readonly timeToResolve: Metric;
  readonly totalDuration: Metric;
  /** The metrics in display order. */
  readonly list: readonly Metric[];
  /** Earliest time of each standard milestone kind; `started` falls back to the incident start. */
  readonly milestoneAt: Readonly<Record<StandardMilestoneKind, EpochMs | null>>;
  /** Where the start time came from. */
  readonly startedFrom: 'milestone' | 'incident';
  /** True while no `resolved` milestone exists: the total duration runs up to `now`. */
  readonly ongoing: boolean;
  readonly inversions: readonly MilestoneInversion[];
}

const KIND_LABELS: Record<StandardMilestoneKind, string> = {
  started: 'started',
  detected: 'detected',
  acknowledged: 'acknowledged',
  mitigated: 'mitigated',
  resolved: 'resolved',
};

/** The earliest recorded time of each standard milestone kind; custom milestones are ignored. */
export function earliestMilestones(milestones: readonly Milestone[]): Record<StandardMilestoneKind, EpochMs | null> {
  const earliest: Record<StandardMilestoneKind, EpochMs | null> = {
    started: null,
    detected: null,
    acknowledged: null,
    mitigated: null,
    resolved: null,
  };
  for (const milestone of milestones) {
    // A retracted milestone (a second "Started" by mistake) stays in the record but measures nothing.
    if (milestone.kind === 'custom' || typeof milestone.retractedAt === 'number' || !Number.isFinite(milestone.at)) continue;
    const current = earliest[milestone.kind];
    if (current === null || milestone.at < current) earliest[milestone.kind] = milestone.at;
  }
  return earliest;
}

function metric(
  name: MetricName,
  label: string,
  from: StandardMilestoneKind,
  to: StandardMilestoneKind | null,
  start: EpochMs | null,
  end: EpochMs | null,
): Metric {
  const ms = start === null || end === null ? null : end - start;
  return Object.freeze({ name, label, from, to, ms, outOfOrder: ms !== null && ms < 0 });
}

export function computeMetrics(snapshot: Pick<IncidentSnapshot, 'incident' | 'milestones'>, now: EpochMs): IncidentMetrics {
  const found = earliestMilestones(snapshot.milestones);
  const startedFrom = found.started === null ? 'incident' : 'milestone';
  const milestoneAt = Object.freeze({ ...found, started: found.started ?? snapshot.incident.startedAt });
  const { started, detected, acknowledged, mitigated, resolved } = milestoneAt;
  const ongoing = resolved === null;

  const timeToDetect = metric('timeToDetect', 'Time to detect', 'started', 'detected', started, detected);
  const timeToAcknowledge = metric('timeToAcknowledge', 'Time to acknowledge', 'detected', 'acknowledged', detected, acknowledged);
  const timeToMitigate = metric('timeToMitigate', 'Time to mitigate', 'started', 'mitigated', started, mitigated);
  const timeToResolve = metric('timeToResolve', 'Time to resolve', 'started', 'resolved', started, resolved);
  const totalDuration = metric('totalDuration', 'Total duration', 'started', ongoing ? null : 'resolved', started, resolved ?? now);

  return Object.freeze({
    timeToDetect,
    timeToAcknowledge,
    timeToMitigate,
    timeToResolve,
    totalDuration,
    list: Object.freeze([timeToDetect, timeToAcknowledge, timeToMitigate, timeToResolve, totalDuration]),
    milestoneAt,
    startedFrom,
    ongoing,
    inversions: findInversions(milestoneAt),
  });
}

/** Every pair of recorded standard milestones whose times contradict the natural order. */
export function findInversions(milestoneAt: Readonly<Record<StandardMilestoneKind, EpochMs | null>>): readonly MilestoneInversion[] {
  const inversions: MilestoneInversion[] = [];
  MILESTONE_ORDER.forEach((earlier, i) => {
    for (const later of MILESTONE_ORDER.slice(i + 1)) {
      const earlierAt = milestoneAt[earlier];
      const laterAt = milestoneAt[later];
      if (earlierAt === null || laterAt === null || earlierAt <= laterAt) continue;
      inversions.push(
        Object.freeze({
          earlier,
          later,
          earlierAt,
          laterAt,
          message:
            // English for logs and old readers; people read describeInversion in their language.
            `Milestones out of order: "${KIND_LABELS[later]}" is ${formatDuration(earlierAt - laterAt, 'en')} ` +
            `before "${KIND_LABELS[earlier]}", but an incident is ${KIND_LABELS[earlier]} before it is ` +
            `${KIND_LABELS[later]}. Check the times of these milestones.`,
        }),
      );
    }
  });
  return Object.freeze(inversions);
}

/** The incident clock as the room shows it. */
export interface IncidentClock {
  /** The Started milestone (as backdated), or the declared start when there is none. */
  readonly startedAt: EpochMs;
  /** The Resolved milestone, where the clock stops; null while the incident is not resolved. */
  readonly stoppedAt: EpochMs | null;
  /** From start to stop, or to now while it runs. */
  readonly elapsedMs: number;
  /** False once resolved, and for an incident imported from a file (a record of the past). */
  readonly running: boolean;
}

export function incidentClock(
  snapshot: Pick<IncidentSnapshot, 'incident' | 'milestones'>,
  now: EpochMs,
  importedAt: EpochMs | null = null,
): IncidentClock {
  const earliest = earliestMilestones(snapshot.milestones);
  const startedAt = earliest.started ?? snapshot.incident.startedAt;
  const stoppedAt = earliest.resolved;
  const end = stoppedAt ?? (importedAt === null ? now : Math.min(now, importedAt));
  return Object.freeze({
    startedAt,
    stoppedAt,
    elapsedMs: Math.max(0, end - startedAt),
    running: stoppedAt === null && importedAt === null,
  });
}

/** An inversion in the reader's language (the export's, the review's), from the `export` catalog. */
export function describeInversion(inversion: MilestoneInversion, language: UiLanguage): string {
  const t = translator(language) as unknown as TFunction<['export']>;
  return t('export:report.metric.inversion', {
    later: t(`export:report.milestoneWord.${inversion.later}`),
    earlier: t(`export:report.milestoneWord.${inversion.earlier}`),
    duration: formatDuration(inversion.earlierAt - inversion.laterAt, language),
  });
}
