// The post-incident review derived from the document: the key timeline a reviewer reads first,
// and the draft text that fills empty review fields. Wording is blameless on purpose: it asks
// about systems, signals and conditions, never about who should have done what.
import type { EntrySubject, EpochMs, IncidentSnapshot, MilestoneKind, ReviewField } from './model';
import type { TFunction } from 'i18next';
import { translator, type UiLanguage } from './i18n';
import { computeMetrics, describeInversion, MILESTONE_ORDER } from './metrics';
import { timeDisplay } from './time/display';
import { formatDuration } from './time/durations';
import { formatZonedDateTime } from './time/instants';
import { milestoneName } from './commands/milestones';

export const REVIEW_FIELD_LABELS: Record<ReviewField, string> = {
  summary: 'Summary',
  impact: 'Impact',
  rootCause: 'Root cause',
  wentWell: 'What went well',
  wentBadly: 'What went badly',
  lessons: 'Lessons',
};

export type KeyMomentKind = 'milestone' | 'decision' | 'hypothesis-confirmed' | 'hypothesis-ruled-out' | 'change';

export const KEY_MOMENT_LABELS: Record<KeyMomentKind, string> = {
  milestone: 'Milestone',
  decision: 'Decision',
  'hypothesis-confirmed': 'Hypothesis confirmed',
  'hypothesis-ruled-out': 'Hypothesis ruled out',
  change: 'System change',
};

/** One line of the key timeline. */
export interface KeyMoment {
  /** Unique within the key timeline: kind and the record's id. */
  readonly key: string;
  readonly kind: KeyMomentKind;
  readonly at: EpochMs;
  readonly text: string;
  /** Person id or, for decisions, the author's id. */
  readonly by: string;
  readonly subject: EntrySubject | null;
  /** System changes only: null while applied, the rollback time once rolled back. */
  readonly rolledBackAt: EpochMs | null;
  /** System changes only: whether it was rolled back. */
  readonly rolledBack: boolean;
}

type KeyTimelineSource = Pick<IncidentSnapshot, 'milestones' | 'hypotheses' | 'changes' | 'timeline'>;

/**
 * When each hypothesis reached its current status: its latest status-change record (by hypothesis
 * id; one pass over the timeline, not one per hypothesis). Absent: its creation.
 */
function statusReachedTimes(snapshot: KeyTimelineSource): Map<string, EpochMs> {
  const times = new Map<string, EpochMs>();
  for (const entry of snapshot.timeline) {
    const id = entry.subject?.id;
    if (entry.event !== 'hypothesis.status-changed' || id === undefined) continue;
    const at = times.get(id);
    if (at === undefined || entry.at >= at) times.set(id, entry.at);
  }
  return times;
}

const KIND_RANK: Record<KeyMomentKind, number> = {
  milestone: 0,
  decision: 1,
  'hypothesis-confirmed': 2,
  'hypothesis-ruled-out': 3,
  change: 4,
};

/**
 * Milestones, decisions, confirmed and ruled-out hypotheses, and system changes (with whether
 * they were rolled back), in time order; ties by kind, then key, so every peer lists the same.
 */
export function keyTimeline(
  snapshot: KeyTimelineSource,
  nameMilestone: (kind: MilestoneKind, label: string) => string = milestoneName,
): readonly KeyMoment[] {
  const moments: KeyMoment[] = [];
  const base = { rolledBackAt: null, rolledBack: false } as const;
  for (const m of snapshot.milestones) {
    if (typeof m.retractedAt === 'number') continue;
    moments.push({
      ...base,
      key: `milestone:${m.id}`,
      kind: 'milestone',
      at: m.at,
      text: `${nameMilestone(m.kind, m.label)}${m.note ? ` (${m.note})` : ''}`,
      by: m.by,
      subject: { collection: 'milestones', id: m.id },
    });
  }
  for (const e of snapshot.timeline) {
    // A retracted decision was never taken; the export still lists it, marked, in the timeline.
    if (e.kind !== 'decision' || typeof e.retractedAt === 'number') continue;
    moments.push({
      ...base,
      key: `decision:${e.id}`,
      kind: 'decision',
      at: e.at,
      text: e.text,
      by: e.saidById ?? e.authorId,
      subject: { collection: 'timeline', id: e.id },
    });
  }
  const statusReachedAt = statusReachedTimes(snapshot);
  for (const h of snapshot.hypotheses) {
    if (h.status !== 'confirmed' && h.status !== 'ruled-out') continue;
    const kind = h.status === 'confirmed' ? 'hypothesis-confirmed' : 'hypothesis-ruled-out';
    moments.push({
      ...base,
      key: `${kind}:${h.id}`,
      kind,
      at: statusReachedAt.get(h.id) ?? h.createdAt,
      text: h.statement,
      by: h.ownerId ?? h.createdBy,
      subject: { collection: 'hypotheses', id: h.id },
    });
  }
  for (const c of snapshot.changes) {
    moments.push({
      key: `change:${c.id}`,
      kind: 'change',
      at: c.at,
      text: `${c.system}: ${c.description}`,
      by: c.madeBy,
      subject: { collection: 'changes', id: c.id },
      rolledBack: c.state === 'rolled-back',
      rolledBackAt: c.state === 'rolled-back' ? c.rolledBackAt : null,
    });
  }
  // Milestones marked in the same minute (the form has minute precision) keep their natural order.
  const milestoneRank = new Map(
    snapshot.milestones.map((m) => [`milestone:${m.id}`, m.kind === 'custom' ? MILESTONE_ORDER.length : MILESTONE_ORDER.indexOf(m.kind)]),
  );
  const rank = (moment: KeyMoment): number => milestoneRank.get(moment.key) ?? 0;
  moments.sort(
    (a, b) => a.at - b.at || KIND_RANK[a.kind] - KIND_RANK[b.kind] || rank(a) - rank(b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  return Object.freeze(moments.map((moment) => Object.freeze(moment)));
}

/** The text the draft puts in each empty field, built from the document as it is now. */
/**
 * What each review section asks for, blamelessly. Shown as the empty field's placeholder and
 * never written into the review: an untouched section stays empty in every export.
 */
export const REVIEW_PROMPTS: Readonly<Record<ReviewField, string>> = Object.freeze({
  summary: 'In two or three sentences: what happened, how it was noticed, and how service was restored.',
  impact: 'Who and what was affected, for how long and how badly: customers, requests, revenue, data.',
  rootCause:
    'What made this possible? Describe the conditions in systems, tooling and processes that let it happen and let it go unnoticed, not the people involved. The five whys below can help.',
  wentWell: 'What helped us detect, understand or mitigate this quickly? Alerts, dashboards, runbooks, practices.',
  wentBadly: 'Where did our systems, tools or processes make this harder? Missing signals, unclear runbooks, slow rollbacks, hand-offs.',
  lessons: 'What do we know about our systems now that we did not before? What will we change so this cannot happen the same way again?',
});

/** The reader's language and the zone the draft's times are in (by default the window's). */
export interface DraftOptions {
  readonly language?: UiLanguage;
  /** An IANA zone name, already resolved. */
  readonly zone?: string;
}

type DraftT = TFunction<['export']>;

function draftWords(language: UiLanguage): DraftT {
  // Keys carry their namespace: the translator's default namespace is `common`.
  return translator(language) as unknown as DraftT;
}

/**
 * The facts the draft can write into each section, from the record; empty where the record
 * has nothing to say (the section's prompt is shown instead, see REVIEW_PROMPTS). Written in the
 * reader's language; each time names its zone ("2025-03-12 13:52 UTC").
 */
export function draftReviewText(
  snapshot: Pick<IncidentSnapshot, 'incident' | 'hypotheses' | 'milestones' | 'changes'>,
  now: EpochMs,
  options: DraftOptions = {},
): Record<ReviewField, string> {
  const language = options.language ?? timeDisplay().language;
  const zone = options.zone ?? timeDisplay().zone;
  const t = draftWords(language);
  const time = (at: EpochMs) => formatZonedDateTime(at, zone, language);
  const { incident } = snapshot;
  const metrics = computeMetrics(snapshot, now);
  const confirmed = snapshot.hypotheses.filter((h) => h.status === 'confirmed');
  const ruledOut = snapshot.hypotheses.filter((h) => h.status === 'ruled-out');
  const { mitigated, resolved } = metrics.milestoneAt;

  const course = [
    t('export:reviewDraft.started', {
      title: incident.title,
      severity: incident.severity,
      time: time(metrics.milestoneAt.started ?? incident.startedAt),
    }),
  ];
  if (mitigated !== null) course.push(t('export:reviewDraft.mitigated', { time: time(mitigated) }));
  if (resolved !== null && metrics.totalDuration.ms !== null && !metrics.totalDuration.outOfOrder) {
    course.push(t('export:reviewDraft.resolved', { time: time(resolved), duration: formatDuration(metrics.totalDuration.ms, language) }));
  } else if (resolved === null) {
    course.push(t('export:reviewDraft.notResolved'));
  }
  // Sentences follow each other with a space, except in scripts that write none between them.
  const between = language === 'ja' || language === 'zh-CN' ? '' : ' ';
  const summary = [course.join(between)];
  if (incident.summary.trim()) summary.push(t('export:reviewDraft.knownAtDeclaration', { summary: incident.summary.trim() }));
  if (confirmed.length > 0) {
    summary.push(
      t('export:reviewDraft.confirmedCause', { causes: confirmed.map((h) => h.statement).join(t('export:reviewDraft.causeSeparator')) }),
    );
  }

  const impact: string[] = [];
  if (incident.impact.trim()) impact.push(incident.impact.trim());
  if (incident.services.length > 0) {
    impact.push(t('export:reviewDraft.services', { services: incident.services.join(t('export:reviewDraft.listSeparator')) }));
  }

  const rootCause: string[] = [];
  if (confirmed.length > 0) {
    rootCause.push(`${t('export:reviewDraft.confirmedDuring')}\n${confirmed.map((h) => `- ${h.statement}`).join('\n')}`);
  }
  if (ruledOut.length > 0) rootCause.push(`${t('export:reviewDraft.ruledOut')}\n${ruledOut.map((h) => `- ${h.statement}`).join('\n')}`);

  const rolledBack = snapshot.changes.filter((c) => c.state === 'rolled-back').length;
  const stillApplied = snapshot.changes.length - rolledBack;
  const wentWell: string[] = [];
  const wentBadly: string[] = [];
  if (stillApplied > 0) wentBadly.push(t('export:reviewDraft.notRolledBack', { count: stillApplied, n: String(stillApplied) }));
  for (const inversion of metrics.inversions) wentBadly.push(describeInversion(inversion, language));

  return {
    summary: summary.join('\n\n'),
    impact: impact.join('\n\n'),
    rootCause: rootCause.join('\n\n'),
    wentWell: wentWell.join('\n\n'),
    wentBadly: wentBadly.join('\n\n'),
    lessons: '',
  };
}

/** The first of the five whys the draft adds when there are none: about the system, not a person. */
export function firstWhyQuestion(title: string, language: UiLanguage = timeDisplay().language): string {
  return draftWords(language)('export:reviewDraft.firstWhy', { title });
}
