// The incident review report as plain text blocks, shared by the Markdown and HTML exporters so
// both always carry the same sections; each renderer only escapes and lays out.
import { formatBytes } from '../attachments/metadata';
import type { EpochMs, Hypothesis, Milestone, Person, RoleAssignment, TimelineEntry } from '../model';
import type { IncidentMetrics, Metric } from '../metrics';
import { formatDuration } from '../time/durations';
import { exportContext, type ExportContext, type ExportOptions, type ExportT } from './context';
import { keyTimeline } from '../review';
import { formatZonedTime } from './timeZone';
import { entryText as eventText } from '../events/entryText';
import { describeInversion } from '../metrics';
import { translator } from '../i18n';

export type ReportBlock =
  /** Free text written by people: line breaks are meaningful. */
  | { readonly type: 'text'; readonly text: string }
  /** Label and value pairs. */
  | { readonly type: 'fields'; readonly fields: ReadonlyArray<readonly [label: string, value: string]> }
  | {
      readonly type: 'table';
      readonly caption: string;
      readonly columns: readonly string[];
      /** Indexes of the columns that hold times (set in tabular figures). */
      readonly timeColumns: ReadonlySet<number>;
      readonly rows: ReadonlyArray<readonly string[]>;
    }
  /** What a reader should notice, such as milestones recorded out of order. */
  | { readonly type: 'warning'; readonly text: string }
  /** Says that a section has nothing in it. */
  | { readonly type: 'empty'; readonly text: string };

export interface ReportSection {
  /** Stable identifier, usable as an HTML id. */
  readonly id: string;
  readonly title: string;
  readonly blocks: readonly ReportBlock[];
  readonly subsections: readonly ReportSection[];
}

export interface Report {
  readonly title: string;
  readonly header: ReportBlock;
  readonly sections: readonly ReportSection[];
  readonly footer: string;
  /** Resolved IANA zone the times are written in. */
  readonly zone: string;
  /** The language it is written in, for `<html lang>`. */
  readonly language: string;
  /** Its words in that language ("Warning:", the document title). */
  readonly t: ExportT;
}

/** The English words, for callers that have no export context (the CSV's correction column takes the export's). */
function englishT(): ExportT {
  return translator('en') as unknown as ExportT;
}

/** What an empty value shows as. */
export const NONE = '—';

/** "ruled-out" -> "Ruled out", "incident-commander" -> "Incident commander". */
export function humanize(value: string): string {
  const spaced = value.replace(/-/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function orNone(value: string): string {
  return value.trim() === '' ? NONE : value;
}

function section(id: string, title: string, blocks: ReportBlock[], subsections: ReportSection[] = []): ReportSection {
  return { id, title, blocks, subsections };
}

/** Column keys (`export:report.column.*`) whose cells are times. */
const TIME_COLUMNS: ReadonlySet<string> = new Set([
  'time',
  'when',
  'since',
  'from',
  'until',
  'joined',
  'happened',
  'recorded',
  'due',
  'created',
  'applied',
  'rolledBack',
]);

type ColumnKey = keyof typeof import('../../locales/en/export.json')['report']['column'];

function table(t: ExportT, caption: string, columns: ColumnKey[], rows: string[][], empty: string): ReportBlock {
  if (rows.length === 0) return { type: 'empty', text: empty };
  const timeColumns = new Set(columns.flatMap((column, index) => (TIME_COLUMNS.has(column) ? [index] : [])));
  return { type: 'table', caption, columns: columns.map((column) => t(`export:report.column.${column}`)), timeColumns, rows };
}

/** Entries written down more than this long after they happened are shown as backdated. */
const BACKDATED_AFTER_MS = 60_000;

export function milestoneName(milestone: Milestone, t: ExportT = englishT()): string {
  return milestone.kind === 'custom' ? orNone(milestone.label) : t(`common:milestone.${milestone.kind}`);
}

function metricValue(ctx: ExportContext, metric: Metric, metrics: IncidentMetrics): string {
  const { t, language } = ctx;
  if (metric.ms === null) {
    const missing = [metric.from, metric.to]
      .filter((kind) => kind !== null && metrics.milestoneAt[kind] === null)
      .map((kind) => t(`export:report.milestoneWord.${kind!}`));
    return missing.length > 1
      ? t('export:report.metrics.notAvailableEither', { first: missing[0], second: missing[1] })
      : t('export:report.metrics.notAvailable', { first: missing[0] });
  }
  if (metric.outOfOrder) return t('export:report.metrics.outOfOrder', { duration: formatDuration(metric.ms, language) });
  const value = formatDuration(metric.ms, language);
  return metric.name === 'totalDuration' && metrics.ongoing ? t('export:report.metrics.ongoing', { duration: value }) : value;
}

function metricsSection(ctx: ExportContext, time: (at: EpochMs | null) => string): ReportSection {
  const { metrics, t } = ctx;
  const rows = metrics.list.map((metric) => {
    const from = metrics.milestoneAt[metric.from];
    const to = metric.to === null ? ctx.now : metrics.milestoneAt[metric.to];
    const toLabel = metric.to === null ? t('export:report.metrics.exportTime') : t(`common:milestone.${metric.to}`);
    return [
      t(`export:report.metric.${metric.name}`),
      metricValue(ctx, metric, metrics),
      `${t(`common:milestone.${metric.from}`)}: ${time(from)}`,
      `${toLabel}: ${time(to)}`,
    ];
  });
  const blocks: ReportBlock[] = [table(t, t('export:report.metrics.caption'), ['metric', 'duration', 'from', 'to'], rows, '')];
  if (metrics.startedFrom === 'incident') {
    blocks.push({ type: 'warning', text: t('export:report.metrics.noStarted') });
  }
  for (const inversion of metrics.inversions) blocks.push({ type: 'warning', text: describeInversion(inversion, ctx.language) });
  return section('metrics', t('export:report.section.metrics'), blocks);
}

/** The review as people wrote it, with the key timeline derived from the records. */
function reviewSection(ctx: ExportContext, time: (at: EpochMs | null) => string): ReportSection {
  const { t } = ctx;
  const { review } = ctx.snapshot;
  const text = (id: string, title: string, value: string, empty: string): ReportSection =>
    section(id, title, [value.trim() === '' ? { type: 'empty', text: empty } : { type: 'text', text: value }]);
  const nameMilestone = (kind: Milestone['kind'], label: string) =>
    kind === 'custom' ? label || t('common:milestone.custom') : t(`common:milestone.${kind}`);
  const moments = keyTimeline(ctx.snapshot, nameMilestone).map((m) => [
    time(m.at),
    t(`export:report.keyMoment.${m.kind}`),
    orNone(m.text),
    orNone(ctx.nameOf(m.by)),
    m.kind !== 'change'
      ? NONE
      : m.rolledBack
        ? t('export:report.keyMoment.rolledBack', { time: time(m.rolledBackAt) })
        : t('export:report.keyMoment.notRolledBack'),
  ]);
  const whys = review.fiveWhys.map((w, index) => [String(index + 1), orNone(w.question), orNone(w.answer)]);
  const keyTimelineTitle = t('export:report.section.keyTimeline');
  const fiveWhysTitle = t('export:report.section.fiveWhys');
  return section(
    'review',
    t('export:report.section.review'),
    [],
    [
      text('review-summary', t('common:reviewField.summary'), review.summary, t('export:report.empty.reviewSummary')),
      text('review-impact', t('common:reviewField.impact'), review.impact, t('export:report.empty.reviewImpact')),
      section('key-timeline', keyTimelineTitle, [
        table(t, keyTimelineTitle, ['time', 'kind', 'whatHappened', 'by', 'rollback'], moments, t('export:report.empty.keyTimeline')),
      ]),
      text('root-cause', t('common:reviewField.rootCause'), review.rootCause, t('export:report.empty.rootCause')),
      section('five-whys', fiveWhysTitle, [table(t, fiveWhysTitle, ['step', 'why', 'because'], whys, t('export:report.empty.whys'))]),
      text('went-well', t('common:reviewField.wentWell'), review.wentWell, t('export:report.empty.nothingYet')),
      text('went-badly', t('common:reviewField.wentBadly'), review.wentBadly, t('export:report.empty.nothingYet')),
      text('lessons', t('common:reviewField.lessons'), review.lessons, t('export:report.empty.lessons')),
    ],
  );
}

function dutyMs(person: Person, now: EpochMs): number {
  return person.dutyMsBefore + (person.status === 'active' ? Math.max(0, now - person.statusSince) : 0);
}

function rolesSection(ctx: ExportContext, time: (at: EpochMs | null) => string): ReportSection {
  const { t } = ctx;
  const roles: readonly RoleAssignment[] = ctx.snapshot.roles;
  const current = roles
    .filter((r) => r.endedAt === null)
    .map((r) => [t(`common:role.${r.role}`), orNone(ctx.nameOf(r.personId)), time(r.assignedAt)]);
  const history = roles.map((r) => [
    t(`common:role.${r.role}`),
    orNone(ctx.nameOf(r.personId)),
    time(r.assignedAt),
    r.endedAt === null ? t('export:report.stillHeld') : time(r.endedAt),
    orNone(ctx.nameOf(r.assignedBy)),
  ]);
  return section('roles', t('export:report.section.roles'), [
    table(t, t('export:report.caption.currentRoles'), ['role', 'heldBy', 'since'], current, t('export:report.empty.currentRoles')),
    table(
      t,
      t('export:report.caption.roleHistory'),
      ['role', 'person', 'from', 'until', 'assignedBy'],
      history,
      t('export:report.empty.roleHistory'),
    ),
  ]);
}

function hypothesisSection(ctx: ExportContext, h: Hypothesis, index: number, time: (at: EpochMs | null) => string): ReportSection {
  const { t } = ctx;
  const later = (at: EpochMs, recordedAt: EpochMs | null | undefined) => laterOf(t, at, recordedAt, time);
  const evidence = h.evidence.map((e) => [t(`common:evidenceStance.${e.stance}`), orNone(e.text), time(e.at), orNone(ctx.nameOf(e.by))]);
  const checks = h.checks.map((c) => [
    orNone(c.description),
    t(`common:checkOutcome.${c.outcome}`),
    orNone(c.result),
    later(c.at, c.recordedAt),
    orNone(ctx.nameOf(c.by)),
  ]);
  return section(`hypothesis-${index + 1}`, orNone(h.statement), [
    {
      type: 'fields',
      fields: [
        [t('export:report.field.status'), t(`common:hypothesisStatus.${h.status}`)],
        [t('export:report.field.owner'), orNone(ctx.nameOf(h.ownerId))],
        [
          t('export:report.field.proposed'),
          t('export:report.byPerson', { time: later(h.at ?? h.createdAt, h.createdAt), name: orNone(ctx.nameOf(h.createdBy)) }),
        ],
      ],
    },
    table(t, t('export:report.caption.evidence'), ['stance', 'evidence', 'when', 'by'], evidence, t('export:report.empty.evidence')),
    table(t, t('export:report.caption.checks'), ['check', 'outcome', 'result', 'when', 'by'], checks, t('export:report.empty.checks')),
  ]);
}

/** When it happened, and when it was written down if that was noticeably later. */
function laterOf(t: ExportT, at: EpochMs, recordedAt: EpochMs | null | undefined, time: (at: EpochMs | null) => string): string {
  const shown = time(at);
  return typeof recordedAt === 'number' && recordedAt - at > BACKDATED_AFTER_MS
    ? t('export:report.recordedLater', { time: shown, recorded: time(recordedAt) })
    : shown;
}

/** Who said it, and who wrote it down when that was someone else (the scribe). */
export function entryAuthor(entry: Pick<TimelineEntry, 'authorName' | 'saidByName' | 'saidById'>, t: ExportT = englishT()): string {
  return entry.saidById
    ? t('export:report.saidBy', { name: orNone(entry.saidByName), scribe: orNone(entry.authorName) })
    : orNone(entry.authorName);
}

/** How an entry was corrected, for the exports that show one line per entry; empty when never. */
export function entryCorrection(
  entry: Pick<TimelineEntry, 'revisions' | 'retractedAt' | 'retractedByName' | 'retractionReason'>,
  t: ExportT = englishT(),
): string {
  if (typeof entry.retractedAt === 'number') {
    const name = orNone(entry.retractedByName);
    return entry.retractionReason
      ? t('export:report.retractedBecause', { name, reason: entry.retractionReason })
      : t('export:report.retracted', { name });
  }
  const earlier = entry.revisions ?? [];
  if (earlier.length === 0) return '';
  const revisions = earlier
    .map((revision) => t('export:report.revision', { text: revision.text, name: orNone(revision.editedByName) }))
    .join(t('export:report.revisionSeparator'));
  return t('export:report.edited', { revisions });
}

/** The files an entry carries, for the exports that show one line per entry; empty when none. */
export function entryAttachments(entry: Pick<TimelineEntry, 'attachments'>, t: ExportT = englishT()): string {
  const files = entry.attachments ?? [];
  if (files.length === 0) return '';
  const list = files
    .map((file) => t('export:report.attachedFile', { name: file.name, size: formatBytes(file.size), hash: file.sha256.slice(0, 12) }))
    .join(t('export:report.listSeparator'));
  return t('export:report.attached', { files: list });
}

function timelineCell(entry: TimelineEntry, t: ExportT, translate: ExportContext['translate']): string {
  const text = orNone(eventText(entry, translate));
  const marks = [entryCorrection(entry, t), entryAttachments(entry, t)].filter((mark) => mark !== '');
  return marks.length === 0 ? text : `${text} ${marks.map((mark) => `[${mark}]`).join(' ')}`;
}

export function buildReport(ctx: ExportContext): Report {
  const { snapshot, zone, now, t, language, locale } = ctx;
  const { incident } = snapshot;
  const time = (at: EpochMs | null): string => (at === null ? NONE : formatZonedTime(at, zone, locale));
  const later = (at: EpochMs, recordedAt: EpochMs | null | undefined) => laterOf(t, at, recordedAt, time);
  const hypothesisStatement = new Map(snapshot.hypotheses.map((h) => [h.id, h.statement]));
  const list = (items: readonly string[]) => items.join(t('export:report.listSeparator'));

  const header: ReportBlock = {
    type: 'fields',
    fields: [
      [t('export:report.header.severity'), t(`common:severity.${incident.severity}`)],
      [t('export:report.header.phase'), t(`common:phase.${incident.phase}`)],
      [t('export:report.header.started'), time(incident.startedAt)],
      [
        t('export:report.header.declared'),
        t('export:report.byPerson', { time: time(incident.declaredAt), name: orNone(ctx.nameOf(incident.declaredBy)) }),
      ],
      [t('export:report.header.services'), incident.services.length === 0 ? NONE : list(incident.services)],
      [t('export:report.header.incidentId'), incident.id],
      [t('export:report.header.timesShownIn'), t('export:report.header.zone', { zone })],
      [t('export:report.header.exported'), time(now)],
    ],
  };

  const textOr = (value: string, empty: string): ReportBlock =>
    value.trim() === '' ? { type: 'empty', text: empty } : { type: 'text', text: value };
  const title = (key: Parameters<typeof sectionKey>[0]) => t(sectionKey(key));

  const sections: ReportSection[] = [
    section('summary', title('summary'), [textOr(incident.summary, t('export:report.empty.summary'))]),
    section('impact', title('impact'), [textOr(incident.impact, t('export:report.empty.impact'))]),
    metricsSection(ctx, time),
    reviewSection(ctx, time),
    section('people', title('people'), [
      table(
        t,
        title('people'),
        ['name', 'contact', 'status', 'joined', 'timeOnDuty'],
        snapshot.people.map((p) => [
          orNone(p.name),
          orNone(p.contact),
          t(`common:personStatus.${p.status}`),
          time(p.joinedAt),
          formatDuration(dutyMs(p, now), language),
        ]),
        t('export:report.empty.people'),
      ),
    ]),
    rolesSection(ctx, time),
    section('milestones', title('milestones'), [
      table(
        t,
        title('milestones'),
        ['milestone', 'happened', 'recorded', 'by', 'note'],
        snapshot.milestones.map((m) => [milestoneName(m, t), time(m.at), time(m.recordedAt), orNone(ctx.nameOf(m.by)), orNone(m.note)]),
        t('export:report.empty.milestones'),
      ),
    ]),
    section(
      'hypotheses',
      title('hypotheses'),
      snapshot.hypotheses.length === 0 ? [{ type: 'empty', text: t('export:report.empty.hypotheses') }] : [],
      snapshot.hypotheses.map((h, index) => hypothesisSection(ctx, h, index, time)),
    ),
    section('tasks', title('tasks'), [
      table(
        t,
        title('tasks'),
        ['task', 'assignee', 'status', 'due', 'hypothesis', 'created'],
        snapshot.tasks.map((task) => [
          orNone(task.title),
          task.assigneeId === null ? t('export:report.unassigned') : orNone(ctx.nameOf(task.assigneeId)),
          t(`common:taskStatus.${task.status}`),
          time(task.dueAt),
          task.hypothesisId === null ? NONE : orNone(hypothesisStatement.get(task.hypothesisId) ?? task.hypothesisId),
          time(task.createdAt),
        ]),
        t('export:report.empty.tasks'),
      ),
    ]),
    section('changes', title('changes'), [
      table(
        t,
        title('changes'),
        ['change', 'system', 'madeBy', 'applied', 'state', 'rolledBack'],
        snapshot.changes.map((c) => [
          orNone(c.description),
          orNone(c.system),
          orNone(ctx.nameOf(c.madeBy)),
          later(c.at, c.recordedAt),
          c.state === 'applied' ? t('export:report.changeApplied') : t('export:report.changeRolledBack'),
          time(c.rolledBackAt),
        ]),
        t('export:report.empty.changes'),
      ),
    ]),
    section('follow-ups', title('followUps'), [
      table(
        t,
        title('followUps'),
        ['action', 'owner', 'priority', 'status', 'due', 'created'],
        snapshot.followUps.map((f) => [
          orNone(f.title),
          f.ownerId === null ? t('export:report.unassigned') : orNone(ctx.nameOf(f.ownerId)),
          t(`common:followUpPriority.${f.priority}`),
          t(`common:followUpStatus.${f.status}`),
          time(f.dueAt),
          time(f.createdAt),
        ]),
        t('export:report.empty.followUps'),
      ),
    ]),
    section('timeline', title('timeline'), [
      table(
        t,
        t('export:report.caption.timeline', { count: snapshot.timeline.length, n: String(snapshot.timeline.length) }),
        ['time', 'author', 'kind', 'entry'],
        snapshot.timeline.map((e) => [
          later(e.at, e.recordedAt),
          entryAuthor(e, t),
          t(`common:entryKind.${e.kind}`),
          timelineCell(e, t, ctx.translate),
        ]),
        t('export:report.empty.timeline'),
      ),
    ]),
  ];

  const footer = ctx.generatedBy
    ? t('export:report.footerBy', { time: time(now), by: ctx.generatedBy, id: incident.id })
    : t('export:report.footer', { time: time(now), id: incident.id });
  return { title: orNone(incident.title), header, sections, footer, zone, language, t };
}

type SectionName = keyof typeof import('../../locales/en/export.json')['report']['section'];
function sectionKey<K extends SectionName>(name: K): `export:report.section.${K}` {
  return `export:report.section.${name}`;
}

export function reportFor(snapshot: Parameters<typeof exportContext>[0], options: ExportOptions): Report {
  return buildReport(exportContext(snapshot, options));
}
